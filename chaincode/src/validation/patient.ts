/**
 * Patient identity from the transient map. Messages name the field, never its value: the value
 * is personal data and an error message can end up in gateway logs.
 */
import type { Context } from 'fabric-contract-api';
import { validationError } from '../ledger/errors';
import { PATIENT_ID_TYPES, type PatientIdentityInput } from '../model/prescription';
import { SALT_RE, isValidIdCardNumber } from '../rules/patient-ref';
import { Obj } from './args';

export const TRANSIENT_PATIENT = 'patient';
export const TRANSIENT_SALT = 'salt';

const OTHER_ID_RE = /^[A-Z0-9-]{4,32}$/;

function transientText(ctx: Context, key: string): string {
  const bytes = ctx.stub.getTransient().get(key);
  if (!bytes || bytes.length === 0) throw validationError(`transient field '${key}' is required`);
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The patient as identified by an identity document. Letters in the number are upper-cased
 * first, so 'x' and 'X' in an identity card number give the same pseudonym.
 */
export function patientFromTransient(ctx: Context): PatientIdentityInput {
  const f = Obj.parse(transientText(ctx, TRANSIENT_PATIENT), `transient.${TRANSIENT_PATIENT}`, ['idType', 'idNumber', 'name']);
  const idType = f.oneOf('idType', PATIENT_ID_TYPES);
  const idNumber = f.text('idNumber', 32).toUpperCase();
  const valid = idType === 'ID_CARD' ? isValidIdCardNumber(idNumber) : OTHER_ID_RE.test(idNumber);
  if (!valid) {
    throw validationError(
      idType === 'ID_CARD'
        ? `${f.at('idNumber')} must be an 18-character identity card number with a correct check character`
        : `${f.at('idNumber')} must be 4-32 letters, digits or dashes`,
    );
  }
  return { idType, idNumber, name: f.text('name', 64) };
}

export function saltFromTransient(ctx: Context): string {
  const salt = transientText(ctx, TRANSIENT_SALT);
  if (!SALT_RE.test(salt)) throw validationError(`transient field '${TRANSIENT_SALT}' must be 64 to 128 lowercase hex digits (32-64 random bytes)`);
  return salt;
}
