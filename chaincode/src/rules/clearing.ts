import { ChaincodeError, conflict, ruleViolation, validationError } from '../ledger/errors';
import type { NetPosition } from '../model/batch';
import type { ClaimRecord } from '../model/claim';
import type { ClearingReturn, ClearingReturnRecord } from '../model/transfer';

/** The parts of a remitted cross-region claim that clearing needs. */
export interface ClearingClaim {
  claimId: string;
  insuredRegion: string;
  treatmentRegion: string;
  fundFen: number;
}

export interface ClearingPositions {
  /** Gross amount each of the two regions owes the other. */
  owedFenByRegion: Record<string, number>;
  /** Absent when the two directions cancel. */
  net?: NetPosition;
}

const isBetween = (regionA: string, regionB: string, one: string, other: string): boolean =>
  (one === regionA && other === regionB) || (one === regionB && other === regionA);

/**
 * Bilateral netting. The insured region owes the treatment region the fund share the treatment
 * region advanced to its institution; a treatment region that recovered the share of a claim
 * already cleared owes it back (a return). The two gross debts are set against each other and
 * only the difference moves. Every claim and return must lie between the two regions (the
 * contract checks this first).
 */
export function clearingPositions(regionA: string, regionB: string, claims: readonly ClearingClaim[], returns: readonly ClearingReturn[] = []): ClearingPositions {
  const owed: Record<string, number> = { [regionA]: 0, [regionB]: 0 };
  for (const c of claims) {
    if (!isBetween(regionA, regionB, c.insuredRegion, c.treatmentRegion)) throw new Error(`claim ${c.claimId} is not between ${regionA} and ${regionB}`);
    owed[c.insuredRegion] += c.fundFen;
  }
  for (const r of returns) {
    if (!isBetween(regionA, regionB, r.fromRegion, r.toRegion)) throw new Error(`the return of claim ${r.claimId} is not between ${regionA} and ${regionB}`);
    owed[r.fromRegion] += r.amountFen;
  }
  const diff = owed[regionA] - owed[regionB];
  if (diff === 0) return { owedFenByRegion: owed };
  return {
    owedFenByRegion: owed,
    net: diff > 0 ? { payerRegion: regionA, payeeRegion: regionB, amountFen: diff } : { payerRegion: regionB, payeeRegion: regionA, amountFen: -diff },
  };
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
 * Why a claim cannot go into a batch between two regions: already in one or not remitted
 * (CONFLICT, the claim's state), or not a cross-region claim between them (RULE).
 */
export function batchClaimRefusal(claim: ClaimRecord, regionA: string, regionB: string): ChaincodeError | undefined {
  if (claim.batchId !== undefined) return conflict(`claim ${claim.claimId} is already in batch ${claim.batchId}`);
  if (claim.status !== 'REMITTED') return conflict(`claim ${claim.claimId} is ${claim.status}; only remitted claims are cleared`);
  const regions = [claim.insuredRegion, claim.treatmentRegion];
  if (!claim.crossRegion || !regions.includes(regionA) || !regions.includes(regionB)) {
    return ruleViolation(`claim ${claim.claimId} is not a cross-region claim between ${regionA} and ${regionB}`);
  }
  return undefined;
}

/** A batch is between two regions: the caller's and another. */
export function checkCounterparty(region: string, counterpartyRegion: string): void {
  if (counterpartyRegion === region) throw validationError('counterpartyRegion', `must differ from the caller's region ${region}`);
}

/** A declaration may name only the batch's two regions. */
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
