import type { Context } from 'fabric-contract-api';
import { fieldErrors } from '../api/checker';
import { isStringSchema, type AnyTx, type ArgsOf, type TransientOf } from '../api/transaction';
import { invalidFields, validationError } from './errors';

/**
 * A transaction's argument, parsed and checked against its shared schema before any state is
 * read. The gateway checked it too, but the chain never trusts the gateway.
 */
export function argsOf<X extends AnyTx>(tx: X, json: string): ArgsOf<X> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw validationError('args', 'must be a JSON object');
  }
  const errors = fieldErrors(tx.args, value);
  if (errors.length > 0) throw invalidFields(errors);
  return value as ArgsOf<X>;
}

/** The transaction's transient fields, each checked against its schema; patient identity arrives here only. */
export function transientOf<X extends AnyTx>(ctx: Context, tx: X): NonNullable<TransientOf<X>> {
  const schema = tx.transient;
  if (!schema) throw new Error(`${tx.id} takes no transient fields`);
  const map = ctx.stub.getTransient();
  const values: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(schema.properties)) {
    const bytes = map.get(key);
    if (!bytes || bytes.length === 0) continue;
    const text = Buffer.from(bytes).toString('utf8');
    if (isStringSchema(fieldSchema)) {
      values[key] = text;
      continue;
    }
    try {
      values[key] = JSON.parse(text);
    } catch {
      throw validationError(`transient.${key}`, 'must be JSON');
    }
  }
  const errors = fieldErrors(schema, values, 'transient');
  if (errors.length > 0) throw invalidFields(errors);
  return values as NonNullable<TransientOf<X>>;
}
