/** JSON Schemas shared by the route definitions: they mirror the chaincode's own argument checks. */
import crypto from 'node:crypto';
import type { Schema } from '../http/route';

export const id: Schema = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' };
export const region: Schema = { type: 'string', pattern: '^[0-9]{6}$' };
export const sha256Hex: Schema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
export const patientRef: Schema = sha256Hex;
export const isoDate: Schema = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
export const fen: Schema = { type: 'integer', minimum: 0, maximum: 100_000_000_000 };
export const ratioBp: Schema = { type: 'integer', minimum: 0, maximum: 10_000 };
export const shortText = (max: number): Schema => ({ type: 'string', minLength: 1, maxLength: max });
export const pageQuery: Record<string, Schema> = {
  pageSize: { type: 'string', pattern: '^[0-9]{1,3}$' },
  bookmark: { type: 'string', maxLength: 512 },
};

export const feeLine: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['item', 'unitPriceFen', 'quantity', 'amountFen'],
  properties: {
    item: shortText(128),
    unitPriceFen: fen,
    quantity: { type: 'integer', minimum: 1, maximum: 100_000 },
    amountFen: fen,
    category: shortText(32),
  },
};

/**
 * A record id for a create request. Clients may send their own; otherwise it is derived from
 * the Idempotency-Key, so a retried create lands on the same ledger key (and is refused or
 * answered as a duplicate) instead of creating a twin. Without a key a random id is used.
 */
export function recordId(prefix: string, given: string | undefined, user: string, operationId: string, idempotencyKey: string | undefined): string {
  if (given) return given;
  const seed = idempotencyKey ? `${user}\u0000${operationId}\u0000${idempotencyKey}` : crypto.randomUUID();
  return `${prefix}-${crypto.createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
}

export const pageArgs = (query: Record<string, string>): [string, string] => [query.pageSize ?? '', query.bookmark ?? ''];
