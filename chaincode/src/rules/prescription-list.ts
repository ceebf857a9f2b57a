/**
 * Which prescriptions a List call selects: at most one filter, and the ISSUED ones without any.
 * Lifecycle status is the recorded one: an ISSUED prescription past validUntil is still listed
 * as ISSUED (Verify answers EXPIRED).
 */
import { type ChaincodeError, forbidden, validationError } from '../ledger/errors';
import type { Role } from '../model/organisations';
import type { PrescriptionStatus } from '../model/prescription';

export type RxFilter =
  | { by: 'patient'; patientRef: string }
  | { by: 'prescriber'; doctorId: string }
  | { by: 'status'; status: PrescriptionStatus }
  | { by: 'flagged' };

export interface ListRequest {
  patientRef?: string;
  prescriber?: string;
  status?: PrescriptionStatus;
  flagged?: boolean;
}

export const DEFAULT_FILTER: RxFilter = { by: 'status', status: 'ISSUED' };

export function listFilterOf(req: ListRequest): RxFilter {
  const filters: [string, RxFilter][] = [];
  if (req.patientRef !== undefined) filters.push(['patientRef', { by: 'patient', patientRef: req.patientRef }]);
  if (req.prescriber !== undefined) filters.push(['prescriber', { by: 'prescriber', doctorId: req.prescriber }]);
  if (req.status !== undefined) filters.push(['status', { by: 'status', status: req.status }]);
  if (req.flagged === true) filters.push(['flagged', { by: 'flagged' }]);
  if (filters.length > 1) {
    throw validationError(filters[1][0], `cannot be combined with ${filters[0][0]}: give at most one of patientRef, prescriber, status, flagged`);
  }
  return filters[0]?.[1] ?? DEFAULT_FILTER;
}

/** Prescriptions flagged as duplicates (SR-04) are for the fund's eyes: insurers and investigators. */
export const FLAGGED_READERS: readonly Role[] = ['insurer', 'investigator'];

export function listRefusal(filter: RxFilter, role: Role): ChaincodeError | undefined {
  if (filter.by === 'flagged' && !FLAGGED_READERS.includes(role)) {
    return forbidden(`only ${FLAGGED_READERS.join(' or ')} may list flagged prescriptions, not a ${role}`);
  }
  return undefined;
}
