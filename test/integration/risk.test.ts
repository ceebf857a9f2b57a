import { ClaimApi, chinaDateOf, type ClaimRecord, type Page } from '@rxchain/chaincode/dist/shared';
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../gateway-api/src/app';
import { FabricBlockSource } from '../../gateway-api/src/read-model/block-source';
import { serviceUser } from '../../gateway-api/src/read-model/bootstrap';
import { openDatabase, type DatabaseLocation } from '../../gateway-api/src/read-model/database';
import { backfillInstitutionScores } from '../../gateway-api/src/read-model/institution-scores';
import { backfillProjections } from '../../gateway-api/src/read-model/projections';
import { ReadModelService } from '../../gateway-api/src/read-model/service';
import { allRoutes } from '../../gateway-api/src/routes';
import { playStory, type StoryResult } from '../../scripts/demo/story';
import { waitFor } from '../support/faults';
import { appCall, bearer, gatewayDeps, runDir, userOf, type DemoUser } from '../support/network';
import { failingCheckpoint, type CheckpointFault } from '../support/read-model-faults';
import { PROJECTION_TABLES, dumpProjections } from '../support/read-model-projections';

/**
 * Risk profiles, timelines and traces from the read model on the real network (PGlite here, a
 * PostgreSQL server when RXCHAIN_DATABASE_URL is set — scripts/test.sh runs this file both ways):
 * after real claims through the gateway, and after the follower was killed mid-stream and
 * restarted, the risk figures are the chain's claims counted, the timelines and traces equal the
 * chain's Trace answers, and verify=true says every listed record matches the chain.
 */

const location: DatabaseLocation = process.env.RXCHAIN_DATABASE_URL
  ? { kind: 'postgres', url: Object.assign(new URL(process.env.RXCHAIN_DATABASE_URL), { pathname: '/rxchain_risk' }).toString() }
  : { kind: 'pglite', dataDir: path.join(runDir, 'risk-test', `pgdata-${process.pid}`) };

/** Armed mid-stream: a crash between a block's rows (projections included) and its checkpoint. */
const checkpointFault: CheckpointFault = { on: false };

