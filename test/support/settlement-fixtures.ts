/**
 * Set-up for the settlement, complaint and trace tests: their contracts, a one-JSON-argument
 * caller, the claims of the settlement story and its calls, and records as the prescription,
 * encounter and claim contracts leave them, written through the stores so every index those
 * contracts keep is there too.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'fabric-contract-api';
import { ClaimApi } from '../../chaincode/src/api/claim-api';
import { FilingApi } from '../../chaincode/src/api/filing-api';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import type { AnyTx, ResultOf } from '../../chaincode/src/api/transaction';
import { ComplaintContract } from '../../chaincode/src/contracts/complaint-contract';
import { SettlementContract } from '../../chaincode/src/contracts/settlement-contract';
import { TraceContract } from '../../chaincode/src/contracts/trace-contract';
import { callerOf, stampOf } from '../../chaincode/src/ledger/caller';
import type { RecordStore } from '../../chaincode/src/ledger/record-store';
import type { ClaimRecord, ClaimStatus } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { claims } from '../../chaincode/src/stores/claims';
import { dispenses } from '../../chaincode/src/stores/dispenses';
import { encounters } from '../../chaincode/src/stores/encounters';
import { prescriptions } from '../../chaincode/src/stores/prescriptions';
import { type FakeIdentity, type FakeLedger, identities } from './fake-ledger';
import {
  BJ,
  CLASS_A,
  SH,
  cc,
  dispenseLine,
  invoice,
  patient,
  people,
  seedEncounter,
  seedInstitutions,
  seedInsured,
  type EncounterSeed,
  type LineSeed,
} from './insurance-fixtures';
import { institutionContract } from './institution-fixtures';

/** Every contract the tests call, by the name Fabric addresses it by. */
const contracts: Record<string, object> = {
  Settlement: new SettlementContract(),
  Complaint: new ComplaintContract(),
  Trace: new TraceContract(),
  Claim: cc.claim,
  Policy: cc.policy,
  Filing: cc.filing,
  Institution: institutionContract,
  InsuredPerson: cc.insuredPerson,
  Encounter: cc.encounter,
};

/**
 * A transaction called as a peer calls it: its contract and function from the shared definition,
 * and one JSON argument. Arguments stay untyped so tests can send what a client might.
 */
export function call<X extends AnyTx>(ledger: FakeLedger, who: FakeIdentity, tx: X, args: object = {}): Promise<ResultOf<X>> {
  const contract = contracts[tx.contract] as Record<string, (ctx: Context, json: string) => Promise<ResultOf<X>>>;
  return ledger.tx(who, (ctx) => contract[tx.fn](ctx, JSON.stringify(args)));
}

export const BJ_PATIENT = patient('BJ-1');
export const SH_PATIENT = patient('SH-1');
/** What the Shanghai patient's personal account holds at the start of every story: 1 000 CNY. */
export const SH_ACCOUNT_FEN = 100_000;

/** The registry and insurance facts every story rests on: the designated institutions, and both patients insured at home. */
export async function seedStoryWorld(ledger: FakeLedger): Promise<void> {
  await seedInstitutions(ledger);
  await seedInsured(ledger, SH_PATIENT, SH, { personalAccountFen: SH_ACCOUNT_FEN });
  await seedInsured(ledger, BJ_PATIENT, BJ);
}

/** A claim argument with the encounter it is for: `submit` records the encounter first (as the submitting hospital) unless it exists. */
export type StoryClaim = Record<string, unknown> & { encounter?: EncounterSeed };

const ENCOUNTER_FIELDS = ['patientRef', 'type', 'serviceDate', 'admissionDate', 'dischargeDate', 'feeLines'] as const;

/**
 * A Shanghai patient's outpatient visit at the tertiary H310001: 151 100 fen, all of it eligible.
 * Overrides of the visit's fields (patientRef, type, dates, feeLines) go to the encounter, the
 * rest to the claim's argument; refId names both.
 */
