/**
 * A ledger for smart review on the real transactions: the designated institutions, the salt, a
 * catalogue whose drugs carry indications (and a health supplement), both regions' policies,
 * DOC-1001 at H310001 and DOC-1002 at H310002, and patient A insured in Shanghai.
 */
import type { Context } from 'fabric-contract-api';
import type { DrugInput } from '../../chaincode/src/rules/catalogue-entries';
import type { FakeIdentity, FakeLedger } from './fake-ledger';
import { memberLedger } from './membership-fixtures';
import { SH, cc, seedInsured, seedPolicies } from './insurance-fixtures';
import { SALT, asTransient, patientA, people, publishCatalogue, registration, rxcc, seedInstitutions } from './rx-fixtures';

/** Amlodipine (two of one generic group) for hypertension and angina, metformin for type 2 diabetes, an out-of-catalogue insulin, a supplement. */
export const REVIEW_DRUGS: DrugInput[] = [
  { drugCode: 'AMLO5', name: '苯磺酸氨氯地平片 5mg', genericGroup: 'AMLODIPINE', coverage: { class: 'A', paymentStandardFen: 150 }, indications: ['I10', 'I15', 'I20'] },
  { drugCode: 'AMLO5-G', name: '氨氯地平片 5mg (集采)', genericGroup: 'AMLODIPINE', coverage: { class: 'A', paymentStandardFen: 15 }, indications: ['I10', 'I15', 'I20'] },
  { drugCode: 'MET500', name: '二甲双胍片 500mg', genericGroup: 'METFORMIN', coverage: { class: 'A', paymentStandardFen: 150 }, indications: ['E11'] },
  { drugCode: 'INSIMP', name: '进口胰岛素', genericGroup: 'INSULIN', coverage: { class: 'NONE' } },
  { drugCode: 'VITC-PLUS', name: '维C咀嚼片 (保健品)', genericGroup: 'VITAMIN-C', coverage: { class: 'NONE' }, healthSupplement: true },
];

export const REVIEW_CATALOGUE = { versionId: 'CAT-SR', effectiveFrom: '2026-02-01', limits: { ordinaryMaxDays: 30, emergencyMaxDays: 3, longMaxDays: 90 } };

export async function reviewLedger(): Promise<{ ledger: FakeLedger; patientRef: string }> {
  const ledger = await memberLedger();
  const now = ledger.nowMs;
  ledger.nowMs = Date.parse('2026-02-01T01:00:00Z');
  await seedInstitutions(ledger);
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.prescription.InitPatientSalt(ctx, '{}'), { salt: SALT });
  await publishCatalogue(ledger, REVIEW_CATALOGUE, REVIEW_DRUGS);
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1001', 'H310001', ['内科专业'])));
  await ledger.tx(people.hospitalAdmin2, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1002', 'H310002', ['全科医学专业'])));
  await seedPolicies(ledger);
  ledger.nowMs = now;
  const { patientRef } = await ledger.tx(people.doctor, (ctx) => rxcc.prescription.PatientRef(ctx, '{}'), asTransient(patientA));
  await seedInsured(ledger, patientRef, SH, { personalAccountFen: 100_000 });
  return { ledger, patientRef };
}

/** A transaction of one of the contracts with its one JSON argument. */
export const txOf =
  <T>(ledger: FakeLedger, fn: (ctx: Context, args: string) => Promise<T>) =>
  (who: FakeIdentity, args: Record<string, unknown>, transient: Record<string, string> = {}): Promise<T> =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)), transient);

/** The contracts smart review runs through. */
export function reviewCalls(ledger: FakeLedger) {
  return {
    issue: (who: FakeIdentity, args: Record<string, unknown>) =>
      txOf(ledger, (ctx, a) => rxcc.prescription.Issue(ctx, a))(who, { kind: 'ORDINARY', diagnosisCodes: ['I10'], ...args }, asTransient(patientA)),
    dispense: txOf(ledger, (ctx, a) => rxcc.prescription.Dispense(ctx, a)),
    record: txOf(ledger, (ctx, a) => cc.encounter.Record(ctx, a)),
    submit: txOf(ledger, (ctx, a) => cc.claim.Submit(ctx, a)),
    setPolicy: txOf(ledger, (ctx, a) => cc.policy.Set(ctx, a)),
  };
}
