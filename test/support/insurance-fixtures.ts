/**
 * Shared set-up for the claims-and-settlement contract tests: the contracts, two regions'
 * policies, extra identities, and the records claims are derived from as the other contracts
 * leave them, written through their stores: designated institutions, insured persons, dispenses
 * (with catalogue coverage) and encounters. Plus an assertion for coded chaincode errors.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { ClaimContract } from '../../chaincode/src/contracts/claim-contract';
import { ComplaintContract } from '../../chaincode/src/contracts/complaint-contract';
import { EncounterContract } from '../../chaincode/src/contracts/encounter-contract';
import { FilingContract } from '../../chaincode/src/contracts/filing-contract';
import { InsuredPersonContract } from '../../chaincode/src/contracts/insured-person-contract';
import { PolicyContract } from '../../chaincode/src/contracts/policy-contract';
import { SettlementContract } from '../../chaincode/src/contracts/settlement-contract';
import { TraceContract } from '../../chaincode/src/contracts/trace-contract';
import { callerOf, stampOf } from '../../chaincode/src/ledger/caller';
import type { Coverage } from '../../chaincode/src/model/coverage';
import type { DispenseFeeLine, DispenseRecord } from '../../chaincode/src/model/dispense';
import type { EncounterKind, EncounterRecord, FeeCategory } from '../../chaincode/src/model/encounter';
import type { InstitutionKind, InstitutionRecord } from '../../chaincode/src/model/institution';
import type { InsuranceScheme, InsuredPersonRecord, InsuredStatus } from '../../chaincode/src/model/insured-person';
import type { InstitutionLevel } from '../../chaincode/src/model/policy';
import { CATEGORY_COVERAGE } from '../../chaincode/src/rules/encounter-lines';
import type { Split, SplitInput } from '../../chaincode/src/rules/reimbursement';
import { dispenses } from '../../chaincode/src/stores/dispenses';
import { encounters } from '../../chaincode/src/stores/encounters';
import { institutions } from '../../chaincode/src/stores/institutions';
import { insuredPersons } from '../../chaincode/src/stores/insured-persons';
import { type FakeIdentity, type FakeLedger, identities } from './fake-ledger';

export const SH = '310000';
export const BJ = '110000';

export const cc = {
  policy: new PolicyContract(),
  filing: new FilingContract(),
  insuredPerson: new InsuredPersonContract(),
  encounter: new EncounterContract(),
  claim: new ClaimContract(),
  settlement: new SettlementContract(),
  complaint: new ComplaintContract(),
  trace: new TraceContract(),
};

export const people = {
  ...identities,
  /** Staff of a Beijing hospital, for claims treated in Beijing. */
  hospitalAdminBJ: { mspId: 'HospitalMSP', cn: 'hospitaladmin-bj', attrs: { role: 'admin', region: BJ, institutionId: 'H110001' } },
  pharmacyAdmin: { mspId: 'PharmacyMSP', cn: 'pharmacyadmin', attrs: { role: 'admin', region: SH, institutionId: 'P310001' } },
} satisfies Record<string, FakeIdentity>;

export const shTerms = {
  effectiveFrom: '2026-01-01',
  ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 5000 },
  deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 100_000 },
  annualCapFen: 20_000_000,
  crossRegionFiledRatioBp: 6000,
  crossRegionUnfiledRatioBp: 4000,
  reviewThresholds: { stayWarnDays: 30, manualReviewTotalFen: 5_000_000 },
  personalAccountUse: 'local',
};

export const bjTerms = {
  ...shTerms,
  ratioBpByLevel: { basic: 8000, secondary: 7000, tertiary: 6000 },
  deductibleFenByLevel: { basic: 30_000, secondary: 80_000, tertiary: 130_000 },
  crossRegionFiledRatioBp: 6500,
  crossRegionUnfiledRatioBp: 4500,
};

/** Both regions' policies, in force from 1 January 2026; set in December so they are not retroactive. */
export async function seedPolicies(ledger: FakeLedger): Promise<void> {
  const now = ledger.nowMs;
  ledger.nowMs = Date.parse('2025-12-15T02:00:00Z');
  await ledger.tx(people.insurerSH, (ctx) => cc.policy.Set(ctx, JSON.stringify(shTerms)));
  await ledger.tx(people.insurerBJ, (ctx) => cc.policy.Set(ctx, JSON.stringify(bjTerms)));
  ledger.nowMs = now;
}

export interface InstitutionSeed {
  institutionId: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  region: string;
}

