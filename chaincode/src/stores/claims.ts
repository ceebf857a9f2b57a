/** Claims and the benefit years they draw on: keys, indexes and the queries over them. */
import type { Context } from 'fabric-contract-api';
import { RecordStore, index, indexTails } from '../ledger/record-store';
import type { BenefitYearRecord, ClaimRecord } from '../model/claim';

/** [refType, refId, claimId]: one claim per dispense or encounter, ever, in any region. */
export const CLAIM_BY_REF = 'claim-by-ref';
/** [invoiceHash, claimId]: an e-invoice backs one claim only (FT-02 fake-invoice reuse). */
export const CLAIM_BY_INVOICE = 'claim-by-invoice';
/** [treatmentRegion, status, claimId]: the treatment insurer's queue; moves with every status change. */
export const CLAIM_BY_REGION_STATUS = 'claim-by-region-status';
/** [insuredRegion, claimId]: the insured region's view of its insured's claims. */
export const CLAIM_BY_INSURED_REGION = 'claim-by-insured-region';
/** [institutionId, claimId] */
export const CLAIM_BY_INSTITUTION = 'claim-by-institution';
/** [patientRef, claimId]: patient timelines. */
export const CLAIM_BY_PATIENT = 'claim-by-patient';
/** [treatmentRegion, insuredRegion, claimId]: remitted cross-region claims in no live batch. */
export const CLAIM_CLEARABLE = 'claim-clearable';

/** A remitted cross-region claim waits for clearing until a batch holds it. */
const clearable = (c: ClaimRecord): boolean => c.status === 'REMITTED' && c.crossRegion && c.batchId === undefined;

export const claims = new RecordStore<ClaimRecord>('claim', (c) => c.claimId, [
  index(CLAIM_BY_REF, (c) => [[c.refType, c.refId, c.claimId]]),
  index(CLAIM_BY_INVOICE, (c) => [[c.invoiceHash, c.claimId]]),
  index(CLAIM_BY_REGION_STATUS, (c) => [[c.treatmentRegion, c.status, c.claimId]]),
  index(CLAIM_BY_INSURED_REGION, (c) => [[c.insuredRegion, c.claimId]]),
  index(CLAIM_BY_INSTITUTION, (c) => [[c.institutionId, c.claimId]]),
  index(CLAIM_BY_PATIENT, (c) => [[c.patientRef, c.claimId]]),
  index(CLAIM_CLEARABLE, (c) => (clearable(c) ? [[c.treatmentRegion, c.insuredRegion, c.claimId]] : [])),
]);

/** The claim already made for a dispense or encounter, if any. */
export async function claimIdForRef(ctx: Context, refType: string, refId: string): Promise<string | undefined> {
  const [earlier] = await indexTails(ctx, CLAIM_BY_REF, [refType, refId]);
  return earlier?.[0];
}

/** The claim an e-invoice already backs, if any. */
export async function claimIdForInvoice(ctx: Context, invoiceHash: string): Promise<string | undefined> {
  const [reused] = await indexTails(ctx, CLAIM_BY_INVOICE, [invoiceHash]);
  return reused?.[0];
}

/** Remitted cross-region claims treated in one region for another's insured, not yet batched. */
export async function clearableClaims(ctx: Context, treatmentRegion: string, insuredRegion: string): Promise<ClaimRecord[]> {
  const tails = await indexTails(ctx, CLAIM_CLEARABLE, [treatmentRegion, insuredRegion]);
  return Promise.all(tails.map(([claimId]) => claims.mustGet(ctx, claimId)));
}

export const benefitYears = new RecordStore<BenefitYearRecord>('benefit-year', (b) => b.id);
