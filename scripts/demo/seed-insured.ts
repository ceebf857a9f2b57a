/**
 * Insured persons of the demo (XR-01): claims are paid only for patients their insured region's
 * insurer has enrolled on the chain, and draw on the personal account recorded there. Run after
 * seed() (the patient salt must exist). Idempotent: a patient already enrolled is left as is.
 */
import type { Call, CallError } from './api';

export interface InsuredDemoPatient {
  patient: { idType: 'PASSPORT' | 'ID_CARD'; idNumber: string; name: string };
  /** The insured region's insurer (demo user name): insurer-sh (310000) or insurer-bj (110000). */
  insurer: 'insurer-sh' | 'insurer-bj';
  scheme: 'employee' | 'resident';
  /** Opening balance of the personal account, fen. */
  personalAccountFen: number;
}

/** A Shanghai employee with ¥1 200 in the personal account and a Beijing resident (resident schemes have no personal account). */
export const INSURED_PATIENTS: readonly InsuredDemoPatient[] = [
  { patient: { idType: 'PASSPORT', idNumber: 'E31000001', name: 'Demo Patient Shanghai' }, insurer: 'insurer-sh', scheme: 'employee', personalAccountFen: 120_000 },
  { patient: { idType: 'PASSPORT', idNumber: 'E11000001', name: 'Demo Patient Beijing' }, insurer: 'insurer-bj', scheme: 'resident', personalAccountFen: 0 },
];

/** Enrols a patient by pseudonym with their insured region's insurer; true if enrolled now, false if they already were. */
export async function enrolInsured(call: Call, patientRef: string, insurer: InsuredDemoPatient['insurer'], scheme: InsuredDemoPatient['scheme'], personalAccountFen: number): Promise<boolean> {
  // Right after start-up endorsement may fail for want of endorsers (502/503); that settles within seconds.
  for (let attempt = 1; ; attempt++) {
    try {
      await call('POST', '/insured-persons', insurer, { patientRef, scheme, personalAccountFen });
      return true;
    } catch (err) {
      const e = err as CallError;
      if (e.status === 409) return false;
      if ((e.status === 502 || e.status === 503) && attempt < 15) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      throw new Error(`enrolling ${patientRef} failed: ${e.message} ${JSON.stringify(e.details ?? '')}`);
    }
  }
}

export async function seedInsuredPersons(call: Call, log: (s: string) => void = () => undefined): Promise<void> {
  for (const p of INSURED_PATIENTS) {
    const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', p.insurer, { patient: p.patient });
    const enrolled = await enrolInsured(call, patientRef, p.insurer, p.scheme, p.personalAccountFen);
    log(enrolled ? `seeded insured person ${p.patient.name} (${patientRef.slice(0, 12)}…)` : `insured person ${p.patient.name}: already there`);
  }
}
