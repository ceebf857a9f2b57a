/**
 * The domain workloads: prescriptions through the REST gateway, verification (REST and
 * direct), dispensing, the claim pipeline and the investigators' reverse fund-flow trace.
 */
import { addDays } from '../chaincode/src/rules/dates';
import { chinaToday } from '../scripts/demo/api';
import crypto from 'node:crypto';
import { PrescriptionApi } from '@rxchain/chaincode/dist/shared';
import { WorkerDone, type Step, type Workload } from './driver';
import type { RestClient } from './clients';
import type { DirectContract } from './direct';
import { boundedMap } from './bounded-map';
import { HOT_PATIENTS, patientIdentity } from './generator/world';

let patientCounter = 0;
/**
 * Dispenses prepared per claim-to-remitted worker. One worker claims and pays at most ~2 a second
 * (at 1 worker, ~0.5 s each), and all workers together well under 40 a second on this machine, so
 * this covers a step with room to spare without preparing thousands at 128 workers.
 */
export function dispensesPerWorker({ concurrency, durationSeconds }: Step): number {
  return Math.ceil(Math.min(3 * durationSeconds, (40 * durationSeconds) / concurrency)) + 2;
}
/** Set-up requests in flight at once (more only queue, and time out, on a busy machine). */
const SETUP_PARALLELISM = 16;

/**
 * BENCH_PATIENTS=history (bench.sh --data large): the live workloads act for the generator's hot
 * patients, each with about two dozen visits of history on the ledger, so the per-patient
 * indexes the acts read are dense. They are enrolled already; a new prescription of theirs may
 * be a duplicate of their history (SR-04) and is then issued with an override reason, flagged.
 */
const historyPatients = process.env.BENCH_PATIENTS === 'history';
const historyStart = crypto.randomInt(HOT_PATIENTS);
const runTag = crypto.randomBytes(3).toString('hex').toUpperCase();

/** A patient no earlier run has used: passports need no check character. */
export function newPatient(): { idType: 'PASSPORT'; idNumber: string; name: string } {
  patientCounter++;
  if (historyPatients) return patientIdentity((historyStart + patientCounter) % HOT_PATIENTS);
  return { idType: 'PASSPORT', idNumber: `B${runTag}${String(patientCounter).padStart(7, '0')}`, name: `Bench Patient ${patientCounter}` };
}

interface Deps {
  rest: RestClient;
  token: (user: string) => string;
  direct: (user: string) => DirectContract;
}

/**
 * A prescription for a new patient. `insured`: the Shanghai insurer also enrols the patient, as
 * claims are paid only for patients insured on the chain (set-up work, not timed).
 */
async function issue(d: Deps, quantity: number, insured = false): Promise<string> {
  const res = await d.rest.call<{ prescription: { rxId: string; patientRef: string }; blockNumber: string }>('POST', '/prescriptions', d.token('doctor1'), {
    patient: newPatient(),
    ...issueFields(quantity),
  });
  if (insured && !historyPatients) {
    await d.rest.call('POST', '/insured-persons', d.token('insurer-sh'), { patientRef: res.prescription.patientRef, scheme: 'employee' }, { 'X-Min-Block': res.blockNumber });
  }
  return res.prescription.rxId;
}

/** What issue sends, bar the patient: the REST body's and the direct transaction's shared fields. */
const issueFields = (quantity: number) => ({
  kind: 'ORDINARY' as const,
  items: [{ drugCode: 'XA10BA02', quantity, dose: '500mg bid', days: 7 }],
  diagnosisCodes: ['E11.9'],
  ...(historyPatients ? { duplicateOverrideReason: 'bench: continuing treatment' } : {}),
});

/** One unit of metformin, priced under its payment standard of 6 fen a tablet. */
const ONE_UNIT = {
  items: [{ drugCode: 'XA10BA02', quantity: 1 }],
  feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 5, quantity: 1, amountFen: 5 }],
};

let directIds = 0;
/** An id for a record a direct workload writes (the REST gateway derives them from the Idempotency-Key). */
const directId = (prefix: string) => `${prefix}-BD${runTag}-${++directIds}`;

async function dispenseOne(d: Deps, rxId: string, pharmacist: string): Promise<{ dispenseId: string; blockNumber: string }> {
  const res = await d.rest.call<{ dispense: { dispenseId: string }; blockNumber: string }>('POST', `/prescriptions/${rxId}/dispensations`, d.token(pharmacist), ONE_UNIT);
  return { dispenseId: res.dispense.dispenseId, blockNumber: res.blockNumber };
}

interface Dispensed {
  rxId: string;
  dispenseId: string;
  blockNumber: string;
}

/** Submit the claim for a dispense: split and smart review over the patient's indexes (SR-04, SR-18), nothing else. */
async function submitClaim(d: Deps, dispensed: Dispensed, pharmacyToken: string): Promise<{ claim: { claimId: string; status: string }; blockNumber: string }> {
  const { dispenseId, blockNumber } = dispensed;
  return d.rest.call('POST', '/claims', pharmacyToken, {
    refType: 'dispense',
    refId: dispenseId,
    invoiceHash: crypto.createHash('sha256').update(`${dispenseId}-invoice`).digest('hex'),
  }, { 'X-Min-Block': blockNumber });
}

