import { Context, Contract, Info, Transaction } from 'fabric-contract-api';
import { requireRole } from '../ledger/caller';
import { validationError } from '../ledger/errors';
import { historyOf, indexEntries, indexTails, mustRead, pageSizeOf, readRecord } from '../ledger/state';
import type { BatchRecord } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import type { ComplaintRecord } from '../model/complaint';
import type { FilingRecord } from '../model/filing';
import type { PrescriptionRecord } from '../model/prescription';
import { TIMELINE_ACTOR_TYPES, type FundFlow, type FundsReceived, type Timeline, type TimelineEntry } from '../model/trace';
import type { TransferRecord } from '../model/transfer';
import { receiptsPage, type Receipt } from '../rules/funds-received';
import { CLAIM_BY_INSTITUTION, CLAIM_BY_PATIENT } from './claim-contract';
import { COMPLAINT_BY_PATIENT } from './complaint-contract';
import { FILING_BY_PATIENT } from './filing-contract';
import { DISPENSE_BY_PHARMACY, RX_BY_PATIENT, RX_BY_PRESCRIBER } from './prescription-contract';
import { ID_RE, ID_RULE, PARTY_RE, PATIENT_REF_RE, PATIENT_REF_RULE, arg, dateArg, oneOfArg } from './insurance-support';
import { TRANSFER_BY_PAYEE } from './settlement-contract';

const RECEIPT_BOOKMARK_RE = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z\|[A-Za-z0-9._:-]{1,80}$/;

/**
 * When a record was first written, from its key history. Used for the prescription contracts'
 * records, whose shape this contract does not depend on.
 */
async function firstWrite(ctx: Context, docType: string, id: string): Promise<{ at: string; txId: string } | undefined> {
  let first: { at: string; txId: string } | undefined;
  for (const entry of await historyOf(ctx, docType, id)) {
    if (!first || entry.timestamp < first.at) first = { at: entry.timestamp, txId: entry.txId };
  }
  return first;
}

async function foreignEntries(
  ctx: Context,
  index: string,
  key: string,
  kind: 'prescription' | 'dispense',
  action: string,
): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const tail of await indexTails(ctx, index, [key])) {
    const id = tail[tail.length - 1];
    const written = await firstWrite(ctx, kind, id);
    if (written) entries.push({ ...written, kind, id, action });
  }
  return entries;
}

function claimEntries(claim: ClaimRecord): TimelineEntry[] {
  return claim.statusHistory.map((change) => ({
    at: change.at,
    txId: change.txId,
    kind: 'claim',
    id: claim.claimId,
    action: change.status,
    amountFen: claim.amounts.totalFen,
  }));
}

function transferEntry(transfer: TransferRecord): TimelineEntry {
  return { at: transfer.executed.at, txId: transfer.executed.txId, kind: 'transfer', id: transfer.transferId, action: 'paid', amountFen: transfer.amountFen };
}

async function claimsFrom(ctx: Context, index: string, key: string): Promise<ClaimRecord[]> {
  const tails = await indexTails(ctx, index, [key]);
  return Promise.all(tails.map((tail) => mustRead<ClaimRecord>(ctx, 'claim', tail[tail.length - 1])));
}

interface PayeeEntry {
  date: string;
  transferId: string;
  summary?: { amountFen: number; at: string };
}

/** The payee index entries of what a party received, from one fund or ('') any. */
async function transfersTo(ctx: Context, party: string, fromFund: string): Promise<PayeeEntry[]> {
  const prefix = fromFund === '' ? [party] : [party, fromFund];
  const entries = await indexEntries<PayeeEntry['summary']>(ctx, TRANSFER_BY_PAYEE, prefix);
  return entries.map(({ tail, summary }) => ({ date: tail[tail.length - 2], transferId: tail[tail.length - 1], summary }));
}

/** What a party received; entries written without a summary are completed from their transfer. */
async function receiptsOf(ctx: Context, party: string, fromFund: string): Promise<Receipt[]> {
  return Promise.all(
    (await transfersTo(ctx, party, fromFund)).map(async ({ date, transferId, summary }) => {
      if (summary) return { transferId, date, ...summary };
      const transfer = await mustRead<TransferRecord>(ctx, 'transfer', transferId);
      return { transferId, date, at: transfer.executed.at, amountFen: transfer.amountFen };
    }),
  );
}

@Info({ title: 'Trace', description: 'Investigator queries: fund flow of a claim, money received by a party, actor timelines (FT-01)' })
export class TraceContract extends Contract {
  constructor() {
    super('Trace');
  }

  /** Claim → payment transfers → payee → clearing batch → fund-to-fund transfer. */
  @Transaction(false)
  async FundFlow(ctx: Context, claimId: string): Promise<FundFlow> {
    requireRole(ctx, 'investigator');
    const claim = await mustRead<ClaimRecord>(ctx, 'claim', arg(claimId, 'claimId', ID_RE, ID_RULE));
    const payments = await Promise.all(claim.transferIds.map((id) => mustRead<TransferRecord>(ctx, 'transfer', id)));
    const flow: FundFlow = {
      claimId: claim.claimId,
      status: claim.status,
      patientRef: claim.patientRef,
      insuredRegion: claim.insuredRegion,
      treatmentRegion: claim.treatmentRegion,
      amounts: claim.amounts,
      statusHistory: claim.statusHistory,
      payments,
      payee: { party: claim.institutionId, receivedFen: payments.reduce((sum, t) => sum + t.amountFen, 0) },
    };
    if (claim.batchId !== undefined) {
      flow.batch = await mustRead<BatchRecord>(ctx, 'batch', claim.batchId);
      if (flow.batch.transferId !== undefined) flow.clearing = await mustRead<TransferRecord>(ctx, 'transfer', flow.batch.transferId);
    }
    return flow;
  }

