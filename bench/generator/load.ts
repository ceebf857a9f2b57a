/**
 * npm run bench:load: loads the large data set into the running benchmark network through the
 * real chaincode (scripts/bench-load.sh brings the network up and seeds it with the 3 000-drug
 * catalogue first): 1 000 institutions and their doctors, 100 000 patients enrolled in batches,
 * the region's historical policy, then the history in Archive:ImportVisits batches.
 *
 *   npm run bench:load -- --visits 260000 --patients 100000 --batch 150 --concurrency 6
 *
 * Resumable: progress is kept in <run dir>/generator/progress.json; killed and restarted, it
 * skips what committed (and a batch that committed after the last save answers 409: the chain
 * refuses a batch id twice, so nothing is ever doubled). Run again with more --visits and the same
 * other options, it extends the loaded world. Prints and writes its throughput.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArchiveApi, type ArgsOf, InstitutionApi, InsuredPersonApi, PolicyApi, PractitionerApi, PrescriptionApi } from '@rxchain/chaincode/dist/shared';
import { addDays, chinaDateOf } from '../../chaincode/src/rules/dates';
import { policy } from '../../scripts/demo/seed';
import { boundedMap } from '../bounded-map';
import { directContract } from '../direct';
import { benchRunDir } from '../network-settings';
import {
  DOCTORS_PER_HOSPITAL,
  HISTORY_DAYS,
  REGION,
  doctorIdOf,
  historyDrugs,
  hospitalId,
  isExtensionOf,
  patientIdentity,
  pharmacyId,
  visitOf,
  type WorldSize,
} from './world';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}

const size: WorldSize = {
  patients: arg('patients', 100_000),
  hospitals: arg('hospitals', 600),
  pharmacies: arg('pharmacies', 400),
  visits: arg('visits', 260_000),
  catalogueSize: arg('catalogue-size', 3000),
  seed: arg('seed', 1),
  batch: arg('batch', 150),
};
const BATCH = size.batch;
/**
 * Patients whose pseudonym the chain derives from their identity (Prescription:PatientRef, about
 * 100 evaluations/s on this machine): the hot patients the live workloads act for, and more. The
 * others get a synthetic pseudonym no live workload ever names (sha256, same form).
 */
const IDENTIFIED = Math.min(arg('identified', 30_000), size.patients);
const CONCURRENCY = arg('concurrency', 6);
const ENROL_BATCH = 500;

const dir = path.join(benchRunDir, 'generator');
const progressFile = path.join(dir, 'progress.json');
const refsFile = path.join(dir, 'patient-refs.txt');

interface Progress {
  size: WorldSize;
  batch: number;
  registry: boolean;
  enrolledBatches: number[];
  policy: boolean;
  doneBatches: number[];
  records: { prescriptions: number; dispenses: number; claims: number; transfers: number };
  importSeconds: number;
  importTx: number;
}

function loadProgress(): Progress {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(progressFile)) {
    const p = JSON.parse(fs.readFileSync(progressFile, 'utf8')) as Progress;
    if (isExtensionOf(p.size, size)) {
      console.log(`extending the loaded world from ${p.size.visits} to ${size.visits} visits: the first ${p.size.visits} are the same visits`);
      p.size = size;
      saveProgress(p);
    }
    if (JSON.stringify(p.size) !== JSON.stringify(size) || p.batch !== BATCH) {
      throw new Error(`${progressFile} is for ${JSON.stringify(p.size)} in batches of ${p.batch}; resume with the same options (or more --visits) or remove it`);
    }
    return p;
  }
  return { size, batch: BATCH, registry: false, enrolledBatches: [], policy: false, doneBatches: [], records: { prescriptions: 0, dispenses: 0, claims: 0, transfers: 0 }, importSeconds: 0, importTx: 0 };
}

const saveProgress = (p: Progress) => {
  fs.writeFileSync(`${progressFile}.tmp`, JSON.stringify(p));
  fs.renameSync(`${progressFile}.tmp`, progressFile);
};

const status = (err: unknown): string => String((err as Error).message ?? err);
const isConflict = (err: unknown): boolean => /\[CONFLICT\]|already (exists|enrolled|imported|used)|409/.test(status(err) + JSON.stringify((err as { details?: unknown }).details ?? ''));

/** Set by SIGINT/SIGTERM: no new batch starts, those in flight finish, the report is written, and a later run resumes. */
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`${signal}: finishing the batches in flight, then stopping (again to stop at once; the next run resumes)`);
  });
}

