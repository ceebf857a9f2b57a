/**
 * A request checked against its route's schemas with the checker the chaincode uses, so the
 * gateway refuses what the chaincode would, field for field: every offending path parameter,
 * query parameter, body field and header in one 400.
 */
import { Type, type TObject } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { fieldErrors, type FieldError } from '@rxchain/chaincode/dist/shared';
import { invalidRequest } from './api-error';
import type { RequestSchemas } from './route-schemas';

export interface RawInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  minBlock?: string;
  idempotencyKey?: string;
}

export interface CheckedInput {
  /** Path parameters and query, converted to the schemas' types (integers, booleans). */
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  minBlock?: bigint;
  idempotencyKey?: string;
}

const pathSchemas = new WeakMap<RequestSchemas, TObject>();

function pathSchemaOf(schemas: RequestSchemas): TObject {
  let schema = pathSchemas.get(schemas);
  if (!schema) {
    schema = Type.Object(schemas.params, { additionalProperties: false });
    pathSchemas.set(schemas, schema);
  }
  return schema;
}

/** Path and query arrive as strings: convert them to what the schema asks for before checking. */
const converted = (schema: TObject, value: Record<string, string>): Record<string, unknown> => Value.Convert(schema, { ...value }) as Record<string, unknown>;

export function checkedInput(schemas: RequestSchemas, raw: RawInput): CheckedInput {
  const errors: FieldError[] = [];
  const pathSchema = pathSchemaOf(schemas);
  const params = converted(pathSchema, raw.params);
  errors.push(...fieldErrors(pathSchema, params, 'path'));
  const query = schemas.query ? converted(schemas.query, raw.query) : {};
  if (schemas.query) errors.push(...fieldErrors(schemas.query, query, 'query'));
  const body = schemas.body ? (raw.body ?? null) : undefined;
  if (schemas.body) errors.push(...fieldErrors(schemas.body, body, 'body'));
  if (raw.minBlock !== undefined && !/^[0-9]{1,15}$/.test(raw.minBlock)) errors.push({ field: 'header.X-Min-Block', message: 'must be a block number' });
  if (raw.idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(raw.idempotencyKey)) {
    errors.push({ field: 'header.Idempotency-Key', message: 'must be 1-128 letters, digits or ._:-' });
  }
  if (errors.length > 0) throw invalidRequest(errors);
  return {
    params,
    query,
    body,
    ...(raw.minBlock !== undefined ? { minBlock: BigInt(raw.minBlock) } : {}),
    ...(raw.idempotencyKey !== undefined ? { idempotencyKey: raw.idempotencyKey } : {}),
  };
}
