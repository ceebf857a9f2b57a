/**
 * Where a transaction's time and CPU go (issue 15, item 3): runs a fixed number of operations of
 * one kind closed-loop on a running network (bench/profile/network.sh up), and reports
 *  - CPU ms per operation of each process kind (peer, orderer, chaincode server, CA, gateway, this
 *    driver), from utime + stime in /proc/<pid>/stat of the pids in <run>/pids before and after;
 *  - for the `*-steps` operations, driven with fabric-gateway's step API, the latency of each
 *    phase: endorse (proposal to endorsed transaction, all endorsers), submit (to the orderer),
 *    commit (submitted to the commit status from the user's org peer).
 *
 *   RXCHAIN_BENCH_PORT_OFFSET=12148 RXCHAIN_RUN_DIR=$PWD/.run/profile node -r ts-node/register/transpile-only bench/profile/profile.ts \
 *     --ops baseline,baseline-steps,issue-rest,issue-steps --count 300 --concurrency 32
 *
 * Any of the bench's workloads (bench/workloads.ts) runs here by its name too, e.g. the reads
 * `--ops read-rest,read-direct,verify-rest,verify-direct --count 5000`: the same operation as in
 * `npm run bench`, counted instead of timed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeTransient, PrescriptionApi, ProbeApi, type AnyTx, type ArgsOf } from '@rxchain/chaincode/dist/shared';
import type { Contract } from '@hyperledger/fabric-gateway';
import { wireArgs } from '../../gateway-api/src/fabric/wire';
import { gatewayContract, readGatewayFile } from '../direct';
import { newPatient } from '../domain-workloads';
import { benchRunDir } from '../network-settings';
import { summarise } from '../stats';
import { rest, workloads } from '../workloads';

const offset = Number(process.env.RXCHAIN_BENCH_PORT_OFFSET ?? 10000);
const tokens = (): Record<string, string> => readGatewayFile<Record<string, string>>('demo-tokens.json');
const tag = Date.now().toString(36).toUpperCase();

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

type Phase = 'endorse' | 'submit' | 'commit';
type Op = (worker: number, i: number, phases: Record<Phase, number[]>) => Promise<void>;

/** One transaction through the step API, each phase timed. */
async function steps<X extends AnyTx>(contract: Contract, tx: X, args: ArgsOf<X>, phases: Record<Phase, number[]>, transient?: Record<string, unknown>): Promise<void> {
  let t = performance.now();
  const endorsed = await contract
    .newProposal(tx.id, { arguments: [wireArgs(tx, args)], ...(transient ? { transientData: encodeTransient(transient) } : {}) })
    .endorse();
  phases.endorse.push(performance.now() - t);
  t = performance.now();
  const commit = await endorsed.submit();
  phases.submit.push(performance.now() - t);
  t = performance.now();
  const status = await commit.getStatus();
  phases.commit.push(performance.now() - t);
  if (!status.successful) throw new Error(`${tx.id} ${status.transactionId} invalid: code ${status.code}`);
}

const issueBody = () => ({ kind: 'ORDINARY', items: [{ drugCode: 'XA10BA02', quantity: 30, dose: '500mg bid', days: 7 }], diagnosisCodes: ['E11.9'] });

async function issueRest(): Promise<{ rxId: string; blockNumber: string }> {
  const res = await rest.call<{ prescription: { rxId: string }; blockNumber: string }>('POST', '/prescriptions', tokens().doctor1, { patient: newPatient(), ...issueBody(), items: [{ drugCode: 'XA10BA02', quantity: 100_000, dose: '500mg bid', days: 7 }] });
  return { rxId: res.prescription.rxId, blockNumber: res.blockNumber };
}