  /**
   * Everything a party (institution or fund) received from a fund ('' for any) between two China
   * dates, inclusive: the count and total of all of it, and one page of the transfers, oldest first.
   */
  @Transaction(false)
  async FundsReceived(ctx: Context, party: string, fromFund: string, fromDate: string, toDate: string, pageSize: string, bookmark: string): Promise<FundsReceived> {
    requireRole(ctx, 'investigator');
    arg(party, 'party', PARTY_RE, 'an institution id or fund:<region>');
    if (fromFund !== '') arg(fromFund, 'fromFund', /^fund:\d{6}$/, 'fund:<six-digit region> or empty for any');
    dateArg(fromDate, 'fromDate');
    dateArg(toDate, 'toDate');
    if (fromDate > toDate) throw validationError('fromDate must not be after toDate');
    if (bookmark !== '') arg(bookmark, 'bookmark', RECEIPT_BOOKMARK_RE, 'the bookmark of the previous page');
    const page = receiptsPage(await receiptsOf(ctx, party, fromFund), fromDate, toDate, pageSizeOf(pageSize), bookmark);
    const transfers = await Promise.all(page.pageIds.map((id) => mustRead<TransferRecord>(ctx, 'transfer', id)));
    return { party, fromFund, fromDate, toDate, count: page.count, totalFen: page.totalFen, transfers, bookmark: page.bookmark };
  }

  /**
   * What the ledger holds about one actor, oldest first: a doctor's prescriptions; a pharmacy's
   * dispenses, claims and receipts; an institution's claims and receipts; a patient's
   * prescriptions and their dispenses, claims (with their payments), filings and complaints.
   */
  @Transaction(false)
  async Timeline(ctx: Context, actorType: string, id: string): Promise<Timeline> {
    requireRole(ctx, 'investigator');
    const type = oneOfArg(actorType, 'actorType', TIMELINE_ACTOR_TYPES);
    if (type === 'patientRef') arg(id, 'id', PATIENT_REF_RE, PATIENT_REF_RULE);
    else arg(id, 'id', ID_RE, ID_RULE);
    const entries: TimelineEntry[] = [];
    if (type === 'doctor') {
      entries.push(...(await foreignEntries(ctx, RX_BY_PRESCRIBER, id, 'prescription', 'issued')));
    }
    if (type === 'pharmacy') {
      entries.push(...(await foreignEntries(ctx, DISPENSE_BY_PHARMACY, id, 'dispense', 'dispensed')));
    }
    if (type === 'pharmacy' || type === 'institution') {
      for (const claim of await claimsFrom(ctx, CLAIM_BY_INSTITUTION, id)) entries.push(...claimEntries(claim));
      for (const { transferId } of await transfersTo(ctx, id, '')) {
        entries.push(transferEntry(await mustRead<TransferRecord>(ctx, 'transfer', transferId)));
      }
    }
    if (type === 'patientRef') {
      entries.push(...(await foreignEntries(ctx, RX_BY_PATIENT, id, 'prescription', 'issued')));
      for (const [rxId] of await indexTails(ctx, RX_BY_PATIENT, [id])) {
        const rx = await readRecord<PrescriptionRecord>(ctx, 'prescription', rxId);
        for (const dispenseId of rx?.dispenseIds ?? []) {
          const written = await firstWrite(ctx, 'dispense', dispenseId);
          if (written) entries.push({ ...written, kind: 'dispense', id: dispenseId, action: 'dispensed' });
        }
      }
      for (const claim of await claimsFrom(ctx, CLAIM_BY_PATIENT, id)) {
        entries.push(...claimEntries(claim));
        for (const transferId of claim.transferIds) entries.push(transferEntry(await mustRead<TransferRecord>(ctx, 'transfer', transferId)));
      }
      for (const [, filingId] of await indexTails(ctx, FILING_BY_PATIENT, [id])) {
        const filing = await mustRead<FilingRecord>(ctx, 'filing', filingId);
        entries.push({ at: filing.created.at, txId: filing.created.txId, kind: 'filing', id: filingId, action: 'filed' });
      }
      for (const [complaintId] of await indexTails(ctx, COMPLAINT_BY_PATIENT, [id])) {
        const complaint = await mustRead<ComplaintRecord>(ctx, 'complaint', complaintId);
        entries.push({ at: complaint.filed.at, txId: complaint.filed.txId, kind: 'complaint', id: complaintId, action: 'filed' });
        if (complaint.responded) {
          entries.push({ at: complaint.responded.at, txId: complaint.responded.txId, kind: 'complaint', id: complaintId, action: 'responded' });
        }
      }
    }
    // Stable sort by time only: entries of one transaction keep the order they were gathered in,
    // so a claim's SUBMITTED stays ahead of the review status recorded in the same transaction.
    entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { actorType: type, id, entries };
  }
}