/** The designated institutions of the test identities: H310001 is a tertiary hospital, every other one basic. */
export const INSTITUTIONS: readonly InstitutionSeed[] = [
  { institutionId: 'H310001', kind: 'hospital', level: 'tertiary', region: SH },
  { institutionId: 'H310002', kind: 'communityClinic', level: 'basic', region: SH },
  { institutionId: 'H110001', kind: 'hospital', level: 'basic', region: BJ },
  { institutionId: 'P310001', kind: 'pharmacy', level: 'basic', region: SH },
  { institutionId: 'P110001', kind: 'pharmacy', level: 'basic', region: BJ },
];

/** An institution as the registry records it, with an ACTIVE agreement for 2025-2030, written by its region's insurer. */
export async function seedInstitution(ledger: FakeLedger, seed: InstitutionSeed, changes: Partial<InstitutionRecord> = {}): Promise<InstitutionRecord> {
  return ledger.tx(seed.region === BJ ? people.insurerBJ : people.insurerSH, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    const record: InstitutionRecord = {
      docType: 'institution',
      ...seed,
      name: `Institution ${seed.institutionId}`,
      grade: 'A',
      agreement: { number: `AGR-${seed.institutionId}`, validFrom: '2025-01-01', validTo: '2030-12-31', status: 'ACTIVE' },
      sanctions: [],
      registered: stamp,
      updated: stamp,
      ...changes,
    };
    await institutions.save(ctx, record, await institutions.get(ctx, seed.institutionId));
    return record;
  });
}

export async function seedInstitutions(ledger: FakeLedger): Promise<void> {
  for (const seed of INSTITUTIONS) await seedInstitution(ledger, seed);
}

export interface InsuredSeed {
  scheme?: InsuranceScheme;
  status?: InsuredStatus;
  personalAccountFen?: number;
}

/** A patient as the insured region's insurer enrolled them, written through the store. */
export async function seedInsured(ledger: FakeLedger, patientRef: string, insuredRegion: string, seed: InsuredSeed = {}): Promise<InsuredPersonRecord> {
  return ledger.tx(insuredRegion === BJ ? people.insurerBJ : people.insurerSH, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    const record: InsuredPersonRecord = {
      docType: 'insured-person',
      patientRef,
      insuredRegion,
      scheme: seed.scheme ?? 'employee',
      status: seed.status ?? 'ACTIVE',
      personalAccountFen: seed.personalAccountFen ?? 0,
      statusChanges: [],
      credits: [],
      enrolled: stamp,
      updated: stamp,
    };
    await insuredPersons.save(ctx, record, await insuredPersons.get(ctx, patientRef));
    return record;
  });
}

/** Class A (甲) coverage without a payment standard: the line is eligible in full. */
export const CLASS_A: Coverage = { class: 'A', selfPayRatioBp: 0 };

/** A fee line as a test writes it; drugCode and coverage default to DRUG-<n> and class A. */
export type LineSeed = Omit<DispenseFeeLine, 'drugCode' | 'coverage'> & { drugCode?: string; coverage?: Coverage | null };

export interface DispenseSeed {
  dispenseId: string;
  pharmacyId: string;
  patientRef: string;
  rxId?: string;
  /** `coverage: null` plants a line recorded before the chain priced dispenses. */
  feeLines: (LineSeed | Record<string, unknown>)[];
}

/** A line as a dispense records it: drugCode and coverage filled in unless given (null leaves coverage out). */
export function dispenseLine(line: LineSeed | Record<string, unknown>, i: number): DispenseFeeLine {
  const { coverage, drugCode, ...rest } = line as LineSeed;
  const recorded = { ...rest, drugCode: drugCode ?? `DRUG-${i + 1}` } as DispenseFeeLine;
  if (coverage !== null) recorded.coverage = coverage ?? CLASS_A;
  return recorded;
}

/**
 * A dispense record as the Prescription contract stores it, written through its store by the
 * pharmacist given (P310001's by default); one dispensed item per fee line. Lines may be planted
 * malformed to test that claims refuse them.
 */
export async function seedDispense(ledger: FakeLedger, seed: DispenseSeed, pharmacist: FakeIdentity = people.pharmacist): Promise<DispenseRecord> {
  return ledger.tx(pharmacist, async (ctx) => {
    const feeLines = seed.feeLines.map(dispenseLine);
    const record: DispenseRecord = {
      docType: 'dispense',
      rxId: seed.rxId ?? `RX-${seed.dispenseId}`,
      dispenseId: seed.dispenseId,
      pharmacyId: seed.pharmacyId,
      patientRef: seed.patientRef,
      pharmacistId: pharmacist.attrs.licenceId ?? 'PHA-2001',
      items: feeLines.map((line) => ({ drugCode: line.drugCode ?? '', quantity: line.quantity, remainingAfter: 0 })),
      feeLines,
      totalFen: feeLines.reduce((sum, line) => sum + line.amountFen, 0),
      rxStatusAfter: 'DISPENSED',
      dispensed: stampOf(ctx, await callerOf(ctx)),
    };
    await dispenses.save(ctx, record);
    return record;
  });
}

