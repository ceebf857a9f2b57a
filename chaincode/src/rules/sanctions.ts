/**
 * Sanctions on a designation agreement (CR-10): who may impose them, a suspension for a period
 * and a revocation. Pure; the Institution contract reads and saves.
 */
import { ChaincodeError, conflict, forbidden, validationError } from '../ledger/errors';
import type { Actor, Stamp } from '../model/audit';
import type { InstitutionRecord } from '../model/institution';

export interface SanctionBasis {
  ruleId: string;
  reason: string;
  evidenceRef: string;
}

/**
 * The fund's side sanctions: the insurer of the institution's region, or an investigator of the
 * regulator (the fund-supervision bureau acts nationwide). The access table has already
 * admitted only those two roles; investigators are issued by the regulator's CA alone.
 */
export function sanctionerRefusal(actor: Actor, institution: Pick<InstitutionRecord, 'institutionId' | 'region'>): ChaincodeError | undefined {
  if (actor.role === 'investigator') return undefined;
  if (actor.role === 'insurer' && actor.region === institution.region) return undefined;
  return forbidden(`only the insurer of region ${institution.region} or the regulator's investigators sanction ${institution.institutionId}`);
}

const mustNotBeRevoked = (record: InstitutionRecord): void => {
  if (record.agreement.status === 'REVOKED') throw conflict(`the designation agreement of ${record.institutionId} is already revoked`);
};

/**
 * The agreement suspended through `until` (a China date, inclusive): from 00:00 China time the
 * next day the institution may act again. A suspension cannot end in the past; a second one
 * while the first still runs must end later (it extends it), or it changes nothing (CONFLICT).
 */
export function suspendedInstitution(record: InstitutionRecord, until: string, basis: SanctionBasis, today: string, stamp: Stamp): InstitutionRecord {
  mustNotBeRevoked(record);
  if (until < today) throw validationError('until', `must not be in the past (today is ${today} in China)`);
  const current = record.agreement.status === 'SUSPENDED' ? record.agreement.suspendedUntil : undefined;
  if (current !== undefined && current >= today && until <= current) {
    throw conflict(`the designation agreement of ${record.institutionId} is already suspended until ${current} inclusive`);
  }
  return {
    ...record,
    agreement: { ...record.agreement, status: 'SUSPENDED', suspendedUntil: until },
    sanctions: [...record.sanctions, { action: 'SUSPEND', ...basis, until, recorded: stamp }],
    updated: stamp,
  };
}

/** The agreement revoked: final, whatever it was before (a suspension ends in it). */
export function revokedInstitution(record: InstitutionRecord, basis: SanctionBasis, stamp: Stamp): InstitutionRecord {
  mustNotBeRevoked(record);
  const agreement = { ...record.agreement, status: 'REVOKED' as const };
  delete agreement.suspendedUntil;
  return {
    ...record,
    agreement,
    sanctions: [...record.sanctions, { action: 'REVOKE', ...basis, recorded: stamp }],
    updated: stamp,
  };
}
