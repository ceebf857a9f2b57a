/**
 * Withdrawing a prescription: only its issuing doctor or an admin of the issuing hospital may,
 * and only while nothing has been dispensed from it.
 */
import { type ChaincodeError, conflict, forbidden } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { Caller } from '../model/membership';
import type { PrescriptionRecord } from '../model/prescription';

export function revocationRefusal(actor: Caller, rx: PrescriptionRecord): ChaincodeError | undefined {
  const isIssuer = actor.role === 'doctor' && actor.licenceId === rx.prescriber.doctorId;
  const isHospitalAdmin = actor.role === 'admin' && actor.member.kind === 'hospital' && actor.institutionId === rx.prescriber.institutionId;
  if (!isIssuer && !isHospitalAdmin) return forbidden(`only the issuing doctor or an admin of ${rx.prescriber.institutionId} may revoke ${rx.rxId}`);
  if (rx.status !== 'ISSUED' || rx.dispenseIds.length > 0) return conflict(`prescription ${rx.rxId} is ${rx.status} and can no longer be revoked`);
  return undefined;
}

export function revoked(rx: PrescriptionRecord, reason: string, stamp: Stamp): PrescriptionRecord {
  return { ...rx, status: 'REVOKED', revocation: { reason, recorded: stamp }, updated: stamp };
}
