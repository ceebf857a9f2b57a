/**
 * Importing a region's history (Archive:ImportVisits): what a batch must satisfy before anything
 * is read, the moments of a visit's acts, the import mark on their stamps, and how a claim ends
 * as the settlement system decided it. Pure; the contract builds the records with the same
 * builders the live acts use (issuedPrescription, dispensed, assessClaim, paymentTransfer).
 */
import type { Static } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import type { HistoricalVisit } from '../api/archive-api';
import { canonicalJson } from '../ledger/canonical-json';
import { ChaincodeError, conflict, invalidFields, ruleViolation, type FieldError } from '../ledger/errors';
import type { ImportBatchRecord, ImportCounts } from '../model/archive';
import type { Stamp } from '../model/audit';
import type { CatalogueDrug } from '../model/catalogue';
import type { ClaimRecord } from '../model/claim';
import type { PrescriptionRecord } from '../model/prescription';
import { withStatus } from './claim-status';
import { drugFactKey, type ReviewFacts } from './review-facts';

export type Visit = Static<typeof HistoricalVisit>;

/** The ids of a visit's records: its id is the prescription's, and the stem of the others'. */
export const recordIdsOf = (visitId: string) => ({ rxId: visitId, dispenseId: `${visitId}-D`, claimId: `${visitId}-C`, transferId: `${visitId}-T` });

/**
 * When each act of a visit happened, in China time: issued at 09:00, dispensed at 10:00 and
 * claimed at 11:00 on the visit date, paid at 16:00 on the payment date. The archive keeps dates;
 * fixed hours keep the acts in order and every record's dates on the visit's China date.
 */
export function visitMoments(date: string, paymentDate?: string) {
  return {
    issuedAt: `${date}T01:00:00.000Z`,
    dispensedAt: `${date}T02:00:00.000Z`,
    claimedAt: `${date}T03:00:00.000Z`,
    paidAt: paymentDate === undefined ? undefined : `${paymentDate}T08:00:00.000Z`,
  };
}

/** Every field of a batch that breaks the rules of history, named at once: dates not in the past, payments out of place, ids or invoices used twice. */
export function visitErrors(visits: readonly Visit[], today: string): FieldError[] {
  const errors: FieldError[] = [];
  const firstWith = new Map<string, number>();
  const invoiceAt = new Map<string, number>();
  visits.forEach((visit, i) => {
    const at = `visits[${i}]`;
    const earlier = firstWith.get(visit.visitId);
    if (earlier !== undefined) errors.push({ field: `${at}.visitId`, message: `must not repeat visits[${earlier}].visitId` });
    else firstWith.set(visit.visitId, i);
    if (visit.date >= today) errors.push({ field: `${at}.date`, message: `must be before today (${today}): history happened in the past` });
    const claim = visit.dispense?.claim;
    if (!claim) return;
    const field = `${at}.dispense.claim`;
    const reused = invoiceAt.get(claim.invoiceHash);
    if (reused !== undefined) errors.push({ field: `${field}.invoiceHash`, message: `must not repeat the invoice of visits[${reused}]` });
    else invoiceAt.set(claim.invoiceHash, i);
    if (claim.outcome === 'REMITTED' && !claim.payment) errors.push({ field: `${field}.payment`, message: 'is required for a REMITTED claim' });
    if (claim.outcome !== 'REMITTED' && claim.payment) errors.push({ field: `${field}.payment`, message: 'is only for a REMITTED claim' });
    if (claim.payment && (claim.payment.date < visit.date || claim.payment.date >= today)) {
      errors.push({ field: `${field}.payment.date`, message: `must be on or after the visit date and before today (${today})` });
    }
  });
  return errors;
}

/** A field-level refusal of part of an argument, its fields named from the argument's root. */
export function fieldsUnder(err: unknown, prefix: string): unknown {
  if (!(err instanceof ChaincodeError) || err.code !== 'VALIDATION') return err;
  return invalidFields(err.details.map((d) => ({ ...d, field: `${prefix}.${d.field}` })));
}

