import type { Context } from 'fabric-contract-api';
import { toBytes } from './canonical-json';

/**
 * Fabric keeps one chaincode event per transaction (a later setEvent replaces an earlier one),
 * so each write transaction emits exactly one event describing everything it changed.
 * Payloads carry ids and pseudonyms only, never patient identity.
 */
export function emit(ctx: Context, name: string, payload: Record<string, unknown>): void {
  ctx.stub.setEvent(name, toBytes({ ...payload, txId: ctx.stub.getTxID() }));
}
