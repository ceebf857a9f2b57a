/**
 * The actor timeline query (FT-01): what the ledger holds about one doctor, pharmacy,
 * institution or patient, read through each aggregate's store and index.
 */
import type { Context } from 'fabric-contract-api';
import { indexTails, lastAttribute, type RecordStore } from '../ledger/record-store';
import type { ClaimRecord } from '../model/claim';
import type { TimelineActorType, TimelineEntry } from '../model/trace';
import type { TransferRecord } from '../model/transfer';
import { byTime, claimEntries, complaintEntries, dispenseEntry, filingEntry, prescriptionEntry, transferEntry } from '../rules/timeline';
import { CLAIM_BY_INSTITUTION, CLAIM_BY_PATIENT, claims } from './claims';
import { complaintsOfPatient } from './complaints';
import { DISPENSE_BY_PHARMACY, dispenses } from './dispenses';
import { filingsOfPatient } from './filings';
import { RX_BY_PRESCRIBER, prescriptions, prescriptionsOfPatient } from './prescriptions';
import { receiptsOf, transfers } from './transfers';

/** The records an index lists under one key; the record id is the entry's last attribute. */
async function listed<T extends object>(ctx: Context, store: RecordStore<T>, indexName: string, key: string): Promise<T[]> {
  const tails = await indexTails(ctx, indexName, [key]);
  return Promise.all(tails.map((tail) => store.mustGet(ctx, lastAttribute(tail))));
}

const loadAll = <T extends object>(ctx: Context, store: RecordStore<T>, ids: readonly string[]): Promise<T[]> => Promise.all(ids.map((id) => store.mustGet(ctx, id)));

/** The transfers that recovered claims' fund shares: the institution paid them back. */
const recoveriesOf = (ctx: Context, claimList: readonly ClaimRecord[]): Promise<TransferRecord[]> =>
  loadAll(ctx, transfers, claimList.flatMap((c) => (c.recoveryTransferId === undefined ? [] : [c.recoveryTransferId])));

/** An institution's claims, every status each went through, every payment it received and every recovery it paid back. */
async function institutionEntries(ctx: Context, institutionId: string): Promise<TimelineEntry[]> {
  const own = await listed(ctx, claims, CLAIM_BY_INSTITUTION, institutionId);
  const received = await loadAll(ctx, transfers, (await receiptsOf(ctx, institutionId, '')).map((r) => r.transferId));
  return [...own.flatMap(claimEntries), ...received.map(transferEntry), ...(await recoveriesOf(ctx, own)).map(transferEntry)];
}

/** A patient's prescriptions and their dispenses, claims with their payments, filings and complaints. */
async function patientEntries(ctx: Context, patientRef: string): Promise<TimelineEntry[]> {
  const rxs = await prescriptionsOfPatient(ctx, patientRef);
  const entries = rxs.map(prescriptionEntry);
  for (const rx of rxs) entries.push(...(await loadAll(ctx, dispenses, rx.dispenseIds)).map(dispenseEntry));
  for (const claim of await listed(ctx, claims, CLAIM_BY_PATIENT, patientRef)) {
    entries.push(...claimEntries(claim), ...(await loadAll(ctx, transfers, claim.transferIds)).map(transferEntry), ...(await recoveriesOf(ctx, [claim])).map(transferEntry));
  }
  entries.push(...(await filingsOfPatient(ctx, patientRef)).map(filingEntry));
  entries.push(...(await complaintsOfPatient(ctx, patientRef)).flatMap(complaintEntries));
  return entries;
}

/**
 * Everything about one actor, oldest first: a doctor's prescriptions; a pharmacy's dispenses,
 * claims, receipts and recoveries; an institution's claims, receipts and recoveries; a patient's
 * whole story.
 */
export async function actorTimeline(ctx: Context, actorType: TimelineActorType, id: string): Promise<TimelineEntry[]> {
  switch (actorType) {
    case 'doctor':
      return byTime((await listed(ctx, prescriptions, RX_BY_PRESCRIBER, id)).map(prescriptionEntry));
    case 'pharmacy':
      return byTime([...(await listed(ctx, dispenses, DISPENSE_BY_PHARMACY, id)).map(dispenseEntry), ...(await institutionEntries(ctx, id))]);
    case 'institution':
      return byTime(await institutionEntries(ctx, id));
    case 'patientRef':
      return byTime(await patientEntries(ctx, id));
  }
}
