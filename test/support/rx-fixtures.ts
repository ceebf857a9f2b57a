/**
 * Shared set-up for the prescription-side contract tests: the contracts, extra identities, a
 * catalogue, patients, and a ledger seeded with the salt, the catalogue and two registered
 * doctors at two hospitals.
 */
import { expect } from 'chai';
import { CatalogueContract } from '../../chaincode/src/contracts/catalogue-contract';
import { PractitionerContract } from '../../chaincode/src/contracts/practitioner-contract';
import { PrescriptionContract } from '../../chaincode/src/contracts/prescription-contract';
import { ChaincodeError, type ErrorCode } from '../../chaincode/src/ledger/errors';
import type { PrescriptionItem, PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { DAY_MS } from '../../chaincode/src/rules/validity';
import { type FakeIdentity, FakeLedger, identities } from './fake-ledger';

export const rxcc = {
  practitioner: new PractitionerContract(),
  catalogue: new CatalogueContract(),
  prescription: new PrescriptionContract(),
};

export const people = {
  ...identities,
  /** Admin of the second hospital, where doctor2 works. */
  hospitalAdmin2: { mspId: 'HospitalMSP', cn: 'hospitaladmin2', attrs: { role: 'admin', region: '310000', institutionId: 'H310002' } },
  pharmacyAdmin: { mspId: 'PharmacyMSP', cn: 'pharmacyadmin', attrs: { role: 'admin', region: '310000', institutionId: 'P310001' } },
  regulatorAdmin: { mspId: 'RegulatorMSP', cn: 'regulatoradmin', attrs: { role: 'admin', region: '100000' } },
  /** A doctor whose licence was never registered. */
  unregisteredDoctor: { mspId: 'HospitalMSP', cn: 'doctor9', attrs: { role: 'doctor', region: '310000', institutionId: 'H310001', licenceId: 'DOC-1009' } },
} satisfies Record<string, FakeIdentity>;

export const SALT = 'a3f1'.repeat(16);

export const drugs = [
  { drugCode: 'AMLO5', name: '苯磺酸氨氯地平片 5mg', genericGroup: 'AMLODIPINE', inCatalogue: true, selfPayRatioBp: 1000, substitutes: ['AMLO5-G'], monitored: false },
  { drugCode: 'AMLO5-G', name: '氨氯地平片 5mg (集采)', genericGroup: 'AMLODIPINE', inCatalogue: true, selfPayRatioBp: 0, substitutes: ['AMLO5'], monitored: false },
  { drugCode: 'MET500', name: '二甲双胍片 500mg', genericGroup: 'METFORMIN', inCatalogue: true, selfPayRatioBp: 500, substitutes: [], monitored: false },
  { drugCode: 'AMOX250', name: '阿莫西林胶囊 250mg', genericGroup: 'AMOXICILLIN', inCatalogue: true, selfPayRatioBp: 2000, substitutes: [], monitored: true },
  { drugCode: 'INSIMP', name: '进口胰岛素', genericGroup: 'INSULIN', inCatalogue: false, selfPayRatioBp: 10_000, substitutes: [], monitored: false },
];

export const limits = { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 90 };

export const catalogueV1 = { versionId: 'CAT-2026-01', effectiveFrom: '2026-02-01', drugs, limits };

/** ID numbers carry valid GB 11643 check characters. */
export const patientA = { idType: 'ID_CARD', idNumber: '11010519491231002X', name: '张三' };
export const patientB = { idType: 'ID_CARD', idNumber: '310104198001011239', name: '李四' };

export const asTransient = (patient: object): Record<string, string> => ({ patient: JSON.stringify(patient) });

/** The Issue argument: one JSON object. */
export function rxArgs(rxId: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    rxId,
    kind: 'ORDINARY',
    diagnosisCodes: ['I10'],
    items: [
      { drugCode: 'AMLO5', quantity: 14, dose: '5mg qd', days: 7 },
      { drugCode: 'MET500', quantity: 28, dose: '500mg bid', days: 7 },
    ],
    ...overrides,
  });
}

/** The Dispense argument: one JSON object naming the prescription. */
export function dispenseArgs(rxId: string, dispenseId: string, items: { drugCode: string; quantity: number }[], unitPriceFen = 150): string {
  return JSON.stringify({
    rxId,
    dispenseId,
    items,
    feeLines: items.map((i) => ({ item: i.drugCode, unitPriceFen, quantity: i.quantity, amountFen: unitPriceFen * i.quantity })),
  });
}

