/**
 * Shared set-up for the prescription-side contract tests: the contracts, extra identities, a
 * catalogue, patients, and a ledger seeded with the salt, the catalogue, the designated
 * institutions the demo identities act for, and two registered doctors at two hospitals.
 */
import { expect } from 'chai';
import { CatalogueContract } from '../../chaincode/src/contracts/catalogue-contract';
import { PractitionerContract } from '../../chaincode/src/contracts/practitioner-contract';
import { PrescriptionContract } from '../../chaincode/src/contracts/prescription-contract';
import { callerOf, stampOf } from '../../chaincode/src/ledger/caller';
import { ChaincodeError, type ErrorCode } from '../../chaincode/src/ledger/errors';
import type { CatalogueDrug } from '../../chaincode/src/model/catalogue';
import type { InstitutionKind, InstitutionRecord } from '../../chaincode/src/model/institution';
import type { InstitutionLevel } from '../../chaincode/src/model/policy';
import type { PrescriptionItem, PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { catalogueDrugsOf, type DrugInput } from '../../chaincode/src/rules/catalogue-entries';
import { DAY_MS } from '../../chaincode/src/rules/validity';
import { institutions } from '../../chaincode/src/stores/institutions';
import { type FakeIdentity, FakeLedger, identities } from './fake-ledger';
import { memberLedger } from './membership-fixtures';

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

/** Two amlodipines (an originator in class B, the procured generic in A), metformin, a monitored antibiotic, an uncovered insulin. */
export const drugs: DrugInput[] = [
  { drugCode: 'AMLO5', name: '苯磺酸氨氯地平片 5mg', genericGroup: 'AMLODIPINE', coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 }, substitutes: ['AMLO5-G'], monitored: false },
  { drugCode: 'AMLO5-G', name: '氨氯地平片 5mg (集采)', genericGroup: 'AMLODIPINE', coverage: { class: 'A', paymentStandardFen: 15 }, substitutes: ['AMLO5'], monitored: false },
  { drugCode: 'MET500', name: '二甲双胍片 500mg', genericGroup: 'METFORMIN', coverage: { class: 'B', selfPayRatioBp: 500, paymentStandardFen: 150 }, substitutes: [], monitored: false },
  { drugCode: 'AMOX250', name: '阿莫西林胶囊 250mg', genericGroup: 'AMOXICILLIN', coverage: { class: 'B', selfPayRatioBp: 2000, paymentStandardFen: 45 }, substitutes: [], monitored: true },
  { drugCode: 'INSIMP', name: '进口胰岛素', genericGroup: 'INSULIN', coverage: { class: 'NONE' }, substitutes: [], monitored: false },
];

export const limits = { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 90 };

/** The OpenVersion argument of the seeded version, and its drugs. */
export const catalogueV1 = { versionId: 'CAT-2026-01', effectiveFrom: '2026-02-01', limits, drugCount: drugs.length };

/** The catalogue entries of `list` as a version records them, by drug code, for the pure rule tests. */
export const entriesOf = (list: readonly DrugInput[] = drugs, versionId = 'CAT-1'): Map<string, CatalogueDrug> =>
  new Map(catalogueDrugsOf(versionId, list).map((d) => [d.drugCode, d]));

/** The price a dispense fixture charges per unit: the drug's payment standard, or 150 fen where it has none. */
export const priceOf = (drugCode: string): number => drugs.find((d) => d.drugCode === drugCode)?.coverage.paymentStandardFen ?? 150;

/** Opens a version, uploads its drugs in batches of `batch` and seals it, as `who`. */
export async function publishCatalogue(
  ledger: FakeLedger,
  version: { versionId: string; effectiveFrom: string; limits: object },
  list: readonly DrugInput[],
  who: FakeIdentity = people.insurerSH,
  batch = 200,
): Promise<void> {
  await ledger.tx(who, (ctx) => rxcc.catalogue.OpenVersion(ctx, JSON.stringify({ ...version, drugCount: list.length })));
  for (let i = 0; i < list.length; i += batch) {
    const drugsArg = { versionId: version.versionId, drugs: list.slice(i, i + batch) };
    await ledger.tx(who, (ctx) => rxcc.catalogue.AddDrugs(ctx, JSON.stringify(drugsArg)));
  }
  await ledger.tx(who, (ctx) => rxcc.catalogue.SealVersion(ctx, JSON.stringify({ versionId: version.versionId })));
}

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

