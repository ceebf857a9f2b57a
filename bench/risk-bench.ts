/**
 * Risk-list latency with a large read model (issue 12): writes N synthetic claim record versions
 * (bench/synthetic-records.ts) into the read model's PostgreSQL through ReadModelStore.applyBlocks —
 * the follower's own code path, projections included — then times each risk route through the
 * gateway's HTTP app at a few concurrencies. The claims are written into the read model
 * directly, not through the chain; no network is needed.
 *
 *   npm run bench -- --risk-claims 1000000            (PGlite under .run/bench-risk)
 *   npm run bench -- --risk-claims 500000 --risk-institutions 1000   (1 000 institutions, as at 1 M)
 *   scripts/with-postgres.sh npm run bench -- --risk-claims 1000000   (a PostgreSQL server)
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { createApp } from '../gateway-api/src/app';
import type { DecodedBlock } from '../gateway-api/src/read-model/block-decoder';
import { openDatabase, type DatabaseLocation } from '../gateway-api/src/read-model/database';
import { ReadModelService } from '../gateway-api/src/read-model/service';
import { ReadModelStore } from '../gateway-api/src/read-model/store';
import { allRoutes } from '../gateway-api/src/routes';
import { testGateway } from '../test/support/gateway-app';
import { idleBlockSource } from '../test/support/idle-block-source';
import { machineInfo } from './report';
import { summarise } from './stats';
import { REGIONS, institutionIdOf, isOutlier, patientRefOf, syntheticBlocks, type SyntheticOptions } from './synthetic-records';

const CHANNEL = 'synthetic';
/** Blocks applied per transaction, as the follower batches a backlog (MAX_BATCH is 100 blocks). */
const BLOCKS_PER_TX = 10;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function get(port: number, urlPath: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers: { Authorization: `Bearer ${token}` }, agent: keepAlive }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

