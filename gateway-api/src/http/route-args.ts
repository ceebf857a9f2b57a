/** A validated request turned into the argument and transient fields of the route's transaction. */
import crypto from 'node:crypto';
import type { AnyTx, ArgsOf, TransientOf } from '@rxchain/chaincode/dist/shared';
import { ApiError } from './api-error';
import type { RouteRequest, TxRoute } from './route';
import { argFieldOf, pathParamsOf } from './route-schemas';

/**
 * A record id for a create request. Clients may send their own; otherwise it is derived from
 * the Idempotency-Key, so a retried create lands on the same ledger key (and is refused or
 * answered as a duplicate) instead of creating a twin. Without a key it is random, or derived
 * from the path for acts that happen once per record.
 */
export function derivedId(prefix: string, seed: string | undefined): string {
  const source = seed ?? crypto.randomUUID();
  return `${prefix}-${crypto.createHash('sha256').update(source).digest('hex').slice(0, 24)}`;
}

/**
 * The transaction's argument and transient fields from a checked request: `input` holds its
 * path parameters and query converted to the schemas' types.
 */
export function argsFor<X extends AnyTx>(
  route: TxRoute<X>,
  req: RouteRequest,
  input: { params: Record<string, unknown>; query: Record<string, unknown> },
): { args: ArgsOf<X>; transient: TransientOf<X> } {
  const transientKeys = Object.keys(route.tx.transient?.properties ?? {});
  const source: Record<string, unknown> = route.method === 'post' ? { ...((req.body as Record<string, unknown> | undefined) ?? {}) } : { ...input.query };
  const transient: Record<string, unknown> = {};
  for (const key of transientKeys) {
    if (source[key] !== undefined) transient[key] = source[key];
    delete source[key];
  }
  const params = pathParamsOf(route.path);
  for (const param of params) source[argFieldOf(route, param)] = input.params[param];
  for (const { field, prefix, withoutKey } of route.derivedIds ?? []) {
    if (source[field] !== undefined) continue;
    const scope = [req.user.name, route.operationId, ...params.map((p) => req.params[p])].join('\u0000');
    const seed = req.idempotencyKey ? `${scope}\u0000${req.idempotencyKey}` : withoutKey === 'path' ? scope : undefined;
    source[field] = derivedId(prefix, seed);
  }
  if (route.observerArg !== undefined) {
    if (!req.user.observer) throw new ApiError(403, 'FORBIDDEN', `${route.operationId} is for patient observers signed in with their observer id`);
    source[route.observerArg] = req.user.observer.observerId;
  }
  return { args: source as ArgsOf<X>, transient: (route.tx.transient ? transient : undefined) as TransientOf<X> };
}