export function encounterClaim(overrides: Record<string, unknown> = {}): StoryClaim {
  const encounter: Record<string, unknown> = {
    encounterId: overrides.refId ?? 'ENC-SH-1',
    patientRef: SH_PATIENT,
    type: 'outpatient',
    serviceDate: '2026-03-02',
    feeLines: [
      { item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' },
      { item: 'blood panel', unitPriceFen: 12_000, quantity: 2, amountFen: 24_000, category: 'exam' },
      { item: 'metformin 0.5g', unitPriceFen: 3_300, quantity: 37, amountFen: 122_100, category: 'drug', drugCode: 'XA10BA02' },
    ],
  };
  const claim: Record<string, unknown> = { claimId: 'C-SH-1', refType: 'encounter', refId: 'ENC-SH-1', invoiceHash: invoice('SH-1') };
  for (const [key, value] of Object.entries(overrides)) {
    if ((ENCOUNTER_FIELDS as readonly string[]).includes(key)) encounter[key] = value;
    else claim[key] = value;
  }
  if (encounter.type === 'inpatient') delete encounter.serviceDate;
  return { ...claim, encounter: encounter as unknown as EncounterSeed };
}

/** A BJ-insured inpatient stay at the tertiary H310001 in Shanghai, 24 nights: 864 423 fen. */
export const crossRegionStay = (overrides: Record<string, unknown> = {}): StoryClaim =>
  encounterClaim({
    claimId: 'C-X-1',
    refId: 'ENC-X-1',
    invoiceHash: invoice('X-1'),
    patientRef: BJ_PATIENT,
    type: 'inpatient',
    admissionDate: '2026-02-01',
    dischargeDate: '2026-02-25',
    feeLines: [
      { item: 'bed-day', unitPriceFen: 30_000, quantity: 24, amountFen: 720_000, category: 'bed' },
      { item: 'amoxicillin 0.25g', unitPriceFen: 1_234, quantity: 37, amountFen: 45_658, category: 'drug', drugCode: 'XJ01CA04' },
      { item: 'CT scan', unitPriceFen: 98_765, quantity: 1, amountFen: 98_765, category: 'exam' },
    ],
    ...overrides,
  });

/** The story's calls on whatever ledger `current` gives (tests make a fresh one per case). */
export function storyCalls(current: () => FakeLedger) {
  const submit = async (who: FakeIdentity, { encounter, ...claim }: StoryClaim) => {
    if (encounter && !(await current().tx(who, (ctx) => encounters.exists(ctx, encounter.encounterId)))) await seedEncounter(current(), who, encounter);
    return call(current(), who, ClaimApi.Submit, claim);
  };
  const review = (who: FakeIdentity, claimId: string, decision: string, reason?: string) =>
    call(current(), who, ClaimApi.Review, reason === undefined ? { claimId, decision } : { claimId, decision, reason });
  const pay = (who: FakeIdentity, claimId: string, transferId: string) => call(current(), who, SettlementApi.Pay, { claimId, transferId, paymentRef: `BANK-${transferId}` });
  return {
    submit,
    review,
    pay,
    /** Submitted, approved by `insurer`, and paid by transfer `transferId`. */
    paidClaim: async (claim: StoryClaim, submitter: FakeIdentity, insurer: FakeIdentity, transferId: string) => {
      const submitted = await submit(submitter, claim);
      await review(insurer, submitted.claimId, 'APPROVED');
      return (await pay(insurer, submitted.claimId, transferId)).claim;
    },
    /** Beijing files its insured's care in Shanghai from `from` to the end of June. */
    fileFor: (patientRef: string, from: string, emergencyPostFiled: boolean) =>
      call(current(), people.insurerBJ, FilingApi.Create, { filingId: 'F-1', patientRef, insuredRegion: BJ, treatmentRegion: SH, period: { from, to: '2026-06-30' }, emergencyPostFiled }),
    read: <T extends object>(store: RecordStore<T>, id: string) => current().tx(people.investigator, (ctx) => store.get(ctx, id)),
  };
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface ClaimSeed {
  claimId: string;
  patientRef: string;
  insuredRegion: string;
  treatmentRegion: string;
  institutionId: string;
  status: ClaimStatus;
  fundFen: number;
  feeLineCount?: number;
}

/** Who writes and who pays the claims of the settlement tests, by institution and by treatment region. */
const CLAIM_STAFF: Record<string, FakeIdentity> = { H310001: people.hospitalAdmin, H110001: people.hospitalAdminBJ };
const TREATMENT_INSURER: Record<string, FakeIdentity> = { [SH]: people.insurerSH, [BJ]: people.insurerBJ };

/** A claim of the settlement tests: treated at H310001 in Shanghai or H110001 in Beijing, reviewed to `status`. */
export const reviewedClaim = (claimId: string, insuredRegion: string, treatmentRegion: string, fundFen: number, status: ClaimStatus = 'APPROVED'): ClaimSeed => ({
  claimId,
  patientRef: patient(claimId),
  insuredRegion,
  treatmentRegion,
  institutionId: treatmentRegion === SH ? 'H310001' : 'H110001',
  status,
  fundFen,
});

/** The claim seeded by its institution's staff, then paid by its treatment region's insurer through Settlement:Pay (transfer T-<claimId>). */
export async function paidClaim(ledger: FakeLedger, seed: ClaimSeed): Promise<ClaimRecord> {
  await seedClaim(ledger, CLAIM_STAFF[seed.institutionId], seed);
  const transferId = `T-${seed.claimId}`;
  return (await call(ledger, TREATMENT_INSURER[seed.treatmentRegion], SettlementApi.Pay, { claimId: seed.claimId, transferId, paymentRef: `BANK-${transferId}` })).claim;
}

/** A claim as the Claim contract stores it after smart review, with `fundFen` of 1 000-fen lines; written by the staff or insurer given. */
export async function seedClaim(ledger: FakeLedger, who: FakeIdentity, seed: ClaimSeed): Promise<ClaimRecord> {
  const lines = seed.feeLineCount ?? 1;
  const totalFen = Math.max(seed.fundFen, lines * 1_000);
  return ledger.tx(who, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    const claim: ClaimRecord = {
      docType: 'claim',
      claimId: seed.claimId,
      refType: 'encounter',
      refId: `ENC-${seed.claimId}`,
      invoiceHash: sha(`invoice-${seed.claimId}`),
      patientRef: seed.patientRef,
      institutionId: seed.institutionId,
      institutionLevel: 'secondary',
      insuredRegion: seed.insuredRegion,
      treatmentRegion: seed.treatmentRegion,
      crossRegion: seed.insuredRegion !== seed.treatmentRegion,
      encounterType: 'outpatient',
      serviceDate: '2026-03-02',
      feeLines: Array.from({ length: lines }, (_, i) => {
        const amountFen = i === 0 ? totalFen - (lines - 1) * 1_000 : 1_000;
        const insurerAmountFen = i === 0 ? seed.fundFen : 0;
        const selfPayFen = amountFen - insurerAmountFen;
        return {
          lineNo: i + 1,
          item: `line ${i + 1}`,
          unitPriceFen: amountFen,
          quantity: 1,
          amountFen,
          category: 'exam',
          coverage: CLASS_A,
          coverageSource: 'category',
          uncoveredFen: 0,
          overStandardFen: 0,
          selfPayFirstFen: 0,
          eligibleFen: amountFen,
          insurerAmountFen,
          personalAccountFen: 0,
          selfPayFen,
          selfAmountFen: selfPayFen,
        };
      }),
      amounts: {
        totalFen,
        uncoveredFen: 0,
        overStandardFen: 0,
        selfPayFirstFen: 0,
        eligibleFen: totalFen,
        deductibleFen: 0,
        fundFen: seed.fundFen,
        personalAccountFen: 0,
        selfPayFen: totalFen - seed.fundFen,
        capLimited: false,
      },
      ruleSnapshot: {
        policy: { region: seed.insuredRegion, version: 1 },
        ratioBp: 6000,
        ratioBasis: seed.insuredRegion === seed.treatmentRegion ? 'level' : 'crossRegionFiled',
        deductibleThresholdFen: 0,
        deductibleMetBeforeFen: 0,
        annualCapFen: 20_000_000,
        fundPaidBeforeFen: 0,
      },
      derivation: {
        ref: { refType: 'encounter', refId: `ENC-${seed.claimId}`, txId: stamp.txId },
        institution: { institutionId: seed.institutionId, level: 'secondary', region: seed.treatmentRegion, agreementNumber: `AGR-${seed.institutionId}`, txId: stamp.txId, updatedAt: stamp.at },
        insuredPerson: { txId: stamp.txId, insuredRegion: seed.insuredRegion, scheme: 'employee', status: 'ACTIVE', personalAccountBeforeFen: 0, personalAccountRequestFen: 0 },
      },
      reviewHits: [],
      status: seed.status,
      statusHistory: [{ status: seed.status, reason: 'seeded', by: stamp.by, at: stamp.at, txId: stamp.txId }],
      transferIds: [],
      submitted: stamp,
      updated: stamp,
    };
    await claims.save(ctx, claim);
    return claim;
  });
}

/** A prescription as Prescription:Issue leaves it (one item), issued by the calling doctor. */
export async function seedPrescription(ledger: FakeLedger, rxId: string, patientRef: string, doctor: FakeIdentity = identities.doctor): Promise<PrescriptionRecord> {
  return ledger.tx(doctor, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    const rx: PrescriptionRecord = {
      docType: 'prescription',
      rxId,
      prescriber: { doctorId: doctor.attrs.licenceId ?? '', institutionId: doctor.attrs.institutionId ?? '', region: doctor.attrs.region ?? '' },
      patientRef,
      kind: 'ORDINARY',
      diagnosisCodes: ['I10'],
      items: [{ drugCode: 'AMLO5', name: 'Amlodipine 5 mg', quantity: 14, dose: '5mg qd', days: 7, genericGroup: 'AMLODIPINE', coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 60 }, monitored: false, selfPayConfirmed: false, remainingQuantity: 14 }],
      catalogueVersion: 'CAT-2026-01',
      issuedAt: stamp.at,
      validUntil: new Date(Date.parse(stamp.at) + 3 * 24 * 3600 * 1000).toISOString(),
      status: 'ISSUED',
      docHash: sha(rxId),
      flagged: false,
      dispenseIds: [],
      issued: stamp,
      updated: stamp,
    };
    await prescriptions.save(ctx, rx);
    return rx;
  });
}