/** The operations: the bench's workloads by name, a few of them also through the step API. */
async function operation(name: string, concurrency: number): Promise<Op> {
  switch (name) {
    case 'baseline': {
      const admin = gatewayContract('hospitaladmin');
      return async (w, i) => {
        await admin.submitTransaction(ProbeApi.Write.id, wireArgs(ProbeApi.Write, { id: `prof-${tag}-${w}-${i}`, note: 'x' }));
      };
    }
    case 'baseline-steps': {
      const admin = gatewayContract('hospitaladmin');
      return (w, i, phases) => steps(admin, ProbeApi.Write, { id: `profs-${tag}-${w}-${i}`, note: 'x' }, phases);
    }
    case 'issue-rest':
      return async () => {
        await rest.call('POST', '/prescriptions', tokens().doctor1, { patient: newPatient(), ...issueBody() });
      };
    case 'issue-steps': {
      const doctor = gatewayContract('doctor1');
      return (w, i, phases) => steps(doctor, PrescriptionApi.Issue, { rxId: `RX-P${tag}-${w}-${i}`, ...issueBody() } as ArgsOf<typeof PrescriptionApi.Issue>, phases, { patient: newPatient() });
    }
    case 'dispense-rest':
    case 'dispense-steps': {
      const rx: { rxId: string; blockNumber: string }[] = [];
      for (let w = 0; w < concurrency; w++) rx.push(await issueRest());
      const last = rx[rx.length - 1].blockNumber;
      const body = { items: [{ drugCode: 'XA10BA02', quantity: 1 }], feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 5, quantity: 1, amountFen: 5 }] };
      if (name === 'dispense-rest') {
        return async (w) => {
          await rest.call('POST', `/prescriptions/${rx[w].rxId}/dispensations`, tokens().pharmacist1, body, { 'X-Min-Block': last });
        };
      }
      const pharmacist = gatewayContract('pharmacist1');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return (w, i, phases) => steps(pharmacist, PrescriptionApi.Dispense, { rxId: rx[w].rxId, dispenseId: `DSP-P${tag}-${w}-${i}`, ...body }, phases);
    }
    default: {
      const workload = (await workloads([])).find((w) => w.name === name);
      if (!workload) throw new Error(`unknown operation ${name}`);
      const run = await workload.prepare({ concurrency, durationSeconds: 0 });
      return (w, i) => run(w, i);
    }
  }
}

/** utime + stime in ms of every process the network's pid files name, summed per kind. */
function cpuByKind(): Record<string, number> {
  const tick = 1000 / 100; // CLK_TCK is 100 on Linux
  const out: Record<string, number> = {};
  const dir = path.join(benchRunDir, 'pids');
  for (const file of fs.readdirSync(dir)) {
    const pid = fs.readFileSync(path.join(dir, file), 'utf8').split('\n')[0];
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * tick;
    const name = file.replace(/\.pid$/, '');
    const kind = name.startsWith('peer-') ? 'peer' : name.startsWith('cc-') ? 'chaincode' : name.startsWith('ca-') ? 'ca' : name.startsWith('orderer') ? 'orderer' : name;
    out[kind] = (out[kind] ?? 0) + ms;
  }
  const self = process.cpuUsage();
  out.driver = (self.user + self.system) / 1000;
  return out;
}

/** Chaincode-to-peer requests (GET_STATE, PUT_STATE, GET_STATE_BY_RANGE …) all peers served for the chaincode, from their operations endpoints. */
async function shimRequests(): Promise<Record<string, number>> {
  const definition = JSON.parse(fs.readFileSync(path.join(benchRunDir, 'network', 'definition.json'), 'utf8')) as { organisations: { host: string; ports: { peerOperations?: number } }[] };
  const out: Record<string, number> = {};
  for (const org of definition.organisations) {
    if (!org.ports.peerOperations) continue;
    const text = await fetch(`http://${org.host}:${org.ports.peerOperations + offset}/metrics`).then((r) => r.text(), () => '');
    for (const m of text.matchAll(/^chaincode_shim_requests_completed\{chaincode="rxchain[^"]*",channel="[^"]*",success="true",type="([A-Z_]+)"\} (\d+)/gm)) {
      out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
    }
  }
  return out;
}

interface Row {
  op: string;
  count: number;
  failures: number;
  seconds: number;
  throughput: number;
  latency: ReturnType<typeof summarise>;
  phases?: Record<Phase, ReturnType<typeof summarise>>;
  cpuMsPerOp: Record<string, number>;
  /** Chaincode-to-peer requests per operation, all endorsing peers together. */
  shimRequestsPerOp: Record<string, number>;
  loadAverage: number[];
  firstError?: string;
}

