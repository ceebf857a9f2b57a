/**
 * The patient pseudonym. patientRef = HMAC-SHA256(salt, idType ":" idNumber) in hex: stable for
 * one person across institutions (so duplicates are found, SR-04), unlinkable to the identity
 * without the salt, which lives only in the patientIdentity private collection. HMAC is
 * deterministic, so every endorser derives the same value.
 */
import { createHmac } from 'node:crypto';
import { validationError } from '../ledger/errors';

export function patientRefOf(saltHex: string, idType: string, idNumber: string): string {
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(`${idType}:${idNumber}`, 'utf8').digest('hex');
}

/** Secret per-patient value mixed into the private record so its public hash cannot be guessed. */
export function blindOf(saltHex: string, patientRef: string): string {
  return createHmac('sha256', Buffer.from(saltHex, 'hex')).update(`blind:${patientRef}`, 'utf8').digest('hex');
}

const ID_CARD_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CARD_CHECK = '10X98765432';

/** A mainland resident identity card number (GB 11643-1999): 17 digits and a check character. */
export function isValidIdCardNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_CARD_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CARD_CHECK[sum % 11] === value[17];
}

/**
 * The patient as the pseudonym is derived from: letters in the number upper-cased, so 'x' and
 * 'X' in an identity card number give one patientRef, and an identity card number must carry its
 * correct check character. The refusal names the field, never the number (personal data).
 */
export function normalisedPatient<P extends { idType: string; idNumber: string }>(patient: P): P {
  const idNumber = patient.idNumber.toUpperCase();
  if (patient.idType === 'ID_CARD' && !isValidIdCardNumber(idNumber)) {
    throw validationError('transient.patient.idNumber', 'must be an 18-character identity card number with a correct check character');
  }
  return { ...patient, idNumber };
}