/**
 * A dispense as Prescription:Dispense leaves it, by the calling pharmacist, recorded on its
 * prescription if that exists; lines name their drug and coverage (class A unless given).
 */
export async function seedDispense(
  ledger: FakeLedger,
  seed: { dispenseId: string; rxId: string; patientRef: string; feeLines: LineSeed[] },
  pharmacist: FakeIdentity = identities.pharmacist,
): Promise<DispenseRecord> {
  return ledger.tx(pharmacist, async (ctx) => {
    const stamp = stampOf(ctx, await callerOf(ctx));
    const feeLines = seed.feeLines.map(dispenseLine);
    const dispense: DispenseRecord = {
      docType: 'dispense',
      ...seed,
      feeLines,
      pharmacyId: pharmacist.attrs.institutionId ?? '',
      pharmacistId: pharmacist.attrs.licenceId ?? '',
      items: feeLines.map((l) => ({ drugCode: l.drugCode ?? '', quantity: l.quantity, remainingAfter: 0 })),
      totalFen: feeLines.reduce((sum, l) => sum + l.amountFen, 0),
      rxStatusAfter: 'DISPENSED',
      dispensed: stamp,
    };
    await dispenses.save(ctx, dispense);
    const rx = await prescriptions.get(ctx, seed.rxId);
    if (rx) await prescriptions.save(ctx, { ...rx, status: 'DISPENSED', dispenseIds: [...rx.dispenseIds, seed.dispenseId], updated: stamp }, rx);
    return dispense;
  });
}
