/**
 * Who may issue an insurance prescription (RX-06, CR-01): a doctor registered at the institution
 * the certificate names, whose prescribing right is active.
 */
import { type ChaincodeError, forbidden, ruleViolation } from '../ledger/errors';
import type { PractitionerRecord } from '../model/practitioner';

export function prescribingRefusal(doctor: PractitionerRecord | undefined, doctorId: string, institutionId: string): ChaincodeError | undefined {
  if (!doctor) return ruleViolation(`doctor ${doctorId} is not registered and may not issue insurance prescriptions (RX-06)`);
  if (doctor.institutionId !== institutionId) return forbidden(`doctor ${doctorId} is registered at ${doctor.institutionId}, not at ${institutionId}`);
  if (doctor.rxRight !== 'ACTIVE') return ruleViolation(`doctor ${doctorId} has had prescribing rights suspended (CR-01, ${doctor.points} points)`);
  return undefined;
}
