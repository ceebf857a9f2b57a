/**
 * Party checks: on whose behalf a caller acts. The access table has already checked the role;
 * these decide whether this caller may act on this record (own institution, own region).
 */
import type { Actor } from '../model/audit';
import type { ClaimRecord } from '../model/claim';
import { MSP } from '../model/organisations';
import { forbidden } from './errors';
import { requireAttr } from './caller';

/** Staff of a hospital or pharmacy, acting for their institution in their region. */
export interface Staff {
  actor: Actor;
  institutionId: string;
  region: string;
  kind: 'hospital' | 'pharmacy';
}

export function staffOf(actor: Actor): Staff {
  if (actor.mspId !== MSP.hospital && actor.mspId !== MSP.pharmacy) {
    throw forbidden(`only hospital or pharmacy staff may do this, not members of ${actor.mspId}`);
  }
  return {
    actor,
    institutionId: requireAttr(actor, 'institutionId'),
    region: requireAttr(actor, 'region'),
    kind: actor.mspId === MSP.hospital ? 'hospital' : 'pharmacy',
  };
}

/** The region an insurer acts for (callerOf has matched it to the MSP). */
export function insurerRegionOf(actor: Actor): string {
  if (actor.role !== 'insurer') throw forbidden(`${actor.role} is not an insurer`);
  return requireAttr(actor, 'region');
}

/** Staff of the given institution (any hospital or pharmacy role). */
export function isStaffOf(actor: Actor, institutionId: string): boolean {
  return (actor.mspId === MSP.hospital || actor.mspId === MSP.pharmacy) && actor.institutionId === institutionId;
}

export function isInsurerOf(actor: Actor, ...regions: string[]): boolean {
  return actor.role === 'insurer' && actor.region !== undefined && regions.includes(actor.region);
}

/** Parties to a claim: its institution's staff, the insurers of both regions, and investigators. */
export function canReadClaim(actor: Actor, claim: Pick<ClaimRecord, 'institutionId' | 'treatmentRegion' | 'insuredRegion'>): boolean {
  return actor.role === 'investigator' || isStaffOf(actor, claim.institutionId) || isInsurerOf(actor, claim.treatmentRegion, claim.insuredRegion);
}
