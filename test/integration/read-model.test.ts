import { AuditApi, PRESCRIPTION_STATUSES, PrescriptionApi, canonicalJson, type HistoryEntry, type Page } from '@rxchain/chaincode/dist/shared';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../gateway-api/src/app';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { allRoutes } from '../../gateway-api/src/routes';
import { FabricBlockSource } from '../../gateway-api/src/read-model/block-source';
import { serviceUser } from '../../gateway-api/src/read-model/bootstrap';
import { openDatabase, type DatabaseLocation, type SqlDatabase } from '../../gateway-api/src/read-model/database';
import { readModelApplySeconds, readModelBatches, readModelBlocks } from '../../gateway-api/src/read-model/metrics';
import { ReadModelService } from '../../gateway-api/src/read-model/service';
import { playStory, type StoryResult } from '../../scripts/demo/story';
import { httpGet, sleep, startGatewayProcess, stopGatewayProcess, waitFor } from '../support/faults';
import { appCall, bearer, gatewayDeps, runDir, uniqueId, userOf, type DemoUser } from '../support/network';
import { failingCheckpoint, type CheckpointFault } from '../support/read-model-faults';
import { PROJECTION_TABLES } from '../support/read-model-projections';

/**
 * The oversight read model on the real network: it follows the channel from genesis into
 * PostgreSQL (PGlite here, a PostgreSQL server when RXCHAIN_DATABASE_URL is set — scripts/test.sh
 * runs this file both ways), is killed mid-stream under write load and restarted, and must end
 * with exactly the chain's record versions; /oversight/verify proves a copy against the chain.
 */

const location: DatabaseLocation = process.env.RXCHAIN_DATABASE_URL
  ? { kind: 'postgres', url: process.env.RXCHAIN_DATABASE_URL }
  : { kind: 'pglite', dataDir: path.join(runDir, 'read-model-test', `pgdata-${process.pid}`) };

const sha256Of = (value: unknown): string => crypto.createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/** Armed mid-stream: a crash between a block's rows and its checkpoint. */
const checkpointFault: CheckpointFault = { on: false };

