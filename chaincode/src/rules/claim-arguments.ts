/**
 * Rules of the Claim contract's arguments a schema cannot say: who claims which kind of record,
 * and the queue a status filters. Everything else a claim rests on is read from the ledger
 * (rules/claim-source.ts).
 */
import { forbidden, validationError } from '../ledger/errors';
import type { Staff } from '../ledger/parties';
import type { ClaimRefType, ClaimStatus } from '../model/claim';

/** Pharmacies claim for their dispenses, hospitals for their encounters. */
export function checkClaimant(staff: Pick<Staff, 'kind'>, refType: ClaimRefType): void {
  if (refType === 'dispense' && staff.kind !== 'pharmacy') throw forbidden('only pharmacy staff claim for dispenses');
  if (refType === 'encounter' && staff.kind !== 'hospital') throw forbidden('only hospital staff claim for encounters');
}

/** Status queues are kept for the treatment side only, where claims are reviewed. */
export function checkRegionListing(side: 'treatment' | 'insured', status: ClaimStatus | undefined): void {
  if (status !== undefined && side !== 'treatment') throw validationError('status', 'filters the treatment side only: leave it out or set side to treatment');
}