/** Runs `work(i)` for i in `todo`, `concurrency` at a time, retrying transient failures (MVCC, endorsement under load) a few times. */
async function pool(todo: number[], concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  const retried = async (i: number): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(i);
      } catch (err) {
        if (attempt >= 5) throw err;
        console.log(`  retry ${i} (${attempt}): ${status(err).slice(0, 200)}`);
        await new Promise((r) => setTimeout(r, 1000 * attempt));
      }
    }
  };
  await boundedMap(todo, concurrency, retried, () => stopping);
}

async function registry(p: Progress): Promise<void> {
  if (p.registry) return;
  const insurer = directContract('insurer-sh');
  const admin = directContract('hospitaladmin');
  const today = chinaDateOf(Date.now());
  const agreement = (id: string) => ({ number: `HIST-${id}`, validFrom: addDays(today, -HISTORY_DAYS - 30), validTo: addDays(today, 365) });
  const institutions = [
    ...Array.from({ length: size.hospitals }, (_, i) => ({ institutionId: hospitalId(i), name: `History hospital ${i + 1}`, kind: 'hospital' as const, level: (['basic', 'secondary', 'tertiary'] as const)[i % 3] })),
    ...Array.from({ length: size.pharmacies }, (_, i) => ({ institutionId: pharmacyId(i), name: `History pharmacy ${i + 1}`, kind: 'pharmacy' as const, level: 'basic' as const })),
  ];
  const t0 = Date.now();
  await pool(institutions.map((_, i) => i), 16, async (i) => {
    const inst = institutions[i];
    await insurer.submit(InstitutionApi.Register, { ...inst, region: REGION, grade: 'B', agreement: agreement(inst.institutionId) }).catch((e: unknown) => (isConflict(e) ? undefined : Promise.reject(e)));
  });
  console.log(`registered ${institutions.length} institutions in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const doctors = Array.from({ length: size.hospitals * DOCTORS_PER_HOSPITAL }, (_, j) => ({ h: Math.floor(j / DOCTORS_PER_HOSPITAL), k: j % DOCTORS_PER_HOSPITAL }));
  const t1 = Date.now();
  await pool(doctors.map((_, j) => j), 16, async (j) => {
    const { h, k } = doctors[j];
    await admin.submit(PractitionerApi.Register, { doctorId: doctorIdOf(h, k), institutionId: hospitalId(h), scope: ['internal medicine'] }).catch((e: unknown) => (isConflict(e) ? undefined : Promise.reject(e)));
  });
  if (stopping) return;
  console.log(`registered ${doctors.length} doctors in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  p.registry = true;
  saveProgress(p);
}

/** Every patient's pseudonym: the identified ones' as the chain derives it (the insurer may ask: Prescription:PatientRef). */
async function patientRefs(): Promise<string[]> {
  const refs = fs.existsSync(refsFile) ? fs.readFileSync(refsFile, 'utf8').split('\n').filter(Boolean).slice(0, IDENTIFIED) : [];
  const synthetic = Array.from({ length: size.patients - IDENTIFIED }, (_, i) => crypto.createHash('sha256').update(`rxchain-bench-patient:${IDENTIFIED + i}`).digest('hex'));
  if (refs.length >= IDENTIFIED) return [...refs, ...synthetic];
  const insurer = directContract('insurer-sh');
  const t0 = Date.now();
  const start = refs.length;
  for (let from = refs.length; from < IDENTIFIED; from += 2000) {
    const chunk = Array.from({ length: Math.min(2000, IDENTIFIED - from) }, (_, i) => from + i);
    const got: string[] = new Array<string>(chunk.length);
    await pool(chunk.map((_, i) => i), 32, async (i) => {
      got[i] = (await insurer.evaluateWith(PrescriptionApi.PatientRef, {}, { patient: patientIdentity(chunk[i]) })).patientRef;
    });
    if (stopping) break;
    fs.appendFileSync(refsFile, got.join('\n') + '\n');
    refs.push(...got);
    console.log(`  patient refs ${refs.length}/${IDENTIFIED} (${((refs.length - start) / ((Date.now() - t0) / 1000)).toFixed(0)}/s)`);
  }
  return [...refs, ...synthetic];
}

async function enrol(p: Progress, refs: string[]): Promise<void> {
  const insurer = directContract('insurer-sh');
  const done = new Set(p.enrolledBatches);
  const todo = Array.from({ length: Math.ceil(size.patients / ENROL_BATCH) }, (_, i) => i).filter((i) => !done.has(i));
  if (todo.length === 0) return;
  const t0 = Date.now();
  await pool(todo, 4, async (i) => {
    const persons = refs.slice(i * ENROL_BATCH, (i + 1) * ENROL_BATCH).map((patientRef, j) => ({ patientRef, scheme: (i * ENROL_BATCH + j) % 4 === 0 ? ('resident' as const) : ('employee' as const) }));
    await insurer.submit(InsuredPersonApi.EnrolBatch, { persons }).catch((e: unknown) => (isConflict(e) ? undefined : Promise.reject(e)));
    p.enrolledBatches.push(i);
    saveProgress(p);
  });
  console.log(`enrolled ${size.patients} patients in ${todo.length} batches in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function historicalPolicy(p: Progress): Promise<void> {
  if (p.policy) return;
  const insurer = directContract('insurer-sh');
  const today = chinaDateOf(Date.now());
  const versions = await insurer.evaluate(PolicyApi.List, { region: REGION });
  if (!versions.some((v) => v.effectiveFrom < today)) await insurer.submit(ArchiveApi.ImportPolicy, policy(addDays(today, -HISTORY_DAYS - 10)) as ArgsOf<typeof ArchiveApi.ImportPolicy>);
  p.policy = true;
  saveProgress(p);
}

async function history(p: Progress, refs: string[]): Promise<void> {
  const insurer = directContract('insurer-sh');
  const drugs = historyDrugs(size.catalogueSize);
  const today = chinaDateOf(Date.now());
  const done = new Set(p.doneBatches);
  const batches = Math.ceil(size.visits / BATCH);
  const todo = Array.from({ length: batches }, (_, i) => i).filter((i) => !done.has(i));
  const t0 = Date.now();
  let recordsNow = 0;
  let txNow = 0;
  // The time and transactions of the import are kept with each batch, so a run killed outright still counts its part.
  let tick = t0;
  const account = (committedHere: boolean) => {
    const now = Date.now();
    p.importSeconds += (now - tick) / 1000;
    tick = now;
    if (committedHere) p.importTx++;
  };
  const timer = setInterval(() => {
    const s = (Date.now() - t0) / 1000;
    console.log(`  ${p.doneBatches.length}/${batches} batches, ${total(p)} records; this run ${(recordsNow / s).toFixed(0)} records/s, ${(txNow / s).toFixed(2)} tx/s; load ${os.loadavg()[0].toFixed(1)}`);
  }, 15_000);
  try {
    await pool(todo, CONCURRENCY, async (i) => {
      const visits = Array.from({ length: Math.min(BATCH, size.visits - i * BATCH) }, (_, j) => {
        const { visit, patient } = visitOf(i * BATCH + j, size, drugs, today);
        return { ...visit, patientRef: refs[patient] };
      });
      const batchId = `HB${size.seed}-${String(i).padStart(6, '0')}`;
      try {
        const record = await insurer.submit(ArchiveApi.ImportVisits, { batchId, visits });
        for (const k of Object.keys(p.records) as (keyof Progress['records'])[]) p.records[k] += record.records[k];
        const n = Object.values(record.records).reduce((a, b) => a + b, 0);
        recordsNow += n;
        txNow++;
        account(true);
      } catch (err) {
        // Committed after the last save: the chain refuses the id twice; its records are counted from the chain's batch record.
        if (!isConflict(err)) throw err;
        const record = await insurer.evaluate(ArchiveApi.GetBatch, { batchId });
        console.log(`  batch ${batchId} had committed before this run (${status(err).slice(0, 120)}): counted from the chain's batch record`);
        account(false);
        for (const k of Object.keys(p.records) as (keyof Progress['records'])[]) p.records[k] += record.records[k];
      }
      p.doneBatches.push(i);
      saveProgress(p);
    });
  } finally {
    clearInterval(timer);
    const seconds = (Date.now() - t0) / 1000;
    account(false);
    saveProgress(p);
    console.log(`this run: ${txNow} batches, ${recordsNow} records in ${seconds.toFixed(0)} s: ${(recordsNow / seconds).toFixed(0)} records/s, ${(txNow / seconds).toFixed(2)} tx/s`);
  }
}

const total = (p: Progress): number => Object.values(p.records).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const p = loadProgress();
  const started = new Date().toISOString();
  await registry(p);
  const refs = await patientRefs();
  await enrol(p, refs);
  if (!stopping) await historicalPolicy(p);
  if (!stopping) await history(p, refs);
  const report = {
    finishedAt: new Date().toISOString(),
    startedAt: started,
    size,
    batchVisits: BATCH,
    concurrency: CONCURRENCY,
    records: p.records,
    totalRecords: total(p),
    batchesDone: p.doneBatches.length,
    batchesPlanned: Math.ceil(size.visits / BATCH),
    importSeconds: Math.round(p.importSeconds),
    recordsPerSecond: Math.round(total(p) / p.importSeconds),
    txPerSecond: Number((p.importTx / p.importSeconds).toFixed(3)),
    loadAverage: os.loadavg(),
    cpus: os.cpus().length,
  };
  fs.writeFileSync(path.join(dir, 'load-report.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
