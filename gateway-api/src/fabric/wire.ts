/**
 * How a transaction travels to the chaincode: exactly one argument, the JSON text of its
 * argument object, and the transient fields encoded as the chaincode's `transientOf` reads them.
 */
import { encodeTransient, type AnyTx, type ArgsOf } from '@rxchain/chaincode/dist/shared';
import type { ProposalOptions } from '@hyperledger/fabric-gateway';
import type { CallOptions } from './ledger-port';

export const wireArgs = <X extends AnyTx>(_tx: X, args: ArgsOf<X>): string => JSON.stringify(args);

export function proposalOf<X extends AnyTx>(tx: X, args: ArgsOf<X>, options: CallOptions<X> = {}): ProposalOptions {
  return {
    arguments: [wireArgs(tx, args)],
    ...(options.transient ? { transientData: encodeTransient(options.transient as Record<string, unknown>) } : {}),
    ...(options.endorsingOrganizations ? { endorsingOrganizations: options.endorsingOrganizations } : {}),
  };
}

/** A transaction's result: the chaincode returns JSON, or nothing. */
export function decodeResult<T>(bytes: Uint8Array): T {
  const text = Buffer.from(bytes).toString('utf8');
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