/** A refusal inside one visit: its fields under visits[i], any other reason naming the visit so the archive's operator can find it. */
export function inVisit(err: unknown, index: number, visitId: string): unknown {
  if (!(err instanceof ChaincodeError)) return err;
  if (err.code === 'VALIDATION') return fieldsUnder(err, `visits[${index}]`);
  return new ChaincodeError(err.code, `visits[${index}] (${visitId}): ${err.reason}`, err.details);
}

/** The import transaction's stamp on a historical act: the act's own time, the import marked. */
export function historyStamp(recorded: Stamp, at: string, batchId?: string): Stamp {
  return { ...recorded, at, imported: batchId === undefined ? { recordedAt: recorded.at } : { batchId, recordedAt: recorded.at } };
}

/** sha256 of the batch's visits in canonical JSON: what tells a resubmitted batch from another under a used id. */
export const batchContentHash = (visits: readonly Visit[]): string => createHash('sha256').update(canonicalJson(visits), 'utf8').digest('hex');

/** A batch id is used once: a resubmission writes nothing (a resumed load doubles nothing), other content under it is refused too. */
export function reimportConflict(earlier: ImportBatchRecord, contentHash: string): ChaincodeError {
  return earlier.contentHash === contentHash
    ? conflict(`batch ${earlier.batchId} was already imported by transaction ${earlier.recorded.txId}; nothing was written`)
    : conflict(`batch id ${earlier.batchId} was already used by transaction ${earlier.recorded.txId} for other visits`);
}

/**
 * Smart review's facts for a historical claim: the claim's own prescription and its drugs' entries.
 * The patient's other history is not consulted (SR-04 windows, SR-18 same-day claims): the
 * settlement system reviewed those claims then, and its outcome is what the import records.
 */
export function ownFacts(rx: PrescriptionRecord, drugs: ReadonlyMap<string, CatalogueDrug>): ReviewFacts {
  const entries = new Map<string, CatalogueDrug>();
  for (const item of rx.items) {
    const drug = drugs.get(item.drugCode);
    if (drug) entries.set(drugFactKey(rx.catalogueVersion, item.drugCode), drug);
  }
  return { billed: new Map([[rx.rxId, rx]]), prescriptionsInWindow: [], drugs: entries, visitsInWindow: [], sameDayClaimIds: [], sameRxClaimIds: [] };
}

export const SETTLED_IN_HISTORY = 'decided in the settlement system before the region joined the chain';

/**
 * The claim as the settlement system decided it. A claim the chain's review rejects at
 * submission cannot have been approved; any other goes to the recorded outcome (REMITTED passes
 * through APPROVED, as a live claim does before payment).
 */
export function settledClaim(claim: ClaimRecord, outcome: 'APPROVED' | 'REJECTED' | 'REMITTED', stamp: Stamp): ClaimRecord {
  if (claim.status === 'REJECTED' && outcome !== 'REJECTED') {
    const rules = claim.reviewHits.filter((h) => h.action === 'reject').map((h) => h.ruleId);
    throw ruleViolation(`the claim is rejected at submission by ${rules.join(', ')}; the archive cannot record it as ${outcome}`);
  }
  const decided = outcome === 'REJECTED' ? 'REJECTED' : 'APPROVED';
  return claim.status === decided ? claim : withStatus(claim, decided, SETTLED_IN_HISTORY, stamp);
}

export const NO_RECORDS: ImportCounts = { prescriptions: 0, dispenses: 0, claims: 0, transfers: 0 };

/** The batch record: its id, region, content hash, the period of its visits and what it wrote. */
export function importedBatch(batchId: string, region: string, visits: readonly Visit[], records: ImportCounts, recorded: Stamp): ImportBatchRecord {
  const dates = visits.map((v) => v.date).sort();
  return {
    docType: 'import-batch',
    batchId,
    region,
    contentHash: batchContentHash(visits),
    visits: visits.length,
    records: { ...records },
    period: { from: dates[0], to: dates[dates.length - 1] },
    recorded,
  };
}