/**
 * Claim a dispense and pay it: submission to REMITTED. A clean claim within the seeded policy's
 * auto-approval limit is approved by smart review at submission; anything else is approved by the
 * insurer first. Each step runs on another org's peer than the one that confirmed the previous
 * write, so it passes that block number on (X-Min-Block) to read its own writes.
 */
async function claimToRemitted(d: Deps, dispensed: Dispensed, pharmacyToken: string): Promise<string> {
  const { dispenseId } = dispensed;
  const claim = await submitClaim(d, dispensed, pharmacyToken);
  let approvedAt = claim.blockNumber;
  if (claim.claim.status !== 'APPROVED') {
    const reviewed = await d.rest.call<{ blockNumber: string }>('POST', `/claims/${claim.claim.claimId}/review`, d.token('insurer-sh'),
      { decision: 'APPROVED', reason: 'bench' }, { 'X-Min-Block': claim.blockNumber });
    approvedAt = reviewed.blockNumber;
  }
  await d.rest.call('POST', `/claims/${claim.claim.claimId}/payment`, d.token('insurer-sh'), { paymentRef: `PAY-${dispenseId}` }, { 'X-Min-Block': approvedAt });
  return claim.claim.claimId;
}

/** Dispense, then claim it to REMITTED: one claim's whole path. */
async function claimPipeline(d: Deps, rxId: string, pharmacist: string, pharmacyToken: string): Promise<string> {
  return claimToRemitted(d, { rxId, ...(await dispenseOne(d, rxId, pharmacist)) }, pharmacyToken);
}

/** A pharmacist of a pharmacy no other workload uses, so its received funds count only ours. */
async function dedicatedPharmacist(d: Deps, institutionId: string): Promise<string> {
  // Staff act only for registered institutions: the Shanghai insurer designates the pharmacy first.
  await d.rest.call('POST', '/institutions', d.token('insurer-sh'), {
    institutionId,
    name: `Bench pharmacy ${institutionId}`,
    kind: 'pharmacy',
    level: 'basic',
    region: '310000',
    grade: 'B',
    agreement: { number: `BENCH-${institutionId}-${runTag}`, validFrom: chinaToday(), validTo: addDays(chinaToday(), 365) },
  }).catch((err: { status?: number }) => (err.status === 409 ? undefined : Promise.reject(err)));
  const res = await d.rest.call<{ token: string }>('POST', '/admin/users', d.token('pharmacyadmin'), {
    name: `bench-${institutionId.toLowerCase()}-${runTag.toLowerCase()}`,
    role: 'pharmacist',
    region: '310000',
    institutionId,
    licenceId: `PHA-${institutionId}`,
  });
  return res.token;
}

