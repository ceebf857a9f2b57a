import { ChaincodeError, conflict, ruleViolation, validationError } from '../ledger/errors';
import { MAX_BATCH_REGIONS, type GrossDebt } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import type { ClearingReturn, ClearingReturnRecord } from '../model/transfer';
import { nettingPlan, type NettingPlan } from './netting';

/** The parts of a remitted cross-region claim that clearing needs. */
export interface ClearingClaim {
  claimId: string;
  insuredRegion: string;
  treatmentRegion: string;
  fundFen: number;
}

/**
 * What a batch among `regions` settles. The insured region owes the treatment region the fund
 * share the treatment region advanced to its institution; a treatment region that recovered the
 * share of a claim already cleared owes it back (a return). Every claim and return must lie
 * between two of the regions (the contract checks this first); the debts are netted
 * multilaterally (rules/netting.ts).
 */
export function clearingPlan(regions: readonly string[], claims: readonly ClearingClaim[], returns: readonly ClearingReturn[] = []): NettingPlan {
  const debts: GrossDebt[] = [
    ...claims.map((c) => ({ debtorRegion: c.insuredRegion, creditorRegion: c.treatmentRegion, amountFen: c.fundFen })),
    ...returns.map((r) => ({ debtorRegion: r.fromRegion, creditorRegion: r.toRegion, amountFen: r.amountFen })),
  ];
  return nettingPlan(regions, debts);
}

export const clearingClaimOf = (claim: ClaimRecord): ClearingClaim => ({
  claimId: claim.claimId,
  insuredRegion: claim.insuredRegion,
  treatmentRegion: claim.treatmentRegion,
  fundFen: claim.amounts.fundFen,
});

/** The line a batch records for a clearing return. */
export const returnLineOf = (r: ClearingReturnRecord): ClearingReturn => ({ claimId: r.claimId, fromRegion: r.fromRegion, toRegion: r.toRegion, amountFen: r.amountFen });

/**
 * Why a claim cannot go into a batch among these regions: already in one or not remitted
 * (CONFLICT, the claim's state), or not a cross-region claim between two of them (RULE).
 */
export function batchClaimRefusal(claim: ClaimRecord, regions: readonly string[]): ChaincodeError | undefined {
  if (claim.batchId !== undefined) return conflict(`claim ${claim.claimId} is already in batch ${claim.batchId}`);
  if (claim.status !== 'REMITTED') return conflict(`claim ${claim.claimId} is ${claim.status}; only remitted claims are cleared`);
  if (!claim.crossRegion || !regions.includes(claim.insuredRegion) || !regions.includes(claim.treatmentRegion)) {
    return ruleViolation(`claim ${claim.claimId} is not a cross-region claim between ${regions.join(', ')}`);
  }
  return undefined;
}

/**
 * A batch's regions, in code order: the caller's and either one counterparty (the bilateral
 * form) or a list of others; exactly one of the two.
 */
export function batchRegionsOf(region: string, counterpartyRegion: string | undefined, others: readonly string[] | undefined): string[] {
  if (counterpartyRegion !== undefined && others !== undefined) throw validationError('regions', 'must not be given together with counterpartyRegion');
  if (counterpartyRegion === undefined && others === undefined) throw validationError('regions', 'is required: the other regions of the batch (or counterpartyRegion for one)');
  const field = counterpartyRegion !== undefined ? 'counterpartyRegion' : 'regions';
  const listed = counterpartyRegion !== undefined ? [counterpartyRegion] : (others as readonly string[]);
  if (listed.includes(region)) throw validationError(field, `must not name the caller's own region ${region}`);
  if (listed.length + 1 > MAX_BATCH_REGIONS) throw validationError(field, `must name at most ${MAX_BATCH_REGIONS - 1} other regions`);
  return [region, ...listed].sort();
}

/** A declaration may name only the batch's regions. */
export function checkDeclaredRegions(declared: Record<string, number>, regions: readonly string[]): void {
  const stranger = Object.keys(declared).find((region) => !regions.includes(region));
  if (stranger !== undefined) throw validationError(`owedFenByRegion.${stranger}`, `is not a region of this batch (${regions.join(', ')})`);
}

/** Where declared amounts differ from the claims' sums; a region left out of `declared` is taken as 0. */
export function balanceMismatches(computed: Record<string, number>, declared: Record<string, number>): string[] {
  const mismatches: string[] = [];
  for (const region of Object.keys(declared)) {
    if (!(region in computed)) mismatches.push(`region ${region} is not a party to this batch`);
  }
  for (const [region, fen] of Object.entries(computed)) {
    const stated = declared[region] ?? 0;
    if (stated !== fen) mismatches.push(`${region} owes ${fen} fen by its claims but ${stated} fen was declared`);
  }
  return mismatches;
}
