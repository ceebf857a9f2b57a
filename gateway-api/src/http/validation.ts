import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ApiError, type FieldError } from './api-error';
import type { Schema } from './route';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const cache = new WeakMap<Schema, ValidateFunction>();

function fieldOf(prefix: string, e: ErrorObject): string {
  const pointer = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty
    : e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty
    : '';
  return [prefix, pointer, extra].filter(Boolean).join('.');
}

function messageOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'is not an allowed field';
  if (e.keyword === 'required') return 'is required';
  return e.message ?? 'is invalid';
}

/** Validates a value against a schema; throws a 400 listing every offending field. */
export function validate(prefix: string, schema: Schema, value: unknown): void {
  let check = cache.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    cache.set(schema, check);
  }
  if (!check(value)) {
    const details: FieldError[] = (check.errors ?? []).map((e) => ({ field: fieldOf(prefix, e), message: messageOf(e) }));
    throw new ApiError(400, 'VALIDATION', `invalid ${prefix}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  }
}

export function objectSchema(properties: Record<string, Schema>, required: string[] = []): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}