export function domainWorkloads(d: Deps, traceSizes: number[]): Workload[] {
  // One insured patient's prescription per worker, kept across steps: a step with more workers adds the missing ones.
  const perWorker: string[] = [];
  const workerPrescriptions = async (concurrency: number) => {
    const missing = Array.from({ length: Math.max(0, concurrency - perWorker.length) });
    perWorker.push(...(await boundedMap(missing, SETUP_PARALLELISM, () => issue(d, 100_000, true))));
    return perWorker.slice(0, concurrency);
  };
  let verifyRx = '';
  let verifier: DirectContract | undefined;
  /**
   * Each worker's prepared dispenses, made before timing, each of its own prescription for its own
   * insured patient: a claim alone on its prescription meets no SR-18 hit (another claim billing the
   * same prescription), so smart review approves it at submission and a claim is two transactions.
   */
  const dispensePools = async (step: Step) => {
    const perPool = dispensesPerWorker(step);
    const all = await boundedMap(Array.from({ length: step.concurrency * perPool }), SETUP_PARALLELISM, async (): Promise<Dispensed> => {
      const rxId = await issue(d, 1, true);
      return { rxId, ...(await dispenseOne(d, rxId, 'pharmacist1')) };
    });
    return Array.from({ length: step.concurrency }, (_, worker) => all.slice(worker * perPool, (worker + 1) * perPool));
  };
  /** A workload whose every operation acts on one of the worker's prepared dispenses. */
  const claimPoolWorkload = (name: string, description: string, act: (d: Deps, next: Dispensed, pharmacy: string) => Promise<unknown>): Workload => ({
    name,
    description,
    notes: 'set-up dispenses units for each worker before timing (bench/domain-workloads.ts dispensesPerWorker)',
    prepare: async (step) => {
      const pools = await dispensePools(step);
      const perPool = dispensesPerWorker(step);
      const pharmacy = d.token('pharmacyadmin');
      return async (worker) => {
        const next = pools[worker].shift();
        if (!next) throw new WorkerDone(`worker ${worker} used up its ${perPool} prepared dispenses`);
        await act(d, next, pharmacy);
      };
    },
  });
  /** A workload whose workers each act on their own prescription; `actor` is made once per step. */
  const ownPrescriptionWorkload = (name: string, description: string, actor: () => (rxId: string) => Promise<unknown>): Workload => ({
    name,
    description,
    prepare: async ({ concurrency }) => {
      const rx = await workerPrescriptions(concurrency);
      const act = actor();
      return async (worker) => {
        await act(rx[worker]);
      };
    },
  });
  const workloads: Workload[] = [
    {
      name: 'issue-rest',
      description: 'issue a prescription for a new patient through the REST gateway (private data + duplicate check)',
      prepare: async () => async () => {
        await issue(d, 30);
      },
    },
    {
      name: 'issue-direct',
      description: 'the same prescription submitted directly with fabric-gateway by the same doctor: issue-rest ÷ this is the REST path\'s share',
      prepare: async () => {
        const doctor = d.direct('doctor1');
        return async () => {
          await doctor.submit(PrescriptionApi.Issue, { rxId: directId('RX'), ...issueFields(30) }, { patient: newPatient() });
        };
      },
    },
    {
      name: 'verify-rest',
      description: 'verify a prescription through the REST gateway (pharmacist)',
      prepare: async () => {
        verifyRx = verifyRx || (await issue(d, 60));
        return async () => {
          await d.rest.call('GET', `/prescriptions/${verifyRx}/verification`, d.token('pharmacist1'));
        };
      },
    },
    {
      name: 'verify-direct',
      description: 'the same verification evaluated directly with fabric-gateway',
      prepare: async () => {
        verifyRx = verifyRx || (await issue(d, 60));
        const contract = (verifier ??= d.direct('pharmacist1'));
        return async () => {
          await contract.evaluate(PrescriptionApi.Verify, { rxId: verifyRx });
        };
      },
    },
    ownPrescriptionWorkload(
      'dispense-rest',
      'dispense 1 unit per tx, each worker on its own prescription (read-modify-write, no cross-worker conflicts)',
      () => (rxId) => dispenseOne(d, rxId, 'pharmacist1'),
    ),
    ownPrescriptionWorkload('dispense-direct', 'the same dispense submitted directly with fabric-gateway by the same pharmacist, each worker on its own prescription', () => {
      const pharmacist = d.direct('pharmacist1');
      return (rxId) => pharmacist.submit(PrescriptionApi.Dispense, { rxId, dispenseId: directId('DSP'), ...ONE_UNIT });
    }),
    claimPoolWorkload(
      'claim-to-remitted',
      'claim an existing dispense, alone on its prescription (split + smart review: auto-approved) → pay: latency = claim submission to REMITTED',
      claimToRemitted,
    ),
    claimPoolWorkload(
      'claim-submit',
      'submit the claim for an existing dispense through the REST gateway (split + smart review over the patient’s indexes): issue 12’s claim submission cost',
      submitClaim,
    ),
    ownPrescriptionWorkload('claim-pipeline', 'dispense → claim (split + smart review, auto-approved) → pay to REMITTED: 3 txs per operation', () => {
      const pharmacy = d.token('pharmacyadmin');
      return (rxId) => claimPipeline(d, rxId, 'pharmacist1', pharmacy);
    }),
  ];
  for (const size of traceSizes) {
    const institution = `P31T${size}`;
    // The claims are made once, by the first step, and traced by every step.
    let made: Promise<void> | undefined;
    const makeClaims = async (parallel: number) => {
      const pharmacistToken = await dedicatedPharmacist(d, institution);
      // The dedicated pharmacist works for the dedicated pharmacy; claims are submitted by it too.
      const tokenOf = (user: string) => (user === 'dedicated' ? pharmacistToken : d.token(user));
      const dd: Deps = { ...d, token: tokenOf };
      const rx = await Promise.all(Array.from({ length: parallel }, () => issue(d, 100_000, true)));
      let count = 0;
      await Promise.all(
        rx.map(async (rxId) => {
          while (count < size) {
            count++;
            await claimPipeline(dd, rxId, 'dedicated', pharmacistToken);
          }
        }),
      );
    };
    workloads.push({
      name: `trace-${size}`,
      description: `reverse fund-flow trace (FundsReceived: count, total and first page) of an institution holding ${size} paid claims`,
      notes: `setup creates ${size} claims through the pipeline before timing`,
      prepare: async ({ concurrency }) => {
        await (made ??= makeClaims(Math.min(Math.max(concurrency, 8), SETUP_PARALLELISM)));
        return async () => {
          // What an investigator's first screen needs: count and total of everything, the first page of transfers.
          const res = await d.rest.call<{ count: number; transfers: unknown[] }>('GET', `/trace/parties/${institution}/funds-received?fromFund=fund:310000`, d.token('investigator1'));
          if (res.count < size || res.transfers.length === 0) throw new Error(`trace counted ${res.count} transfers and returned ${res.transfers.length}, expected ${size}`);
        };
      },
    });
  }
  return workloads;
}
