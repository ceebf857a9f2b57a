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

export function dispenseArgs(dispenseId: string, items: { drugCode: string; quantity: number }[], unitPriceFen = 150): string {
  return JSON.stringify({
    dispenseId,
    items,
    feeLines: items.map((i) => ({ item: i.drugCode, unitPriceFen, quantity: i.quantity, amountFen: unitPriceFen * i.quantity })),
  });
}

/** A ledger with the pseudonym salt, catalogue CAT-2026-01 (from 1 February) and DOC-1001 / DOC-1002 registered. */
export async function seededLedger(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  const now = ledger.nowMs;
  ledger.nowMs = Date.parse('2026-02-01T01:00:00Z');
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.prescription.InitPatientSalt(ctx), { salt: SALT });
  await ledger.tx(people.insurerSH, (ctx) => rxcc.catalogue.PublishVersion(ctx, JSON.stringify(catalogueV1)));
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-1001', 'H310001', '["内科专业"]'));
  await ledger.tx(people.hospitalAdmin2, (ctx) => rxcc.practitioner.Register(ctx, 'DOC-1002', 'H310002', '["全科医学专业"]'));
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