export interface EncounterLineSeed {
  item: string;
  unitPriceFen: number;
  quantity: number;
  amountFen: number;
  category: FeeCategory;
  drugCode?: string;
  coverage?: Coverage;
}

export interface EncounterSeed {
  encounterId: string;
  patientRef: string;
  type: EncounterKind;
  serviceDate?: string;
  admissionDate?: string;
  dischargeDate?: string;
  feeLines: EncounterLineSeed[];
}

/**
 * An encounter as Encounter:Record stores it for the hospital of `staff`: drug lines covered as
 * given (class A by default), as their prescription would have recorded; the rest by category.
 */
export async function seedEncounter(ledger: FakeLedger, staff: FakeIdentity, seed: EncounterSeed): Promise<EncounterRecord> {
  return ledger.tx(staff, async (ctx) => {
    const { feeLines, ...visit } = seed;
    const record: EncounterRecord = {
      docType: 'encounter',
      ...visit,
      institutionId: staff.attrs.institutionId ?? '',
      region: staff.attrs.region ?? '',
      department: 'internal medicine',
      attendingDoctorId: 'DOC-1001',
      diagnosisCodes: ['I10'],
      rxIds: [],
      feeLines: feeLines.map((line, i) => {
        const { coverage, category, ...priced } = line;
        return category === 'drug'
          ? { lineNo: i + 1, ...priced, category, rxId: 'RX-ENC', coverage: coverage ?? CLASS_A, coverageSource: 'prescription' }
          : { lineNo: i + 1, ...priced, category, coverage: coverage ?? CATEGORY_COVERAGE[category], coverageSource: 'category' };
      }),
      totalFen: feeLines.reduce((sum, line) => sum + line.amountFen, 0),
      recorded: stampOf(ctx, await callerOf(ctx)),
    };
    await encounters.save(ctx, record);
    return record;
  });
}

export const invoice = (n: string): string => createHash('sha256').update(`invoice-${n}`).digest('hex');

/** A patientRef shaped like the ones the Prescription contract derives (64 hex digits). */
export const patient = (name: string): string => createHash('sha256').update(`patient-${name}`).digest('hex');

/** Awaits a promise that must be refused with the given chaincode error code (and message pattern). */
export async function expectRefusal(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<Error> {
  let error: unknown;
  try {
    await promise;
  } catch (err) {
    error = err;
  }
  expect(error, `expected [${code}]`).to.be.instanceOf(Error);
  const message = (error as Error).message;
  expect(message).to.match(new RegExp(`^\\[${code}\\] `));
  if (pattern) expect(message).to.match(pattern);
  return error as Error;
}

/** Lines of class A without a payment standard, one unit each: what every line was before coverage. */
export const plainLines = (...amounts: number[]): SplitInput['lines'] => amounts.map((amountFen) => ({ amountFen, quantity: 1, coverage: CLASS_A }));

/** The split's inputs with nothing in the way: 70 %, no deductible met or open, a cap and an account far above the amounts. */
export const SPLIT_BASE: SplitInput = {
  lines: plainLines(100_000),
  ratioBp: 7000,
  deductibleThresholdFen: 0,
  deductibleMetFen: 0,
  annualCapFen: 100_000_000,
  fundPaidFen: 0,
  personalAccountRequestFen: 0,
  personalAccountBalanceFen: 100_000_000,
};

/** Fund + account + self-pay = total over the claim and on every line; each line's parts add up; the fund never pays more than a line's eligible part. */
export function expectExactSplit(split: Split, lines: readonly number[]): void {
  expect(split.fundFen + split.personalAccountFen + split.selfPayFen).to.equal(split.totalFen);
  expect(split.uncoveredFen + split.overStandardFen + split.selfPayFirstFen + split.eligibleFen).to.equal(split.totalFen);
  expect(split.lines.reduce((s, l) => s + l.insurerAmountFen, 0)).to.equal(split.fundFen);
  expect(split.lines.reduce((s, l) => s + l.personalAccountFen, 0)).to.equal(split.personalAccountFen);
  split.lines.forEach((l, i) => {
    expect(l.insurerAmountFen + l.personalAccountFen + l.selfPayFen, `line ${i}`).to.equal(lines[i]);
    expect(l.selfAmountFen, `line ${i}`).to.equal(l.personalAccountFen + l.selfPayFen);
    expect(l.uncoveredFen + l.overStandardFen + l.selfPayFirstFen + l.eligibleFen, `line ${i}`).to.equal(lines[i]);
    expect(l.insurerAmountFen, `line ${i}`).to.be.within(0, l.eligibleFen);
    expect(l.personalAccountFen, `line ${i}`).to.be.at.least(0);
    expect(l.selfPayFen, `line ${i}`).to.be.at.least(0);
  });
}
