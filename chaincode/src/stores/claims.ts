/** Claims and the benefit years they draw on: keys, indexes and the queries over them. */
import type { Context } from 'fabric-contract-api';
import { conflict } from '../ledger/errors';
import { RecordStore, index, indexTails, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import type { BenefitYearRecord, ClaimRecord, ClaimStatus } from '../model/claim';

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

/** CONFLICT when an earlier claim holds this claim's id, its dispense or encounter, or its invoice. */
export async function mustBeNewClaim(ctx: Context, c: Pick<ClaimRecord, 'claimId' | 'refType' | 'refId' | 'invoiceHash'>): Promise<void> {
  if (await claims.exists(ctx, c.claimId)) throw conflict(`claim ${c.claimId} already exists`);
  const earlier = await claimIdForRef(ctx, c.refType, c.refId);
  if (earlier) throw conflict(`${c.refType} ${c.refId} is already claimed by claim ${earlier}`);
  const reused = await claimIdForInvoice(ctx, c.invoiceHash);
  if (reused) throw conflict(`invoice ${c.invoiceHash} already backs claim ${reused}`);
}

/** A page of the claims treated in a region (all, or one status's queue) or insured by it. */
export async function claimsOfRegion(
  ctx: Context,
  region: string,
  side: 'treatment' | 'insured',
  status: ClaimStatus | undefined,
  paging: Paging,
): Promise<Page<ClaimRecord>> {
  const [indexName, prefix] = side === 'insured' ? [CLAIM_BY_INSURED_REGION, [region]] : [CLAIM_BY_REGION_STATUS, status ? [region, status] : [region]];
  return pageOf(ctx, indexName, prefix, paging, (attrs) => claims.mustGet(ctx, lastAttribute(attrs)));
}

/** A page of an institution's claims, leaving out those `visible` refuses (the page may come back short). */
export async function claimsOfInstitution(ctx: Context, institutionId: string, paging: Paging, visible: (claim: ClaimRecord) => boolean): Promise<Page<ClaimRecord>> {
  return pageOf(ctx, CLAIM_BY_INSTITUTION, [institutionId], paging, async (attrs) => {
    const claim = await claims.mustGet(ctx, lastAttribute(attrs));
    return visible(claim) ? claim : undefined;
  });
}

export const benefitYears = new RecordStore<BenefitYearRecord>('benefit-year', (b) => b.id);