async function main(): Promise<void> {
  const claims = Number(arg('risk-claims', '0'));
  if (!(claims > 0)) throw new Error('--risk-claims N is required');
  // --risk-measure-only: time the routes on a database an earlier run loaded (kept under .run, or RXCHAIN_DATABASE_URL).
  const measureOnly = process.argv.includes('--risk-measure-only');
  const now = new Date(Date.now() + 8 * 3600_000);
  const lastMonth = now.toISOString().slice(0, 7);
  const options: SyntheticOptions = {
    claims,
    patients: Math.max(1_000, Math.round(claims / 10)),
    // --risk-institutions N: as many institutions as a larger run (the lists' size), with fewer claims each.
    institutions: Number(arg('risk-institutions', String(Math.max(50, Math.min(1_000, Math.round(claims / 1_000)))))),
    months: 13,
    lastMonth,
    prescriptionEvery: 5,
    blockSize: 500,
  };
  const seconds = Number(arg('risk-seconds', '8'));
  const concurrencies = arg('risk-concurrency', '1,4,16').split(',').map(Number);
  const location: DatabaseLocation = process.env.RXCHAIN_DATABASE_URL
    ? { kind: 'postgres', url: process.env.RXCHAIN_DATABASE_URL }
    : { kind: 'pglite', dataDir: path.resolve(__dirname, '..', '.run', 'bench-risk', 'pgdata') };
  if (location.kind === 'pglite' && !measureOnly) {
    fs.rmSync(location.dataDir, { recursive: true, force: true });
    // Made here with the default mode: PGlite makes missing parents owner-only, which would shut other users out of .run.
    fs.mkdirSync(path.dirname(location.dataDir), { recursive: true });
  }

  // Load: the follower's path (applyBlocks: versions, latest, projections, checkpoint in one transaction).
  const db = await openDatabase(location);
  const store = new ReadModelStore(db, CHANNEL);
  await store.init();
  if (!measureOnly) console.log(`loading ${claims} synthetic claims (${options.patients} patients, ${options.institutions} institutions, ${options.months} months to ${lastMonth}) into ${location.kind} …`);
  const started = performance.now();
  let batch: DecodedBlock[] = [];
  let writes = 0;
  let claimsWritten = 0;
  let nextReport = 100_000;
  const flush = async () => {
    if (!batch.length) return;
    await store.applyBlocks(batch);
    batch = [];
  };
  for (const block of measureOnly ? [] : syntheticBlocks(options)) {
    batch.push(block);
    writes += block.writes.length;
    claimsWritten += block.writes.filter((w) => w.docType === 'claim').length;
    if (batch.length >= BLOCKS_PER_TX) await flush();
    if (claimsWritten >= nextReport) {
      const s = (performance.now() - started) / 1000;
      console.log(`  ${claimsWritten} claims, ${writes} record versions in ${s.toFixed(0)} s (${(claimsWritten / s).toFixed(0)} claims/s)`);
      nextReport += 100_000;
    }
  }
  await flush();
  const loadSeconds = (performance.now() - started) / 1000;
  const counts = Object.fromEntries(
    await Promise.all(
      ['record_versions', 'claim_facts', 'prescription_facts', 'timeline_entries', 'institution_month', 'institution_risk', 'patient_risk'].map(async (t) => {
        const [row] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${t}`);
        return [t, Number(row.n)] as const;
      }),
    ),
  );
  const checkpoint = (await store.checkpoint()).nextBlock;
  await db.close();
  console.log(`loaded in ${loadSeconds.toFixed(0)} s: ${(claimsWritten / loadSeconds).toFixed(0)} claims/s, ${(writes / loadSeconds).toFixed(0)} record versions/s; ${JSON.stringify(counts)}`);

  // Serve: the gateway app with the read model on the loaded database (its follower idles).
  const gw = testGateway(() => []);
  const service = new ReadModelService(async () => ({ database: await openDatabase(location), source: idleBlockSource(() => checkpoint) }), {
    databaseKind: location.kind,
    channel: CHANNEL,
    namespace: 'rxchain',
    logger: pino({ level: 'silent' }),
  });
  await service.start();
  // The bench is the only client: the per-client rate limit would time the limiter instead.
  const deps = { ...gw.deps, config: { ...gw.deps.config, rateLimitPerMinute: 1_000_000 }, readModel: service };
  const server = createApp(deps, allRoutes(deps)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const outlier = Array.from({ length: options.institutions }, (_, i) => i).find(isOutlier) ?? 0;
  const firstPatients = JSON.parse((await get(port, '/oversight/risk/patients?highRiskOnly=false&pageSize=200', gw.tokens.investigator)).body) as { bookmark: string };
  const routes: { name: string; path: string; role: 'investigator' | 'insurer' }[] = [
    { name: 'institutions high-risk list (all regions)', path: `/oversight/risk/institutions?month=${lastMonth}`, role: 'investigator' },
    { name: 'institutions, every one, 1 page (insurer: own region)', path: `/oversight/risk/institutions?month=${lastMonth}&highRiskOnly=false`, role: 'insurer' },
    { name: 'institution profile', path: `/oversight/risk/institutions/${institutionIdOf(outlier)}?month=${lastMonth}`, role: 'investigator' },
    { name: 'patients high-risk list, page 1', path: '/oversight/risk/patients', role: 'investigator' },
    { name: 'patients, all, page 2 (keyset)', path: `/oversight/risk/patients?highRiskOnly=false&pageSize=200&bookmark=${firstPatients.bookmark}`, role: 'investigator' },
    { name: 'patients high-risk list (insurer: own region)', path: '/oversight/risk/patients', role: 'insurer' },
    { name: 'patient profile', path: `/oversight/risk/patients/${patientRefOf(7)}`, role: 'investigator' },
    { name: 'region monthly (13 months)', path: `/oversight/regions/${REGIONS[0]}/monthly`, role: 'investigator' },
  ];
  const results: { route: string; path: string; concurrency: number; requests: number; perSecond: number; latencyMs: ReturnType<typeof summarise> }[] = [];
  for (const r of routes) {
    const probe = await get(port, r.path, gw.tokens[r.role]);
    if (probe.status !== 200) throw new Error(`${r.path}: ${probe.status} ${probe.body.slice(0, 200)}`);
    for (const concurrency of concurrencies) {
      const latencies: number[] = [];
      const t0 = performance.now();
      const deadline = t0 + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < deadline) {
            const t = performance.now();
            const res = await get(port, r.path, gw.tokens[r.role]);
            if (res.status !== 200) throw new Error(`${r.path}: ${res.status}`);
            latencies.push(performance.now() - t);
          }
        }),
      );
      const elapsed = (performance.now() - t0) / 1000;
      const latencyMs = summarise(latencies);
      results.push({ route: r.name, path: r.path, concurrency, requests: latencies.length, perSecond: Math.round((latencies.length / elapsed) * 10) / 10, latencyMs });
      console.log(`  ${r.name} ×${concurrency}: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, ${latencies.length} requests`);
    }
  }
  server.close();
  await service.stop();
  gw.close();

  const report = {
    startedAt: new Date().toISOString(),
    machine: machineInfo(),
    database: location.kind,
    note: 'synthetic claim record versions written into the read model directly (ReadModelStore.applyBlocks, the follower’s path with its projections), not through the chain',
    options,
    load: { seconds: Math.round(loadSeconds), claims: claimsWritten, recordVersions: writes, claimsPerSecond: Math.round(claimsWritten / loadSeconds), versionsPerSecond: Math.round(writes / loadSeconds), rows: counts },
    results,
  };
  const outDir = arg('out', path.resolve(__dirname, 'results'));
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const md = [
    `Risk routes with ${counts.claim_facts} claims in the read model (${location.kind}), ${options.patients} patients, ${options.institutions} institutions, ${options.months} months; ` +
      `${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}. ${report.note}.`,
    '',
    `Load: ${report.load.seconds} s, ${report.load.claimsPerSecond} claims/s (${report.load.versionsPerSecond} record versions/s); rows ${JSON.stringify(counts)}`,
    '',
    '| route | concurrency | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.route} | ${r.concurrency} | ${r.perSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, `risk-${location.kind}-${stamp}.json`), JSON.stringify(report, null, 2));
  fs.writeFileSync(path.join(outDir, `risk-${location.kind}-${stamp}.md`), md);
  console.log(`\n${md}\nresults: ${path.join(outDir, `risk-${location.kind}-${stamp}.{json,md}`)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
