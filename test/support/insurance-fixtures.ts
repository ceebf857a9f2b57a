/**
 * Shared set-up for the claims-and-settlement contract tests: the contracts, two regions'
 * policies, extra identities, dispense records as the prescription contracts would store them,
 * and an assertion for coded chaincode errors.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { ClaimContract } from '../../chaincode/src/contracts/claim-contract';
import { ComplaintContract } from '../../chaincode/src/contracts/complaint-contract';
import { FilingContract } from '../../chaincode/src/contracts/filing-contract';
import { PolicyContract } from '../../chaincode/src/contracts/policy-contract';
import { SettlementContract } from '../../chaincode/src/contracts/settlement-contract';
import { TraceContract } from '../../chaincode/src/contracts/trace-contract';
import { stampOf } from '../../chaincode/src/ledger/caller';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import { dispenses } from '../../chaincode/src/stores/dispenses';
import { type FakeIdentity, type FakeLedger, identities } from './fake-ledger';

export const SH = '310000';
export const BJ = '110000';

export const cc = {
  policy: new PolicyContract(),
  filing: new FilingContract(),
  claim: new ClaimContract(),
  settlement: new SettlementContract(),
  complaint: new ComplaintContract(),
  trace: new TraceContract(),
};

export const people = {
  ...identities,
  /** Staff of a Beijing hospital, for claims treated in Beijing. */
  hospitalAdminBJ: { mspId: 'HospitalMSP', cn: 'hospitaladmin-bj', attrs: { role: 'admin', region: BJ, institutionId: 'H110001' } },
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

export interface DispenseSeed {
  dispenseId: string;
  pharmacyId: string;
  patientRef: string;
  feeLines: { item: string; unitPriceFen: number; quantity: number; amountFen: number }[];
}

/**
 * A dispense record as the Prescription contract stores it, written through its store; one
 * dispensed item per fee line. The lines are stored as given, so a test can plant a malformed one.
 */
export async function seedDispense(ledger: FakeLedger, seed: DispenseSeed): Promise<void> {
  await ledger.tx(people.pharmacist, async (ctx) => {
    const record: DispenseRecord = {
      docType: 'dispense',
      rxId: `RX-${seed.dispenseId}`,
      pharmacistId: 'PHA-2001',
      items: seed.feeLines.map((line, i) => ({ drugCode: `DRUG-${i + 1}`, quantity: line.quantity, remainingAfter: 0 })),
      totalFen: seed.feeLines.reduce((sum, line) => sum + line.amountFen, 0),
      rxStatusAfter: 'DISPENSED',
      dispensed: stampOf(ctx),
      ...seed,
    };
    await dispenses.save(ctx, record);
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
