/**
 * The patient pseudonym. patientRef = HMAC-SHA256(salt, idType ":" idNumber) in hex: stable for
 * one person across institutions (so duplicates are found, SR-04), unlinkable to the identity
 * without the salt, which lives only in the patientIdentity private collection. HMAC is
 * deterministic, so every endorser derives the same value.
 */
import { createHmac } from 'node:crypto';

/** 32 to 64 random bytes, hex encoded. */
export const SALT_RE = /^(?:[0-9a-f]{2}){32,64}$/;

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