export const registration = (doctorId: string, institutionId: string, scope: string[]): string => JSON.stringify({ doctorId, institutionId, scope });

export const violation = (doctorId: string, ruleId: string, points: number, reason: string, evidenceRef: string): string =>
  JSON.stringify({ doctorId, ruleId, points, reason, evidenceRef });

/** The instant the record builders issue at. */
export const T0 = Date.parse('2026-03-01T08:00:00Z');

/** A prescription item as recorded, for the pure rule tests. */
export function rxItem(drugCode: string, genericGroup: string, quantity: number, remaining = quantity): PrescriptionItem {
  return { drugCode, genericGroup, quantity, dose: '1 tab qd', days: 7, inCatalogue: true, selfPayRatioBp: 0, selfPayConfirmed: false, remainingQuantity: remaining };
}

/** A 90-day LONG prescription of DOC-1 at H1 issued at T0, for the pure rule tests. */
export function rxRecord(overrides: Partial<PrescriptionRecord> = {}): PrescriptionRecord {
  const stamp = { by: { mspId: 'HospitalMSP' as const, id: 'x509::/CN=doctor1', role: 'doctor' as const }, at: new Date(T0).toISOString(), txId: 'tx1' };
  return {
    docType: 'prescription',
    rxId: 'RX-1',
    prescriber: { doctorId: 'DOC-1', institutionId: 'H1', region: '310000' },
    patientRef: 'f'.repeat(64),
    kind: 'LONG',
    chronicDisease: 'I10',
    diagnosisCodes: ['I10'],
    items: [rxItem('AMLO5', 'AMLODIPINE', 90)],
    catalogueVersion: 'CAT-1',
    issuedAt: new Date(T0).toISOString(),
    validUntil: new Date(T0 + 90 * DAY_MS).toISOString(),
    status: 'ISSUED',
    docHash: '0'.repeat(64),
    flagged: false,
    dispenseIds: [],
    issued: stamp,
    updated: stamp,
    ...overrides,
  };
}

/** Issues rxArgs(rxId, overrides) as `who` for `patient`. */
export function issue(ledger: FakeLedger, rxId: string, overrides: Record<string, unknown> = {}, who: FakeIdentity = people.doctor, patient: object = patientA) {
  return ledger.tx(who, (ctx) => rxcc.prescription.Issue(ctx, rxArgs(rxId, overrides)), asTransient(patient));
}

export function dispense(ledger: FakeLedger, rxId: string, dispenseId: string, items: { drugCode: string; quantity: number }[], who: FakeIdentity = people.pharmacist) {
  return ledger.tx(who, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs(rxId, dispenseId, items)));
}

export const verify = (ledger: FakeLedger, rxId: string, who: FakeIdentity = people.pharmacist) =>
  ledger.tx(who, (ctx) => rxcc.prescription.Verify(ctx, JSON.stringify({ rxId })));

export const list = (ledger: FakeLedger, who: FakeIdentity, query: Record<string, unknown>) =>
  ledger.tx(who, (ctx) => rxcc.prescription.List(ctx, JSON.stringify(query)));

/** A ledger with the pseudonym salt, catalogue CAT-2026-01 (from 1 February) and DOC-1001 / DOC-1002 registered. */
export async function seededLedger(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  const now = ledger.nowMs;
  ledger.nowMs = Date.parse('2026-02-01T01:00:00Z');
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.prescription.InitPatientSalt(ctx, '{}'), { salt: SALT });
  await ledger.tx(people.insurerSH, (ctx) => rxcc.catalogue.PublishVersion(ctx, JSON.stringify(catalogueV1)));
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1001', 'H310001', ['内科专业'])));
  await ledger.tx(people.hospitalAdmin2, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1002', 'H310002', ['全科医学专业'])));
  ledger.nowMs = now;
  return ledger;
}

/** Asserts that a transaction fails with the given chaincode error code (and message pattern). */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode, pattern?: RegExp): Promise<ChaincodeError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a ${code} error`).to.be.instanceOf(ChaincodeError);
  const error = caught as ChaincodeError;
  expect(error.code, error.message).to.equal(code);
  if (pattern) expect(error.message).to.match(pattern);
  return error;
}