async function measure(name: string, count: number, concurrency: number): Promise<Row> {
  const op = await operation(name, concurrency);
  const phases: Record<Phase, number[]> = { endorse: [], submit: [], commit: [] };
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  const shimBefore = await shimRequests();
  const before = cpuByKind();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; next < count; i++) {
        next++;
        const t = performance.now();
        try {
          await op(w, i, phases);
          latencies.push(performance.now() - t);
        } catch (err) {
          failures++;
          firstError ??= (err as Error).message.slice(0, 200);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const after = cpuByKind();
  const shimAfter = await shimRequests();
  const ok = Math.max(latencies.length, 1);
  const cpuMsPerOp: Record<string, number> = {};
  let total = 0;
  for (const kind of Object.keys(after)) {
    const ms = (after[kind] - (before[kind] ?? 0)) / ok;
    cpuMsPerOp[kind] = Math.round(ms * 10) / 10;
    total += ms;
  }
  cpuMsPerOp.total = Math.round(total * 10) / 10;
  const shimRequestsPerOp: Record<string, number> = {};
  for (const type of Object.keys(shimAfter)) shimRequestsPerOp[type] = Math.round(((shimAfter[type] - (shimBefore[type] ?? 0)) / ok) * 10) / 10;
  const row: Row = { op: name, count: latencies.length, failures, seconds: Math.round(seconds * 10) / 10, throughput: Math.round((latencies.length / seconds) * 10) / 10, latency: summarise(latencies), cpuMsPerOp, shimRequestsPerOp, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  if (phases.endorse.length) row.phases = { endorse: summarise(phases.endorse), submit: summarise(phases.submit), commit: summarise(phases.commit) };
  if (firstError) row.firstError = firstError;
  return row;
}

const KINDS = ['peer', 'orderer', 'chaincode', 'gateway', 'ca', 'driver', 'total'];

function markdown(rows: Row[], settings: object): string {
  const lines = [
    `Profile ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; ${JSON.stringify(settings)}`,
    '',
    `| op | ok | fail | tx/s | p50 ms | p99 ms | endorse p50 | submit p50 | commit p50 | ${KINDS.map((k) => `${k} CPU ms/op`).join(' | ')} | shim requests/op | load |`,
    `|---|---|---|---|---|---|---|---|---|${KINDS.map(() => '---').join('|')}|---|---|`,
  ];
  for (const r of rows) {
    const p = (x?: { p50: number }) => (x ? String(Math.round(x.p50)) : '');
    lines.push(`| ${r.op} | ${r.count} | ${r.failures} | ${r.throughput} | ${Math.round(r.latency.p50)} | ${Math.round(r.latency.p99)} | ${p(r.phases?.endorse)} | ${p(r.phases?.submit)} | ${p(r.phases?.commit)} | ${KINDS.map((k) => r.cpuMsPerOp[k] ?? 0).join(' | ')} | ${Object.entries(r.shimRequestsPerOp).map(([t, n]) => `${t} ${n}`).join(', ')} | ${r.loadAverage[0]} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const ops = arg('ops', 'baseline,issue-rest').split(',').filter(Boolean);
  const count = Number(arg('count', '300'));
  const concurrency = Number(arg('concurrency', '32'));
  const label = arg('label', 'profile');
  const rows: Row[] = [];
  for (const name of ops) {
    process.stdout.write(`${name}: ${count} ops, ${concurrency} workers … `);
    const row = await measure(name, count, concurrency);
    rows.push(row);
    console.log(`${row.throughput} /s, p50 ${Math.round(row.latency.p50)} ms, CPU ms/op ${JSON.stringify(row.cpuMsPerOp)}, shim requests/op ${JSON.stringify(row.shimRequestsPerOp)}${row.firstError ? `; first error: ${row.firstError}` : ''}`);
  }
  const settings = { count, concurrency, label };
  const md = markdown(rows, settings);
  console.log(`\n${md}`);
  const out = path.resolve(__dirname, '..', 'results');
  fs.mkdirSync(out, { recursive: true });
  const base = path.join(out, `${label}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.writeFileSync(`${base}.json`, JSON.stringify({ settings, rows }, null, 2));
  fs.writeFileSync(`${base}.md`, `${md}\n`);
  console.log(`results: ${base}.{json,md}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
