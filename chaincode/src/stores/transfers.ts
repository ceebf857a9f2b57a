/** Transfers, the edges of the fund flow, indexed by payee with a summary for the reverse trace. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexEntries } from '../ledger/record-store';
import type { TransferRecord } from '../model/transfer';

/**
 * [toParty, fromParty, date, transferId] → {amountFen, at}: money received by a party, by payer
 * and date. The summary lets the trace count and sum without reading every transfer. A fund is
 * the payee of clearing and of recoveries, so what came back to it from an institution is here too.
 */
export const TRANSFER_BY_PAYEE = 'transfer-by-payee';

export interface PayeeSummary {
  amountFen: number;
  at: string;
}

export const transfers = new RecordStore<TransferRecord>('transfer', (t) => t.transferId, [
  index(TRANSFER_BY_PAYEE, (t) => [[t.toParty, t.fromParty, t.date, t.transferId]], (t): PayeeSummary => ({ amountFen: t.amountFen, at: t.executed.at })),
]);

export interface Receipt extends PayeeSummary {
  transferId: string;
  /** China date of the transfer. */
  date: string;
}

/** What a party received, from one payer or ('') any, from the payee index alone. */
export async function receiptsOf(ctx: Context, party: string, fromParty: string): Promise<Receipt[]> {
  const prefix = fromParty === '' ? [party] : [party, fromParty];
  const entries = await indexEntries<PayeeSummary>(ctx, TRANSFER_BY_PAYEE, prefix);
  return Promise.all(
    entries.map(async ({ tail, summary }) => {
      const transferId = tail[tail.length - 1];
      const date = tail[tail.length - 2];
      if (summary) return { transferId, date, ...summary };
      const transfer = await transfers.mustGet(ctx, transferId);
      return { transferId, date, at: transfer.executed.at, amountFen: transfer.amountFen };
    }),
  );
}
