/**
 * Party checks: on whose behalf a caller acts. The access table has already checked the role;
 * these decide whether this caller may act on this record (own institution, own region). They
 * judge by the caller's member entry, which authorise read from the ledger's membership in this
 * same transaction: what kind of org the caller's MSP is, and which region an insurer acts for.
 */
import type { ClaimRecord } from '../model/claim';
import type { Caller } from '../model/membership';
import { forbidden } from './errors';
import { requireAttr } from './caller';

/** Staff of a hospital or pharmacy, acting for their institution in their region. */
export interface Staff {
  actor: Caller;
  institutionId: string;
  region: string;
  kind: 'hospital' | 'pharmacy';
}

const isStaffOrg = (caller: Caller): boolean => caller.member.kind === 'hospital' || caller.member.kind === 'pharmacy';

export function staffOf(caller: Caller): Staff {
  const kind = caller.member.kind;
  if (kind !== 'hospital' && kind !== 'pharmacy') {
    throw forbidden(`only hospital or pharmacy staff may do this, not members of ${caller.mspId} (${kind})`);
  }
  return { actor: caller, institutionId: requireAttr(caller, 'institutionId'), region: requireAttr(caller, 'region'), kind };
}

/** The region an insurer acts for, as the ledger's membership maps its MSP. */
export function insurerRegionOf(caller: Caller): string {
  if (caller.role !== 'insurer' || caller.member.region === undefined) throw forbidden(`${caller.role} of ${caller.mspId} is not an insurer of any region`);
  return caller.member.region;
}

/** Staff of the given institution (any hospital or pharmacy role). */
export function isStaffOf(caller: Caller, institutionId: string): boolean {
  return isStaffOrg(caller) && caller.institutionId === institutionId;
}

export function isInsurerOf(caller: Caller, ...regions: string[]): boolean {
  return caller.role === 'insurer' && caller.member.region !== undefined && regions.includes(caller.member.region);
}

/** Parties to a claim: its institution's staff, the insurers of both regions, and investigators. */
export function canReadClaim(caller: Caller, claim: Pick<ClaimRecord, 'institutionId' | 'treatmentRegion' | 'insuredRegion'>): boolean {
  return caller.role === 'investigator' || isStaffOf(caller, claim.institutionId) || isInsurerOf(caller, claim.treatmentRegion, claim.insuredRegion);
}