describe('oversight read model (integration)', function () {
  this.timeout(600_000);
  const deps = gatewayDeps();
  const investigator = userOf('investigator1');
  const service = new ReadModelService(
    async () => ({
      database: failingCheckpoint(await openDatabase(location), checkpointFault),
      source: new FabricBlockSource(deps.profile, deps.clients, serviceUser(deps.identities, { serviceMsp: 'RegulatorMSP' }), 5_000),
    }),
    {
      databaseKind: location.kind,
      channel: deps.profile.channel,
      namespace: deps.profile.chaincode,
      logger: pino({ level: process.env.RXCHAIN_TEST_LOG_LEVEL ?? 'silent' }),
      retryMs: 200,
      heightPollMs: 250,
    },
  );
  const withReadModel = { ...deps, readModel: service };
  const app = createApp(withReadModel, allRoutes(withReadModel));
  const chainHeight = async () => BigInt((await deps.ledger.chainHeight(investigator)).height);
  const follower = () => service.running().follower;
  const db = () => service.running().store.db;
  const processed = () => BigInt(service.status().processedHeight ?? '0');
  /** Waits until the read model holds every block the chain has now. */
  const caughtUp = async (timeoutMs = 120_000) => {
    const height = await chainHeight();
    await waitFor(`the read model to reach height ${height}`, () => processed() >= height, timeoutMs);
  };

  /** Every version of a record on the chain, oldest first: tx id and hash of the canonical JSON. */
  async function chainVersions(docType: string, id: string): Promise<{ txId: string; sha256: string | null }[]> {
    try {
      const history: HistoryEntry<unknown>[] = await deps.ledger.evaluate(investigator, AuditApi.History, { docType, id });
      return history.map((h) => ({ txId: h.txId, sha256: h.isDelete ? null : sha256Of(h.value) })).reverse();
    } catch (err) {
      if (err instanceof LedgerError && err.failure.kind === 'rejected' && err.failure.code === 'NOT_FOUND') return [];
      throw err;
    }
  }

  async function modelVersions(docType: string, id: string): Promise<{ txId: string; sha256: string | null }[]> {
    const rows = await db().query<{ tx_id: string; is_delete: boolean; value: unknown; value_raw: string | null }>(
      `SELECT tx_id, is_delete, value, value_raw FROM record_versions WHERE doc_type = $1 AND record_id = $2 ORDER BY block_number, tx_index`,
      [docType, id],
    );
    return rows.map((r) => ({ txId: r.tx_id, sha256: r.is_delete ? null : sha256Of(r.value_raw === null ? r.value : JSON.parse(r.value_raw)) }));
  }

  async function modelLatest(docType: string): Promise<Map<string, string>> {
    const rows = await db().query<{ record_id: string; value: unknown; value_raw: string | null }>(
      `SELECT record_id, value, value_raw FROM records WHERE doc_type = $1 AND NOT is_delete`,
      [docType],
    );
    return new Map(rows.map((r) => [r.record_id, sha256Of(r.value_raw === null ? r.value : JSON.parse(r.value_raw))]));
  }

  /** Every version row below a height, in a form two databases can be compared by. */
  const dumpVersions = (target: SqlDatabase, belowHeight: bigint) =>
    target.query<Record<string, unknown>>(
      `SELECT doc_type, record_id, block_number::text AS block, tx_index, tx_id, is_delete, value_sha256, md5(coalesce(value::text, value_raw)) AS value_md5
       FROM record_versions WHERE block_number < $1 ORDER BY block_number, tx_index, doc_type, record_id`,
      [belowHeight.toString()],
    );

  /**
   * One probe write through the gateway: its tx id and block, or undefined when the gateway
   * answered 5xx (a peer still warming up, a timeout). Such a write is not acknowledged, so no
   * check counts on it; whether it committed anyway, the chain's key history says.
   */
  async function writeProbe(user: DemoUser, id: string, note: string): Promise<{ txId: string; blockNumber: string } | undefined> {
    const res = await request(app).post('/probes').set(...bearer(user)).send({ id, note });
    if (res.status >= 500) return undefined;
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return { txId: res.body.txId, blockNumber: res.body.blockNumber };
  }

  /** Every page of a chaincode list query. */
  async function allPages<T>(list: (bookmark: string) => Promise<Page<T>>): Promise<T[]> {
    const out: T[] = [];
    let bookmark = '';
    do {
      const page = await list(bookmark);
      out.push(...page.records);
      bookmark = page.records.length ? page.bookmark : '';
    } while (bookmark);
    return out;
  }

  before(async function () {
    this.timeout(180_000);
    // A fresh read model: this suite measures following from genesis.
    if (location.kind === 'pglite') fs.rmSync(location.dataDir, { recursive: true, force: true });
    else {
      const reset = await openDatabase(location);
      await reset.query(`DROP TABLE IF EXISTS record_versions, records, checkpoint, projection_state, ${Object.keys(PROJECTION_TABLES).join(', ')}`);
      await reset.close();
    }
  });

  after(async () => {
    await service.stop();
    fs.rmSync(path.join(runDir, 'read-model-test'), { recursive: true, force: true });
  });

  it('catches up from genesis and holds exactly the chain’s prescriptions and dispenses, by count and hash', async () => {
    // At least one of each on the chain, whichever suites ran before this one.
    await playStory(appCall);
    const startHeight = await chainHeight();
    const opening = Date.now();
    await service.start();
    const started = Date.now();
    expect(service.status().processedHeight).to.equal('0');
    await waitFor(`catch-up to ${startHeight}`, () => processed() >= startHeight, 180_000);
    const seconds = (Date.now() - started) / 1000;
    const s = follower().status();
    console.log(
      `      catch-up (${location.kind}, opened in ${started - opening} ms): ${s.blocksApplied} blocks, ${s.recordVersionsWritten} record versions in ${seconds.toFixed(1)} s ` +
        `= ${(s.blocksApplied / seconds).toFixed(0)} blocks/s, ${(s.recordVersionsWritten / seconds).toFixed(0)} records/s`,
    );

    // The chain's own listings: every prescription through the status index, every dispense
    // through the pharmacy index; read after catch-up, then the read model is brought level.
    const statuses = PRESCRIPTION_STATUSES;
    const prescriptions = (await Promise.all(statuses.map((st) => allPages<PrescriptionRecord>((bookmark) => deps.ledger.evaluate(investigator, PrescriptionApi.List, { status: st, pageSize: 200, bookmark }))))).flat();
    const modelDispenses = await db().query<{ pharmacy: string }>(`SELECT DISTINCT value->>'pharmacyId' AS pharmacy FROM records WHERE doc_type = 'dispense'`);
    const pharmacies = new Set(['P310001', 'P110001', ...modelDispenses.map((r) => r.pharmacy)]);
    const dispenses = (await Promise.all([...pharmacies].map((p) => allPages<DispenseRecord>((bookmark) => deps.ledger.evaluate(investigator, PrescriptionApi.ByPharmacy, { pharmacyId: p, pageSize: 200, bookmark }))))).flat();
    await caughtUp();

    for (const [docType, chain, idOf] of [
      ['prescription', prescriptions, (r: PrescriptionRecord) => r.rxId],
      ['dispense', dispenses, (r: DispenseRecord) => r.dispenseId],
    ] as const) {
      const onChain = new Map((chain as unknown[]).map((r) => [(idOf as (x: unknown) => string)(r), sha256Of(r)]));
      const inModel = await modelLatest(docType);
      expect(onChain.size, `${docType}s on the chain`).to.be.greaterThan(0);
      expect(inModel.size, `${docType}s in the read model`).to.equal(onChain.size);
      expect(Object.fromEntries(inModel), `${docType} hashes`).to.deep.equal(Object.fromEntries(onChain));
      console.log(`      ${docType}: ${onChain.size} records on the chain = ${inModel.size} in the read model, every sha256 equal`);
    }

    // Index entries stay out: every row is a record of a known docType keyed by its own id.
    const [foreign] = await db().query<{ n: string | number }>(
      `SELECT count(*) AS n FROM records WHERE value IS NOT NULL AND value->>'docType' IS DISTINCT FROM doc_type AND doc_type NOT IN ('benefit-year')`,
    );
    expect(Number(foreign.n)).to.equal(0);
  });

  it('follows writes under load, is killed mid-stream and restarted, and ends with exactly the chain’s versions', async () => {
    const admins: DemoUser[] = ['hospitaladmin', 'pharmacyadmin', 'insureradmin-sh', 'insureradmin-bj', 'regulatoradmin'];
    const probeIds = Array.from({ length: 24 }, () => uniqueId('rm'));
    const acked: { id: string; txId: string; blockNumber: string }[] = [];
    const stories: StoryResult[] = [];
    let unacknowledged = 0;
    const phase = { restarted: false, writesAfterRestart: 0, stop: false };
    const writeDeadline = Date.now() + 180_000;
    // Lag while following the load, apart from the catching up right after the restart.
    const lagSamples: number[] = [];
    let recoveredAt: number | undefined;
    let heightAtRestart = -1n;
    const startHeight = processed();
    const startBlocks = follower().status().blocksApplied;
    const started = Date.now();

    // Blind writes (Probe:Write reads nothing, so concurrent writers never conflict), several
    // versions per id, from five orgs, until well after the restart; bounded by count and time.
    const probeWriter = async (worker: number) => {
      for (let n = 0; !phase.stop && Date.now() < writeDeadline && n < 200; n++) {
        const id = probeIds[(worker * 7 + n) % probeIds.length];
        const written = await writeProbe(admins[(worker + n) % admins.length], id, `w${worker} n${n} ${crypto.randomBytes(4).toString('hex')}`);
        if (!written) {
          unacknowledged++;
          continue;
        }
        acked.push({ id, ...written });
        if (phase.restarted && ++phase.writesAfterRestart >= 120) phase.stop = true;
      }
    };
    // Whole cross-region stories alongside: filing, prescription, dispense, claim, benefit year, transfers, batch.
    const storyWriter = async () => {
      while (!phase.stop && Date.now() < writeDeadline && stories.length < 3) stories.push(await playStory(appCall));
    };
    const sampler = (async () => {
      while (!phase.stop && Date.now() < writeDeadline) {
        if (service.status().state === 'following') {
          await follower().refreshChainHeight();
          const lag = service.status().lagBlocks;
          const recovering = phase.restarted && processed() < heightAtRestart;
          if (phase.restarted && !recovering) recoveredAt ??= Date.now();
          if (lag !== null && !recovering) lagSamples.push(lag);
        }
        await sleep(100);
      }
    })();
    const writers = Promise.all([...[0, 1, 2, 3].map(probeWriter), storyWriter()]);

    // Kill: once the follower has applied a few of these blocks, the next block's transaction
    // fails between its rows and its checkpoint, and the follower and its database are dropped
    // at once — while the writers go on.
    await waitFor('the follower to apply 5 blocks of the load', () => processed() >= startHeight + 5n, 120_000);
    const blocksBeforeKill = follower().status().blocksApplied - startBlocks;
    checkpointFault.on = true;
    await waitFor('the simulated crash', () => /simulated crash/.test(service.status().error ?? ''), 60_000);
    const killedAt = processed();
    await service.stop();
    checkpointFault.on = false;
    const [{ next_block: stored }] = await (async () => {
      const peek = await openDatabase(location);
      try {
        return await peek.query<{ next_block: string | number }>('SELECT next_block FROM checkpoint');
      } finally {
        await peek.close();
      }
    })();
    expect(BigInt(stored), 'the checkpoint left by the crashed block').to.equal(killedAt);
    await waitFor('5 more blocks on the chain while the read model is down', async () => (await chainHeight()) >= killedAt + 5n, 120_000);
    heightAtRestart = await chainHeight();

    const restartedAt = Date.now();
    await service.start();
    expect(service.status().processedHeight, 'resumes at its checkpoint').to.equal(killedAt.toString());
    phase.restarted = true;
    await writers;
    phase.stop = true;
    await sampler;
    await caughtUp();
    // The peer the height came from may be a block behind the one that acknowledged the last write.
    const lastAcked = acked.reduce((max, a) => (BigInt(a.blockNumber) > max ? BigInt(a.blockNumber) : max), 0n);
    await waitFor(`the read model to apply block ${lastAcked}`, () => processed() > lastAcked, 120_000);
    const seconds = (Date.now() - started) / 1000;
    const after = follower().status();

    const rows = db();
    const [dupKeys] = await rows.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM record_versions GROUP BY doc_type, record_id, block_number, tx_index HAVING count(*) > 1) d`,
    );
    const [dupTx] = await rows.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM record_versions GROUP BY doc_type, record_id, tx_id HAVING count(*) > 1) d`,
    );
    expect(Number(dupKeys.n), 'versions stored twice').to.equal(0);
    expect(Number(dupTx.n), 'transactions applied twice to one record').to.equal(0);

    // Every acknowledged write is in the read model, in the block the chain committed it in.
    const byTx = new Map(
      (await rows.query<{ tx_id: string; block_number: string | number; record_id: string }>(
        `SELECT tx_id, block_number, record_id FROM record_versions WHERE doc_type = 'probe' AND record_id = ANY($1)`,
        [probeIds],
      )).map((r) => [r.tx_id, r]),
    );
    const missing = acked.filter((a) => {
      const row = byTx.get(a.txId);
      return !row || String(row.block_number) !== a.blockNumber || row.record_id !== a.id;
    });
    expect(missing, 'acknowledged writes missing from the read model').to.deep.equal([]);
    expect(byTx.size).to.be.at.least(acked.length);
    expect(unacknowledged, 'writes the gateway answered 5xx').to.be.at.most(acked.length / 10);

    // Every version of every record written here, against the chain's key history.
    const checked: [string, string][] = probeIds.map((id) => ['probe', id]);
    for (const s of stories) {
      checked.push(['filing', s.filingId], ['prescription', s.rxId], ['dispense', s.dispenseId], ['claim', s.claimId]);
      checked.push(['transfer', s.paymentTransferId], ['transfer', s.clearingTransferId], ['batch', s.batchId]);
    }
    let versionsCompared = 0;
    for (const [docType, id] of checked) {
      const [chain, model] = await Promise.all([chainVersions(docType, id), modelVersions(docType, id)]);
      expect(model, `${docType} ${id}`).to.deep.equal(chain);
      versionsCompared += chain.length;
    }
    const crashedBlockRows = await rows.query<{ n: string | number }>(`SELECT count(*) AS n FROM record_versions WHERE block_number = $1`, [killedAt.toString()]);
    const ackedInCrashedBlock = acked.filter((a) => a.blockNumber === killedAt.toString()).length;

    // Over every block this process applied so far (catch-up included), batched as the follower does.
    const applySeconds = (await readModelApplySeconds.get()).values.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0;
    const blocksTotal = (await readModelBlocks.get()).values[0]?.value ?? 0;
    const batchesTotal = (await readModelBatches.get()).values[0]?.value ?? 0;
    const applyMs = (1000 * applySeconds) / Math.max(1, blocksTotal);
    const sorted = [...lagSamples].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    console.log(
      `      load: ${acked.length} probe writes (${unacknowledged} answered 5xx) + ${stories.length} stories over ${seconds.toFixed(1)} s; chain ${startHeight} → ${await chainHeight()}\n` +
        `      lag under load (${lagSamples.length} samples, blocks): mean ${(lagSamples.reduce((a, b) => a + b, 0) / Math.max(1, lagSamples.length)).toFixed(2)}, ` +
        `p50 ${pct(0.5)}, p95 ${pct(0.95)}, max ${sorted[sorted.length - 1]}; decode + commit ${applyMs.toFixed(1)} ms per block, ${(blocksTotal / Math.max(1, batchesTotal)).toFixed(1)} blocks per transaction\n` +
        `      kill: the crash hit block ${killedAt} after ${blocksBeforeKill} blocks of the load; checkpoint left at ${stored}; ` +
        `the chain reached ${heightAtRestart} while the read model was down; back level with it ${recoveredAt ? recoveredAt - restartedAt : '?'} ms after start()\n` +
        `      restart: resumed at ${killedAt}, applied ${after.blocksApplied} blocks and ${after.recordVersionsWritten} record versions to reach ${after.processedHeight}; ` +
        `block ${killedAt}, first of the crashed transaction, holds ${Number(crashedBlockRows[0].n)} rows (${ackedInCrashedBlock} acknowledged probe writes in it)\n` +
        `      result: ${acked.length} acknowledged writes all present once; ${checked.length} records, ${versionsCompared} versions equal to the chain's key history; ` +
        `0 duplicate (key, block, tx), 0 duplicate (key, tx)`,
    );
    expect(after.blocksApplied).to.be.greaterThan(0);
  });

  it('equals, row for row, a read model rebuilt from genesis in one uninterrupted pass', async () => {
    const dataDir = path.join(runDir, 'read-model-test', `rebuild-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const rebuild = new ReadModelService(
      async () => ({
        database: await openDatabase({ kind: 'pglite', dataDir }),
        source: new FabricBlockSource(deps.profile, deps.clients, serviceUser(deps.identities, { serviceMsp: 'RegulatorMSP' }), 5_000),
      }),
      { databaseKind: 'pglite', channel: deps.profile.channel, namespace: deps.profile.chaincode, logger: pino({ level: 'silent' }) },
    );
    try {
      const height = await chainHeight();
      await rebuild.start();
      const started = Date.now();
      await waitFor(`the rebuild to reach ${height}`, () => BigInt(rebuild.status().processedHeight ?? '0') >= height, 180_000);
      const seconds = (Date.now() - started) / 1000;
      const s = rebuild.running().follower.status();
      await caughtUp();
      const [restarted, uninterrupted] = await Promise.all([dumpVersions(db(), height), dumpVersions(rebuild.running().store.db, height)]);
      expect(restarted.length).to.be.greaterThan(0);
      expect(restarted).to.deep.equal(uninterrupted);
      console.log(
        `      rebuild from genesis (pglite): ${s.blocksApplied} blocks, ${s.recordVersionsWritten} record versions in ${seconds.toFixed(1)} s = ` +
          `${(s.blocksApplied / seconds).toFixed(0)} blocks/s, ${(s.recordVersionsWritten / seconds).toFixed(0)} records/s; ` +
          `${restarted.length} version rows identical to the killed-and-restarted ${location.kind} model`,
      );
    } finally {
      await rebuild.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('survives a SIGKILL of the gateway process while its follower is applying blocks, resuming from the checkpoint to the same rows', async function () {
    // The gateway as shipped (dist/main.js), its read model in a database of its own, killed
    // with no chance to finish a transaction or close the database while catching up.
    let killedLocation: DatabaseLocation;
    if (location.kind === 'pglite') {
      killedLocation = { kind: 'pglite', dataDir: path.join(runDir, 'read-model-test', `killed-${process.pid}`) };
      fs.rmSync(killedLocation.dataDir, { recursive: true, force: true });
    } else {
      const url = new URL(location.url);
      url.pathname = '/rxchain_read_model_killed';
      killedLocation = { kind: 'postgres', url: url.toString() };
      await db().query('DROP DATABASE IF EXISTS rxchain_read_model_killed');
      await db().query('CREATE DATABASE rxchain_read_model_killed');
    }
    const env: Record<string, string> =
      killedLocation.kind === 'pglite' ? { RXCHAIN_READ_MODEL_DIR: killedLocation.dataDir } : { RXCHAIN_DATABASE_URL: killedLocation.url };
    const port = 3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0) + 9;
    const height = await chainHeight();
    // Writes go on throughout, so there are always blocks the killed follower has not applied.
    const writing = { stop: false, count: 0 };
    const writer = (async () => {
      for (let n = 0; !writing.stop && n < 300; n++) if (await writeProbe('insureradmin-sh', uniqueId('rm-kill'), `n${n}`)) writing.count++;
    })();
    const gateway = await startGatewayProcess(port, env);
    let exited: string | undefined;
    gateway.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
    let lastSeen = 0n;
    try {
      await waitFor(
        'the gateway’s follower to be half-way through the chain',
        async () => {
          if (exited) throw new Error(`the gateway process ${exited} before it was killed`);
          let health: { readModel?: { processedHeight: string | null } };
          try {
            health = JSON.parse(await httpGet(port, '/health')) as typeof health;
          } catch (err) {
            // A dropped connection is retried; a dead process is reported above.
            console.log(`      (GET /health: ${(err as Error).message}; retrying)`);
            return false;
          }
          lastSeen = BigInt(health.readModel?.processedHeight ?? '0');
          return lastSeen * 2n >= height;
        },
        120_000,
      );
    } finally {
      await stopGatewayProcess(gateway, 'SIGKILL');
    }
    const chainAtKill = await chainHeight();
    await waitFor('3 more blocks after the kill', async () => (await chainHeight()) >= chainAtKill + 3n, 60_000);
    writing.stop = true;
    await writer;
    const finalHeight = await chainHeight();
    expect(lastSeen < chainAtKill, 'killed with blocks still to apply').to.equal(true);

    const resumed = new ReadModelService(
      async () => ({
        database: await openDatabase(killedLocation),
        source: new FabricBlockSource(deps.profile, deps.clients, serviceUser(deps.identities, { serviceMsp: 'RegulatorMSP' }), 5_000),
      }),
      { databaseKind: killedLocation.kind, channel: deps.profile.channel, namespace: deps.profile.chaincode, logger: pino({ level: 'silent' }) },
    );
    try {
      await resumed.start();
      const checkpoint = BigInt(resumed.status().processedHeight ?? '0');
      expect(checkpoint >= lastSeen, `checkpoint ${checkpoint} behind the ${lastSeen} the gateway reported`).to.equal(true);
      await waitFor('the resumed follower to catch up', () => BigInt(resumed.status().processedHeight ?? '0') >= finalHeight, 120_000);
      await caughtUp();
      const [killed, reference] = await Promise.all([dumpVersions(resumed.running().store.db, finalHeight), dumpVersions(db(), finalHeight)]);
      expect(killed).to.deep.equal(reference);
      console.log(
        `      SIGKILL (${killedLocation.kind}): gateway killed at processed height ≥ ${lastSeen}, chain at ${chainAtKill} (${writing.count} writes meanwhile); ` +
          `reopened at checkpoint ${checkpoint}; ` +
          `${resumed.running().follower.status().blocksApplied} blocks applied after; ${killed.length} version rows identical to the reference model`,
      );
    } finally {
      await resumed.stop();
      if (killedLocation.kind === 'postgres') await db().query('DROP DATABASE IF EXISTS rxchain_read_model_killed');
    }
  });

  describe('routes', () => {
    let probeId: string;
    before(async () => {
      probeId = uniqueId('rm-verify');
      for (const note of ['first', 'second', 'third']) {
        let written;
        for (let attempt = 0; !written && attempt < 3; attempt++) written = await writeProbe('regulatoradmin', probeId, note);
        expect(written, `write ${note}`).to.not.equal(undefined);
      }
    });

    it('GET /oversight/verify proves the read model’s copy against the chain, for investigators and insurers', async () => {
      for (const user of ['investigator1', 'insurer-sh'] as DemoUser[]) {
        const res = await request(app).get(`/oversight/verify/probe/${probeId}`).set(...bearer(user)).expect(200);
        expect(res.body.matches, user).to.equal(true);
        expect(res.body.chain.txId).to.equal(res.body.readModel.txId);
        expect(res.body.chain.sha256).to.match(/^[0-9a-f]{64}$/).and.equal(res.body.readModel.sha256);
        expect(res.body.chain.versions).to.equal(3);
        expect(res.body.readModel.blockNumber).to.match(/^[0-9]+$/);
      }
      await request(app).get(`/oversight/verify/probe/${probeId}`).set(...bearer('doctor1')).expect(403);
      await request(app).get(`/oversight/verify/probe/${uniqueId('never')}`).set(...bearer('investigator1')).expect(404);
      // Every record store's docType can be verified (the audit trail reads them all); anything else is a 400.
      await request(app).get(`/oversight/verify/benefit-year/x`).set(...bearer('investigator1')).expect(404);
      await request(app).get(`/oversight/verify/rx-by-patient/x`).set(...bearer('investigator1')).expect(400);
    });

    it('lists a record’s versions a page at a time, oldest first, with block numbers and tx ids', async () => {
      const seen: { blockNumber: string; txId: string; value: { note: string } }[] = [];
      let bookmark = '';
      do {
        const res = await request(app)
          .get(`/oversight/records/probe/${probeId}/versions`)
          .query({ pageSize: '2', ...(bookmark ? { bookmark } : {}) })
          .set(...bearer('investigator1'))
          .expect(200);
        expect(res.body.versions.length).to.be.at.most(2);
        seen.push(...res.body.versions);
        bookmark = res.body.bookmark;
      } while (bookmark);
      expect(seen.map((v) => v.value.note)).to.deep.equal(['first', 'second', 'third']);
      expect(seen.map((v) => v.txId)).to.deep.equal((await chainVersions('probe', probeId)).map((v) => v.txId));
      await request(app).get(`/oversight/records/probe/${probeId}/versions`).query({ bookmark: 'nope' }).set(...bearer('investigator1')).expect(400);
    });

    it('copies a value jsonb cannot hold (a NUL in a free-text note) and keeps following', async () => {
      const id = uniqueId('rm-nul');
      await request(app).post('/probes').set(...bearer('hospitaladmin')).send({ id, note: 'before\u0000after' }).expect(201);
      await request(app).post('/probes').set(...bearer('hospitaladmin')).send({ id: uniqueId('rm-after-nul'), note: 'plain' }).expect(201);
      await caughtUp();
      const res = await request(app).get(`/oversight/verify/probe/${id}`).set(...bearer('investigator1')).expect(200);
      expect(res.body.matches).to.equal(true);
      const versions = await request(app).get(`/oversight/records/probe/${id}/versions`).set(...bearer('investigator1')).expect(200);
      expect(versions.body.versions[0].value.note).to.equal('before\u0000after');
      expect(service.status()).to.include({ state: 'following' });
    });

    it('shows the read model on /health and its lag on /metrics', async () => {
      const health = await request(app).get('/health').expect(200);
      expect(health.body.readModel).to.include({ database: location.kind, state: 'following' });
      expect(Number(health.body.readModel.processedHeight)).to.be.greaterThan(0);
      expect(health.body.readModel.lagBlocks).to.be.a('number').and.at.least(0);
      const metrics = await request(app).get('/metrics').expect(200);
      expect(metrics.text).to.match(/^rxchain_read_model_height \d+/m);
      expect(metrics.text).to.match(/^rxchain_read_model_lag_blocks \d+/m);
    });

    it('says matches: false once a row of the read model is tampered with', async () => {
      await caughtUp();
      await db().query(`UPDATE records SET value = jsonb_set(value, '{note}', '"tampered"') WHERE doc_type = 'probe' AND record_id = $1`, [probeId]);
      const res = await request(app).get(`/oversight/verify/probe/${probeId}`).set(...bearer('investigator1')).expect(200);
      expect(res.body.matches).to.equal(false);
      expect(res.body.chain.txId).to.equal(res.body.readModel.txId);
      expect(res.body.readModel.sha256).to.not.equal(res.body.chain.sha256);
    });
  });
});