/** The Dispense argument: one JSON object naming the prescription, one fee line per item at `unitPriceFen` (by default the drug's payment standard). */
export function dispenseArgs(rxId: string, dispenseId: string, items: { drugCode: string; quantity: number }[], unitPriceFen?: number): string {
  return JSON.stringify({
    rxId,
    dispenseId,
    items,
    feeLines: items.map((i) => {
      const price = unitPriceFen ?? priceOf(i.drugCode);
      return { drugCode: i.drugCode, unitPriceFen: price, quantity: i.quantity, amountFen: price * i.quantity };
    }),
  });
}

export const registration = (doctorId: string, institutionId: string, scope: string[]): string => JSON.stringify({ doctorId, institutionId, scope });

export const violation = (doctorId: string, ruleId: string, points: number, reason: string, evidenceRef: string): string =>
  JSON.stringify({ doctorId, ruleId, points, reason, evidenceRef });

/** The instant the record builders issue at. */
export const T0 = Date.parse('2026-03-01T08:00:00Z');

/** A prescription item as recorded (class A, payment standard 150 fen), for the pure rule tests. */
export function rxItem(drugCode: string, genericGroup: string, quantity: number, remaining = quantity): PrescriptionItem {
  return {
    drugCode,
    name: `${drugCode} tablet`,
    genericGroup,
    quantity,
    dose: '1 tab qd',
    days: 7,
    coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 150 },
    monitored: false,
    selfPayConfirmed: false,
    remainingQuantity: remaining,
  };
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

/** A designated institution as the registry records it: agreement in force through 2028. */
export function institution(institutionId: string, kind: InstitutionKind, level: InstitutionLevel, region: string, overrides: Partial<InstitutionRecord> = {}) {
  return { institutionId, kind, level, region, overrides };
}

/** The institutions the demo identities act for: two Shanghai hospitals (a tertiary one and a community clinic) and a pharmacy in each region. */
export const INSTITUTIONS = [
  institution('H310001', 'hospital', 'tertiary', '310000'),
  institution('H310002', 'communityClinic', 'basic', '310000'),
  institution('P310001', 'pharmacy', 'basic', '310000'),
  institution('P110001', 'pharmacy', 'basic', '110000'),
];

/** Writes institution records straight through the store, as the registry contract would leave them. */
export async function seedInstitutions(ledger: FakeLedger, list = INSTITUTIONS): Promise<void> {
  await ledger.tx(people.insurerSH, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    for (const { institutionId, kind, level, region, overrides } of list) {
      const record: InstitutionRecord = {
        docType: 'institution',
        institutionId,
        name: `${institutionId} (${kind})`,
        kind,
        level,
        region,
        grade: 'A',
        agreement: { number: `AGR-${institutionId}`, validFrom: '2025-01-01', validTo: '2028-12-31', status: 'ACTIVE' },
        sanctions: [],
        registered: stamp,
        updated: stamp,
        ...overrides,
      };
      await institutions.save(ctx, record);
    }
  });
}

/** A ledger with the pseudonym salt, catalogue CAT-2026-01 (from 1 February), the designated institutions and DOC-1001 / DOC-1002 registered. */
export async function seededLedger(): Promise<FakeLedger> {
  const ledger = await memberLedger();
  const now = ledger.nowMs;
  ledger.nowMs = Date.parse('2026-02-01T01:00:00Z');
  await seedInstitutions(ledger);
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.prescription.InitPatientSalt(ctx, '{}'), { salt: SALT });
  await publishCatalogue(ledger, catalogueV1, drugs);
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
