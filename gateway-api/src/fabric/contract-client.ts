/**
 * One typed method per transaction of a contract, so callers name transactions by their
 * definitions and never by 'Contract:Fn' strings: `contractClient(ledger, ProbeApi).Write(user,
 * { id, note })` submits and answers `Committed<ProbeRecord>`; a read answers its result.
 */
import type { AnyTx, ArgsOf, ResultOf } from '@rxchain/chaincode/dist/shared';
import type { AuthenticatedUser } from './identities';
import type { CallOptions, Committed, LedgerPort } from './ledger-port';

/** A write answers its result with the tx id and block; a read answers the result. */
export type TxCall<X extends AnyTx> = (
  user: AuthenticatedUser,
  args: ArgsOf<X>,
  options?: CallOptions<X>,
) => Promise<X['submit'] extends true ? Committed<ResultOf<X>> : ResultOf<X>>;

export type ContractClient<C extends Record<string, AnyTx>> = { readonly [K in keyof C]: TxCall<C[K]> };

export function contractClient<const C extends Record<string, AnyTx>>(ledger: LedgerPort, api: C): ContractClient<C> {
  const client: Record<string, TxCall<AnyTx>> = {};
  for (const [name, tx] of Object.entries(api)) {
    client[name] = tx.submit ? (user, args, options) => ledger.submit(user, tx, args, options) : (user, args, options) => ledger.evaluate(user, tx, args, options);
  }
  return client as ContractClient<C>;
}