describe('risk profiles, timelines and traces from the read model (integration)', function () {
  this.timeout(600_000);
  const deps = gatewayDeps();
  const investigator = userOf('investigator1');
  const service = new ReadModelService(
    async () => ({
      database: failingCheckpoint(await openDatabase(location), checkpointFault),
      source: new FabricBlockSource(deps.profile, deps.clients, serviceUser(deps.identities, { serviceMsp: 'RegulatorMSP' }), 5_000),
    }),
    { databaseKind: location.kind, channel: deps.profile.channel, namespace: deps.profile.chaincode, logger: pino({ level: 'silent' }), retryMs: 200, heightPollMs: 250 },
  );
  const withReadModel = { ...deps, readModel: service };
  const app = createApp(withReadModel, allRoutes(withReadModel));
  const get = (url: string, user: DemoUser = 'investigator1') => request(app).get(url).set(...bearer(user));
  const chainHeight = async () => BigInt((await deps.ledger.chainHeight(investigator)).height);
  const processed = () => BigInt(service.status().processedHeight ?? '0');
  const caughtUp = async () => {
    const height = await chainHeight();
    await waitFor(`the read model to reach ${height}`, () => processed() >= height, 180_000);
  };
  const stories: StoryResult[] = [];

  before(async function () {
    this.timeout(600_000);
    if (location.kind === 'pglite') fs.rmSync(location.dataDir, { recursive: true, force: true });
    else {
      const admin = await openDatabase({ kind: 'postgres', url: process.env.RXCHAIN_DATABASE_URL as string });
      await admin.query('DROP DATABASE IF EXISTS rxchain_risk');
      await admin.query('CREATE DATABASE rxchain_risk');
      await admin.close();
    }
    stories.push(await playStory(appCall));
    await service.start();
    // Kill mid-stream: more stories while the follower catches up; one block's transaction
    // fails before its checkpoint, the service is dropped, the stories go on, it restarts.
    const writer = (async () => {
      for (let i = 0; i < 2; i++) stories.push(await playStory(appCall));
    })();
    await waitFor('the follower to apply a few blocks', () => processed() >= 5n, 180_000);
    checkpointFault.on = true;
    await waitFor('the simulated crash', () => /simulated crash/.test(service.status().error ?? ''), 120_000);
    const killedAt = processed();
    await service.stop();
    checkpointFault.on = false;
    await service.start();
    expect(service.status().processedHeight, 'resumes at its checkpoint').to.equal(killedAt.toString());
    await writer;
    await caughtUp();
  });

  after(async () => {
    await service.stop();
    if (location.kind === 'pglite') fs.rmSync(path.join(runDir, 'risk-test'), { recursive: true, force: true });
  });

  it('holds, after the kill and restart, exactly the projections a rebuild from its records makes', async () => {
    const db = service.running().store.db;
    const followed = await dumpProjections(db);
    expect(followed.claim_facts.length).to.be.at.least(stories.length);
    // The same database's records, projected again from scratch by the backfill.
    await db.query(`TRUNCATE ${Object.keys(PROJECTION_TABLES).join(', ')}, projection_state`);
    await backfillProjections(db);
    await backfillInstitutionScores(db);
    expect(await dumpProjections(db)).to.deep.equal(followed);
    console.log(`      projections after kill + restart = rebuild: ${Object.entries(followed).map(([t, rows]) => `${t} ${rows.length}`).join(', ')}`);
  });

  it('shows the pharmacy’s claims of this month with the figures counted from the chain’s claims', async () => {
    const { claim } = stories[0];
    const month = chinaDateOf(Date.now()).slice(0, 7);
    const onChain: ClaimRecord[] = [];
    let bookmark = '';
    do {
      const page: Page<ClaimRecord> = await deps.ledger.evaluate(investigator, ClaimApi.ListByInstitution, { institutionId: claim.institutionId, pageSize: 200, bookmark });
      onChain.push(...page.records);
      bookmark = page.records.length ? page.bookmark : '';
    } while (bookmark);
    await caughtUp();
    const mine = onChain.filter((c) => c.serviceDate.startsWith(month));
    const res = await get(`/oversight/risk/institutions/${claim.institutionId}?month=${month}`).expect(200);
    expect(res.body.figures).to.include({
      claims: mine.length,
      rejected: mine.filter((c) => c.status === 'REJECTED').length,
      withHits: mine.filter((c) => c.reviewHits.length > 0).length,
      totalFen: mine.reduce((s, c) => s + c.amounts.totalFen, 0),
      fundFen: mine.reduce((s, c) => s + c.amounts.fundFen, 0),
      consumableFen: mine.reduce((s, c) => s + c.feeLines.filter((l) => l.category === 'consumable').reduce((t, l) => t + l.amountFen, 0), 0),
      patients: new Set(mine.map((c) => c.patientRef)).size,
    });
    expect(res.body.region).to.equal(claim.treatmentRegion);
    // On the insurer's list of its region; not the other region's insurer's to see.
    const list = await get(`/oversight/risk/institutions?month=${month}&highRiskOnly=false&pageSize=200`, 'insurer-sh').expect(200);
    expect(list.body.institutions.map((i: { institutionId: string }) => i.institutionId)).to.include(claim.institutionId);
    await get(`/oversight/risk/institutions/${claim.institutionId}`, 'insurer-bj').expect(403);
    const monthly = await get(`/oversight/regions/${claim.treatmentRegion}/monthly?from=${month}&to=${month}`, 'insurer-sh').expect(200);
    expect(monthly.body.months[0].claims).to.be.at.least(mine.length);
    console.log(`      ${claim.institutionId} ${month}: ${mine.length} claims on the chain = ${res.body.figures.claims} in the risk profile, total ${res.body.figures.totalFen} fen, score ${res.body.score}`);
  });

  it('profiles the story’s patient for the insurer of the region the patient is insured in', async () => {
    const s = stories[0];
    const res = await get(`/oversight/risk/patients/${s.patientRef}`, 'insurer-bj').expect(200);
    expect(res.body).to.include({ patientRef: s.patientRef, insuredRegion: s.claim.insuredRegion, prescriptions: 1, rxInstitutions: 1, pharmacies: 1, claims: 1, totalFen: s.claim.amounts.totalFen });
    expect(res.body.pharmaciesVisited).to.deep.equal([{ pharmacyId: s.claim.institutionId, dispenses: 1 }]);
    await get(`/oversight/risk/patients/${s.patientRef}`, 'insurer-sh').expect(403);
    const list = await get('/oversight/risk/patients?highRiskOnly=false&pageSize=5', 'investigator1').expect(200);
    expect(list.body.patients.length).to.be.at.most(5);
  });

  /** Every page of a read-model timeline. */
  async function readModelTimeline(actorType: string, id: string, verify = false) {
    const entries: Record<string, unknown>[] = [];
    let bookmark = '';
    do {
      const res = await get(`/oversight/trace/timeline/${actorType}/${id}?pageSize=7${verify ? '&verify=true' : ''}${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`).expect(200);
      entries.push(...res.body.entries);
      bookmark = res.body.bookmark;
    } while (bookmark);
    return entries;
  }

  it('gives every actor’s timeline as the chain gives it, page by page, each entry with its block; verify=true says each matches', async () => {
    await caughtUp();
    const s = stories[stories.length - 1];
    const actors: [string, string][] = [
      ['patientRef', s.patientRef],
      ['pharmacy', s.claim.institutionId],
      ['institution', s.claim.institutionId],
      ['doctor', (await get(`/oversight/records/prescription/${s.rxId}/versions`).expect(200)).body.versions[0].value.prescriber.doctorId],
    ];
    for (const [actorType, id] of actors) {
      const chain = (await get(`/trace/timeline/${actorType}/${id}`).expect(200)).body.entries;
      const model = await readModelTimeline(actorType, id);
      expect(model.map(({ blockNumber: _b, ...e }) => e), `${actorType} timeline`).to.deep.equal(chain);
      expect(model.every((e) => typeof e.blockNumber === 'string')).to.equal(true);
      console.log(`      ${actorType} timeline: ${chain.length} entries on the chain = read model`);
    }
    const verified = await readModelTimeline('patientRef', s.patientRef, true);
    expect(verified.map((e) => (e.verification as { matches: boolean }).matches)).to.not.include(false);
    expect(verified.length).to.be.greaterThan(3);
  });

  it('gives the fund flow and the funds received as the chain does, with records that verify', async () => {
    const s = stories[stories.length - 1];
    const chainFlow = (await get(`/trace/claims/${s.claimId}/fund-flow`).expect(200)).body;
    const modelFlow = (await get(`/oversight/trace/claims/${s.claimId}/fund-flow?verify=true`).expect(200)).body;
    const { records, ...flow } = modelFlow;
    expect(flow).to.deep.equal(chainFlow);
    expect(records.map((r: { docType: string }) => r.docType)).to.include.members(['claim', 'transfer', 'batch']);
    expect(records.every((r: { verification: { matches: boolean }; blockNumber: string }) => r.verification.matches && /^[0-9]+$/.test(r.blockNumber))).to.equal(true);

    // The pharmacy's receipts from the Shanghai fund, all pages, in the chain's order.
    const party = s.claim.institutionId;
    const query = `fromFund=fund:${s.claim.treatmentRegion}&pageSize=2`;
    const pages = async (base: string) => {
      const out: { count: number; totalFen: number; transfers: unknown[] } = { count: 0, totalFen: 0, transfers: [] };
      let bookmark = '';
      do {
        const res = await get(`${base}?${query}${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`).expect(200);
        out.count = res.body.count;
        out.totalFen = res.body.totalFen;
        out.transfers.push(...res.body.transfers);
        bookmark = res.body.bookmark;
      } while (bookmark);
      return out;
    };
    const [chain, model] = [await pages(`/trace/parties/${party}/funds-received`), await pages(`/oversight/trace/parties/${party}/funds-received`)];
    expect(model).to.deep.equal(chain);
    expect(chain.count).to.be.at.least(stories.length);
    const verified = await get(`/oversight/trace/parties/${party}/funds-received?${query}&verify=true`).expect(200);
    expect(verified.body.records.every((r: { verification: { matches: boolean } }) => r.verification.matches)).to.equal(true);
    console.log(`      funds received by ${party} from fund:${s.claim.treatmentRegion}: ${chain.count} transfers, ${chain.totalFen} fen on the chain = read model`);
  });
});
