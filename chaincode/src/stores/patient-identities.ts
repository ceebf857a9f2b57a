/**
 * The private data collection 'patientIdentity' (network/collections.json): the secret salt of
 * patient pseudonyms and, under each patientRef, the identity behind it. Only the peers of the
 * collection's member orgs hold it, so only their members can derive a patientRef.
 */
import type { Context } from 'fabric-contract-api';
import { toBytes } from '../ledger/canonical-json';
import { conflict, forbidden } from '../ledger/errors';
import type { Caller, MemberKind } from '../model/membership';
import type { PatientIdentityInput, PatientIdentityRecord } from '../model/prescription';
import { blindOf, patientRefOf } from '../rules/patient-ref';

export const PATIENT_COLLECTION = 'patientIdentity';
const SALT_KEY = 'salt';
/** Kinds of org in the collection's policy: every hospital, pharmacy and insurer org, never the regulator. */
const COLLECTION_KINDS: readonly MemberKind[] = ['hospital', 'pharmacy', 'insurer'];

/** Refuses a caller whose org's peers hold no patient identity data, so could not serve the act. */
export function requireCollectionMember(caller: Caller): void {
  if (!COLLECTION_KINDS.includes(caller.member.kind)) throw forbidden(`members of ${caller.mspId} (${caller.member.kind}) hold no patient identity data`);
}

/**
 * Sets the salt once per channel. Replacing it would split every patient's history into two
 * pseudonyms, so it can never be overwritten.
 */
export async function initSalt(ctx: Context, salt: string): Promise<void> {
  const existing = await ctx.stub.getPrivateData(PATIENT_COLLECTION, SALT_KEY);
  if (existing && existing.length > 0) throw conflict('the patient pseudonym salt is already set and cannot be replaced');
  await ctx.stub.putPrivateData(PATIENT_COLLECTION, SALT_KEY, Buffer.from(salt, 'utf8'));
}

async function readSalt(ctx: Context): Promise<string> {
  const bytes = await ctx.stub.getPrivateData(PATIENT_COLLECTION, SALT_KEY);
  if (!bytes || bytes.length === 0) throw conflict('the patient pseudonym salt has not been initialised (InitPatientSalt)');
  return Buffer.from(bytes).toString('utf8');
}

/** The private record of a patient (checked and normalised by rules/patient-ref.ts), with their patientRef. */
export async function identify(ctx: Context, patient: PatientIdentityInput): Promise<PatientIdentityRecord> {
  const salt = await readSalt(ctx);
  const patientRef = patientRefOf(salt, patient.idType, patient.idNumber);
  return { ...patient, patientRef, blind: blindOf(salt, patientRef) };
}

/** Keeps who a patientRef is, for the collection members' own records; never in public state. */
export async function saveIdentity(ctx: Context, record: PatientIdentityRecord): Promise<void> {
  await ctx.stub.putPrivateData(PATIENT_COLLECTION, record.patientRef, toBytes(record));
}
