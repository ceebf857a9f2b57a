import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { CatalogueDrug, CatalogueVersion, ClaimRecord, ClaimStatus, DispenseRecord, TransferRecord } from '@rxchain/chaincode/dist/shared';
import { byTime, claimEntries, dispenseEntry, prescriptionEntry, transferEntry } from '../../chaincode/src/rules/timeline';
import { fundFlowOf } from '../../chaincode/src/rules/fund-flow';
import { createApp } from '../../gateway-api/src/app';
import type { DecodedBlock, RecordWrite } from '../../gateway-api/src/read-model/block-decoder';
import { openDatabase, type SqlDatabase } from '../../gateway-api/src/read-model/database';
import { backfillInstitutionScores, scoredInstitution, scoredInstitutions } from '../../gateway-api/src/read-model/institution-scores';
import { backfillProjections } from '../../gateway-api/src/read-model/projections';
import { institutionRisks, patientRisks, regionMonths, sameMonthLastYear } from '../../gateway-api/src/read-model/risk-queries';
import { RISK_PARAMETERS, scoreInstitution, scorePatient, yearOnYear, type PatientFigures } from '../../gateway-api/src/read-model/risk-scoring';
import { ReadModelService } from '../../gateway-api/src/read-model/service';
import { ReadModelStore } from '../../gateway-api/src/read-model/store';
import { fundFlowFromReadModel, fundsReceivedPage, parseTimelineBookmark, timelinePage } from '../../gateway-api/src/read-model/traces';
import { allRoutes } from '../../gateway-api/src/routes';
import { claimRecord, feeLine, patientRefOf, prescription, syntheticBlocks } from '../../bench/synthetic-records';
import { bearerOf, testGateway } from '../support/gateway-app';
import { idleBlockSource } from '../support/idle-block-source';
import { PROJECTION_TABLES, dumpProjections } from '../support/read-model-projections';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const actor = { mspId: 'HospitalMSP' as const, id: 'x509::/CN=t::/CN=ca', role: 'admin' as const };

describe('risk scoring', () => {
  it('SR-09: +200 % year on year is a hit exactly at 200 %, not just below, and above', () => {
    expect(yearOnYear(300, 100)).to.deep.equal({ growthPct: 200, hit: true });
    expect(yearOnYear(299, 100)).to.deep.equal({ growthPct: 199, hit: false });
    expect(yearOnYear(301, 100)).to.deep.equal({ growthPct: 201, hit: true });
    // 3 against 1 is +200 % exactly; 2 against 1 is +100 %.
    expect(yearOnYear(3, 1).hit).to.equal(true);
    expect(yearOnYear(2, 1).hit).to.equal(false);
  });

  it('SR-09: no volume a year earlier has no growth figure and is no hit, however large the volume now', () => {
    expect(yearOnYear(1_000_000, 0)).to.deep.equal({ growthPct: null, hit: false });
    expect(yearOnYear(0, 0)).to.deep.equal({ growthPct: null, hit: false });
  });

  it('scores an institution’s rates only from the minimum number of claims, and SR-05 from twice the region’s consumable share', () => {
    const region = { claims: 100, totalFen: 1_000_000, consumableFen: 100_000 };
    const few = { claims: RISK_PARAMETERS.minClaimsForRates - 1, rejected: 4, withHits: 4, totalFen: 10_000, consumableFen: 9_000 };
    expect(scoreInstitution(few, region, []).reasons).to.deep.equal([]);
    const enough = { claims: RISK_PARAMETERS.minClaimsForRates, rejected: 1, withHits: 0, totalFen: 10_000, consumableFen: 2_000 };
    const s = scoreInstitution(enough, region, []);
    // 20 % consumables against 10 %: exactly the factor 2; 1 of 5 rejected: 20 % ≥ 10 %.
    expect(s.reasons.map((r) => r.code)).to.deep.equal(['SR-05', 'REJECTION_RATE']);
    expect(scoreInstitution({ ...enough, consumableFen: 1_999 }, region, []).reasons.map((r) => r.code)).to.deep.equal(['REJECTION_RATE']);
    expect(s.score).to.equal(RISK_PARAMETERS.points.consumableShare + RISK_PARAMETERS.points.rejectionRate);
  });

  it('puts an institution on the high-risk list for one monitored drug at +200 %', () => {
    const s = scoreInstitution({ claims: 1, rejected: 0, withHits: 0, totalFen: 100, consumableFen: 0 }, { claims: 1, totalFen: 100, consumableFen: 0 }, [
      { drugCode: 'D1', quantity: 30, lastYearQuantity: 10 },
      { drugCode: 'D3', quantity: 29, lastYearQuantity: 10 },
    ]);
    expect(s.reasons).to.have.length(1);
    expect(s.reasons[0]).to.include({ code: 'SR-09', points: RISK_PARAMETERS.points.monitoredDrug });
    expect(s.highRisk).to.equal(RISK_PARAMETERS.points.monitoredDrug >= RISK_PARAMETERS.highRiskScore);
  });

  it('scores a patient on institutions in one month (SR-04), duplicate hits (capped) and pharmacies', () => {
    const base: PatientFigures = { patientRef: 'p', insuredRegion: '310000', prescriptions: 3, rxInstitutions: 3, maxRxInstitutionsInMonth: 1, duplicateHits: 0, pharmacies: 2, claims: 0, totalFen: 0 };
    expect(scorePatient(base).score).to.equal(0);
    expect(scorePatient({ ...base, maxRxInstitutionsInMonth: 2 }).score).to.equal(RISK_PARAMETERS.points.rxInstitutions);
    expect(scorePatient({ ...base, maxRxInstitutionsInMonth: 3 }).score).to.equal(2 * RISK_PARAMETERS.points.rxInstitutions);
    expect(scorePatient({ ...base, duplicateHits: 10 }).score).to.equal(RISK_PARAMETERS.maxDuplicateHitsScored * RISK_PARAMETERS.points.duplicateHit);
    expect(scorePatient({ ...base, pharmacies: 3 }).reasons.map((r) => r.code)).to.deep.equal(['PHARMACIES']);
  });

  it('names the same month a year earlier', () => {
    expect(sameMonthLastYear('2026-01')).to.equal('2025-01');
  });
});

/** Consecutive blocks of writes, one transaction per write, each block chaining onto the one before. */
class Chain {
  private n = 0;
  private prev = '';
  block(records: { docType: string; id: string; value: object; txId?: string; at?: string }[]): DecodedBlock {
    const writes: RecordWrite[] = records.map((r, i) => {
      const valueText = JSON.stringify(r.value);
      return {
        docType: r.docType,
        recordId: r.id,
        txIndex: i,
        txId: r.txId ?? sha(`${this.n}/${i}`),
        txTime: r.at ?? '2026-11-05T02:00:00.000Z',
        creatorMsp: 'HospitalMSP',
        isDelete: false,
        valueText,
        sha256: sha(valueText),
      };
    });
    const hash = sha(`block ${this.n}`);
    const b: DecodedBlock = { number: BigInt(this.n++), hash, previousHash: this.prev, transactions: writes.length, validTransactions: writes.length, writes };
    this.prev = hash;
    return b;
  }
}

const catalogue = (): { docType: string; id: string; value: object }[] => {
  const stamp = { by: actor, at: '2025-01-01T00:00:00.000Z', txId: sha('cat') };
  const version: CatalogueVersion = {
    docType: 'catalogue',
    versionId: 'CAT-T',
    effectiveFrom: '2025-01-01',
    limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 30 },
    drugCount: 2,
    drugsAdded: 2,
    byClass: { A: 2, B: 0, C: 0, NONE: 0 },
    status: 'SEALED',
    opened: stamp,
    sealed: stamp,
    updated: stamp,
  };
  const drug = (code: string, monitored: boolean): CatalogueDrug => ({
    docType: 'catalogue-drug',
    versionId: 'CAT-T',
    drugCode: code,
    name: code,
    genericGroup: `G-${code}`,
    coverage: { class: 'A', selfPayRatioBp: 0 },
    substitutes: [],
    monitored,
  });
  return [
    { docType: 'catalogue', id: 'CAT-T', value: version },
    { docType: 'catalogue-drug', id: 'CAT-T:D1', value: drug('D1', true) },
    { docType: 'catalogue-drug', id: 'CAT-T:D2', value: drug('D2', false) },
  ];
};

let claimNo = 0;
function claim(institutionId: string, region: string, date: string, lines: [drug: string | undefined, qty: number][], statuses: ClaimStatus[] = ['SUBMITTED', 'UNDER_REVIEW'], patient = 1): ClaimRecord {
  const claimId = `CLM-T-${++claimNo}`;
  return claimRecord({
    claimId,
    patientRef: patientRefOf(patient),
    institutionId,
    level: 'secondary',
    region,
    insuredRegion: region,
    serviceDate: date,
    at: `${date}T02:00:00.000Z`,
    txId: sha(claimId),
    lines: lines.map(([drug, qty], i) => feeLine(i + 1, drug, drug ? 'drug' : 'consumable', 100, qty)),
    statuses,
    hitRuleIds: [],
  });
}

const asWrite = (c: ClaimRecord) => ({ docType: 'claim', id: c.claimId, value: c, txId: c.updated.txId, at: c.updated.at });

async function clearProjections(db: SqlDatabase): Promise<void> {
  await db.query(
    `TRUNCATE ${[...Object.keys(PROJECTION_TABLES), 'projection_state'].join(', ')}`,
  );
}

describe('read model: projections and risk queries on PGlite', function () {
  this.timeout(120_000);
  let dir: string;
  let db: SqlDatabase;
  let store: ReadModelStore;
  let chain: Chain;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-risk-'));
    db = await openDatabase({ kind: 'pglite', dataDir: dir });
    store = new ReadModelStore(db, 'rxchannel');
    await store.init();
    chain = new Chain();
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('compares monitored drugs with the same month a year earlier: exactly +200 % is a hit, +190 % is not, none a year earlier has no figure', async () => {
    await store.applyBlocks([
      chain.block(catalogue()),
      chain.block([
        asWrite(claim('H1', '310000', '2025-11-03', [['D1', 10]])),
        asWrite(claim('H2', '310000', '2025-11-03', [['D1', 10]])),
        asWrite(claim('H1', '310000', '2026-11-03', [['D1', 20], ['D2', 100]])),
        asWrite(claim('H1', '310000', '2026-11-20', [['D1', 10]])),
        asWrite(claim('H2', '310000', '2026-11-03', [['D1', 29]])),
        asWrite(claim('H3', '110000', '2026-11-03', [['D1', 50], [undefined, 2]])),
      ]),
    ]);
    const risks = new Map((await institutionRisks(db, '2026-11')).map((r) => [r.institutionId, r]));
    expect([...risks.keys()].sort()).to.deep.equal(['H1', 'H2', 'H3']);
    const h1 = risks.get('H1');
    expect(h1?.monitoredDrugs, 'D2 is not monitored').to.deep.equal([{ drugCode: 'D1', quantity: 30, lastYearQuantity: 10, growthPct: 200, hit: true }]);
    expect(h1?.reasons.map((r) => r.code)).to.deep.equal(['SR-09']);
    expect(h1?.figures).to.include({ claims: 2, rejected: 0, totalFen: 100 * 130 });
    expect(risks.get('H2')?.monitoredDrugs).to.deep.equal([{ drugCode: 'D1', quantity: 29, lastYearQuantity: 10, growthPct: 190, hit: false }]);
    expect(risks.get('H2')?.reasons).to.deep.equal([]);
    expect(risks.get('H3')?.monitoredDrugs).to.deep.equal([{ drugCode: 'D1', quantity: 50, lastYearQuantity: 0, growthPct: null, hit: false }]);
    expect(risks.get('H3')?.figures).to.include({ claims: 1, consumableFen: 200, totalFen: 5200 });
    // One region's institutions only.
    expect((await institutionRisks(db, '2026-11', { region: '110000' })).map((r) => r.institutionId)).to.deep.equal(['H3']);
  });

  it('follows a claim through its statuses: the month’s figures count it once, rejected once it is', async () => {
    const c = claim('H1', '310000', '2026-11-03', [['D1', 5]]);
    await store.applyBlocks([chain.block(catalogue()), chain.block([asWrite(c)])]);
    const rejected: ClaimRecord = {
      ...c,
      status: 'REJECTED',
      statusHistory: [...c.statusHistory, { status: 'REJECTED', reason: 'r', by: actor, at: '2026-11-04T02:00:00.000Z', txId: sha('reject') }],
      updated: { by: actor, at: '2026-11-04T02:00:00.000Z', txId: sha('reject') },
    };
    await store.applyBlocks([chain.block([{ ...asWrite(rejected), txId: sha('reject'), at: '2026-11-04T02:00:00.000Z' }])]);
    const [month] = await regionMonths(db, '310000', '2026-11', '2026-11');
    expect(month).to.include({ month: '2026-11', institutions: 1, claims: 1, rejected: 1 });
    const [{ n }] = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM timeline_entries WHERE source_id = $1 AND actor_type = 'institution'`, [c.claimId]);
    expect(Number(n)).to.equal(3);
  });

  it('figures from the projections equal the same figures counted from the records; a backfill rebuilds exactly what the follower built', async () => {
    const blocks = [...syntheticBlocks({ claims: 3000, patients: 400, institutions: 30, months: 13, lastMonth: '2026-11', prescriptionEvery: 5, blockSize: 250 })];
    for (let i = 0; i < blocks.length; i += 4) await store.applyBlocks(blocks.slice(i, i + 4));
    const claims = blocks.flatMap((b) => b.writes.filter((w) => w.docType === 'claim').map((w) => JSON.parse(w.valueText as string) as ClaimRecord));
    const expected = new Map<string, { claims: number; total: number; consumable: number; rejected: number }>();
    for (const c of claims) {
      const key = `${c.institutionId} ${c.serviceDate.slice(0, 7)}`;
      const e = expected.get(key) ?? { claims: 0, total: 0, consumable: 0, rejected: 0 };
      e.claims++;
      e.total += c.amounts.totalFen;
      e.consumable += c.feeLines.filter((l) => l.category === 'consumable').reduce((s, l) => s + l.amountFen, 0);
      e.rejected += c.status === 'REJECTED' ? 1 : 0;
      expected.set(key, e);
    }
    const rows = await db.query<{ institution_id: string; month: string; claims: number; total_fen: string; consumable_fen: string; rejected: number }>('SELECT * FROM institution_month');
    const actual = new Map(rows.map((r) => [`${r.institution_id} ${r.month}`, { claims: Number(r.claims), total: Number(r.total_fen), consumable: Number(r.consumable_fen), rejected: Number(r.rejected) }]));
    expect(Object.fromEntries(actual)).to.deep.equal(Object.fromEntries(expected));
    const patients = new Set(claims.map((c) => c.patientRef));
    const [{ n }] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM patient_risk');
    expect(Number(n)).to.equal(patients.size);

    const followed = await dumpProjections(db);
    await clearProjections(db);
    await backfillProjections(db);
    await backfillInstitutionScores(db);
    expect(await dumpProjections(db)).to.deep.equal(followed);
    // Marked built: a second start does not rebuild.
    await db.query('DELETE FROM claim_facts');
    await store.init();
    const [{ c }] = await db.query<{ c: string | number }>('SELECT count(*) AS c FROM claim_facts');
    expect(Number(c)).to.equal(0);
  });

  it('keeps each institution’s stored score equal to scoring it now: a claim moves its region’s month and the month a year later; the catalogue moves all', async () => {
    /** Every stored score, against institutionRisks computed from the projections as they stand. */
    const expectStoredEqualsLive = async (label: string) => {
      const months = (await db.query<{ month: string }>('SELECT DISTINCT month FROM institution_month ORDER BY month')).map((r) => r.month);
      const live = (await Promise.all(months.map((m) => institutionRisks(db, m)))).flat().sort((a, b) => (a.institutionId + a.month < b.institutionId + b.month ? -1 : 1));
      const stored: typeof live = [];
      for (const month of months) stored.push(...(await scoredInstitutions(db, { month, minScore: 0, limit: 10_000 })).institutions);
      stored.sort((a, b) => (a.institutionId + a.month < b.institutionId + b.month ? -1 : 1));
      expect(stored, label).to.deep.equal(live);
      expect(live.length, label).to.be.greaterThan(0);
    };
    await store.applyBlocks([
      chain.block(catalogue()),
      chain.block([
        asWrite(claim('H1', '310000', '2025-11-03', [['D1', 10]])),
        asWrite(claim('H1', '310000', '2026-11-03', [['D1', 30]])),
        asWrite(claim('H2', '310000', '2026-11-03', [['D1', 5], [undefined, 1]])),
        asWrite(claim('H3', '110000', '2026-11-03', [['D2', 50]])),
      ]),
    ]);
    await expectStoredEqualsLive('first batch');
    expect((await scoredInstitution(db, '2026-11', 'H1'))?.reasons.map((r) => r.code), 'D1 +200 %').to.deep.equal(['SR-09']);
    // A claim in H1's November a year earlier, in a batch of that month only: this November's growth falls to +100 %.
    await store.applyBlocks([chain.block([asWrite(claim('H1', '310000', '2025-11-20', [['D1', 5]]))])]);
    await expectStoredEqualsLive('a claim a year earlier');
    expect((await scoredInstitution(db, '2026-11', 'H1'))?.score, 'D1 +100 %: no hit').to.equal(0);
    // A consumable-heavy claim at H2 moves the region's figures: H1's stored region figures follow.
    await store.applyBlocks([chain.block([asWrite(claim('H2', '310000', '2026-11-21', [[undefined, 40]]))])]);
    await expectStoredEqualsLive('another institution of the region');
    expect((await scoredInstitution(db, '2026-11', 'H1'))?.regionFigures.consumableFen).to.equal(100 * 41);
    // D2 becomes monitored in a new sealed catalogue version: H3 is scored on it, without a claim of its own.
    const [version, , d2] = catalogue();
    const v2 = { ...(version.value as CatalogueVersion), versionId: 'CAT-U', effectiveFrom: '2026-01-01' };
    await store.applyBlocks([
      chain.block([
        { docType: 'catalogue', id: 'CAT-U', value: v2 },
        { docType: 'catalogue-drug', id: 'CAT-U:D2', value: { ...(d2.value as CatalogueDrug), versionId: 'CAT-U', monitored: true } },
      ]),
    ]);
    await expectStoredEqualsLive('catalogue change');
    expect((await scoredInstitution(db, '2026-11', 'H3'))?.monitoredDrugs.map((d) => d.drugCode)).to.deep.equal(['D2']);
  });

  it('pages the institution list by a keyset on (score, id): pages joined are the whole list in order, with its count', async () => {
    const blocks = [...syntheticBlocks({ claims: 6000, patients: 300, institutions: 60, months: 13, lastMonth: '2026-11', prescriptionEvery: 5, blockSize: 500 })];
    await store.applyBlocks(blocks);
    const live = (await institutionRisks(db, '2026-11')).sort((a, b) => b.score - a.score || (a.institutionId < b.institutionId ? -1 : 1));
    const seen: string[] = [];
    let after: { score: number; institutionId: string } | undefined;
    for (;;) {
      const page = await scoredInstitutions(db, { month: '2026-11', minScore: 0, limit: 7, ...(after ? { after } : {}) });
      expect(page.count).to.equal(live.length);
      seen.push(...page.institutions.map((i) => i.institutionId));
      const last = page.institutions[page.institutions.length - 1];
      if (page.institutions.length < 7) break;
      after = { score: last.score, institutionId: last.institutionId };
    }
    expect(seen).to.deep.equal(live.map((r) => r.institutionId));
    const high = await scoredInstitutions(db, { month: '2026-11', minScore: RISK_PARAMETERS.highRiskScore, limit: 1000 });
    expect(high.institutions.map((i) => i.institutionId)).to.deep.equal(live.filter((r) => r.highRisk).map((r) => r.institutionId));
    expect(high.count).to.be.greaterThan(0);
  });

  it('pages the patient list by a keyset: pages joined are the whole list, highest score first, each patient once', async () => {
    const blocks = [...syntheticBlocks({ claims: 1500, patients: 300, institutions: 200, months: 2, lastMonth: '2026-11', prescriptionEvery: 1, blockSize: 500 })];
    await store.applyBlocks(blocks);
    const all = await patientRisks(db, { minScore: 0, limit: 1000 });
    expect(all.length).to.be.greaterThan(100);
    const paged: typeof all = [];
    let after: { score: number; patientRef: string } | undefined;
    for (;;) {
      const page = await patientRisks(db, { minScore: 0, limit: 37, ...(after ? { after } : {}) });
      paged.push(...page);
      if (page.length < 37) break;
      after = { score: page[page.length - 1].score, patientRef: page[page.length - 1].patientRef };
    }
    expect(paged.map((p) => p.patientRef)).to.deep.equal(all.map((p) => p.patientRef));
    expect(new Set(paged.map((p) => p.patientRef)).size).to.equal(paged.length);
    for (let i = 1; i < all.length; i++) expect(all[i - 1].score).to.be.at.least(all[i].score);
    const high = await patientRisks(db, { minScore: RISK_PARAMETERS.highRiskScore, limit: 1000 });
    expect(high.every((p) => p.highRisk && p.score >= RISK_PARAMETERS.highRiskScore)).to.equal(true);
    expect(high.some((p) => p.reasons.some((r) => r.code === 'SR-04')), 'outliers’ patients prescribed at two institutions').to.equal(true);
  });

  describe('a patient’s story: prescription, dispense, claim, payment, recovery', () => {
    const patientRef = patientRefOf(42);
    const at = (h: number) => `2026-11-05T0${h}:00:00.000Z`;
    const stamp = (h: number) => ({ by: actor, at: at(h), txId: sha(`tx ${h}`) });
    const rx = prescription('RX-T-1', patientRef, 'H310001', '310000', at(1), stamp(1));
    const dispense: DispenseRecord = {
      docType: 'dispense',
      dispenseId: 'DSP-T-1',
      rxId: rx.rxId,
      patientRef,
      pharmacyId: 'P310001',
      pharmacistId: 'PHA-1',
      items: [{ drugCode: 'D1', quantity: 10, remainingAfter: 0 }],
      feeLines: [],
      totalFen: 1000,
      rxStatusAfter: 'DISPENSED',
      dispensed: stamp(2),
    };
    const submitted = claimRecord({
      claimId: 'CLM-T-S',
      patientRef,
      institutionId: 'P310001',
      level: 'basic',
      region: '310000',
      insuredRegion: '310000',
      serviceDate: '2026-11-05',
      at: at(3),
      txId: stamp(3).txId,
      lines: [feeLine(1, 'D1', 'drug', 100, 10)],
      statuses: ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED'],
      hitRuleIds: [],
    });
    const payment: TransferRecord = {
      docType: 'transfer',
      transferId: 'TRF-T-PAY',
      kind: 'claimPayment',
      fromParty: 'fund:310000',
      toParty: 'P310001',
      amountFen: submitted.amounts.fundFen,
      claimIds: [submitted.claimId],
      paymentRef: 'bank-1',
      date: '2026-11-05',
      executed: stamp(4),
    };
    const remitted: ClaimRecord = {
      ...submitted,
      status: 'REMITTED',
      statusHistory: [...submitted.statusHistory, { status: 'REMITTED', reason: 'paid', by: actor, at: at(4), txId: stamp(4).txId }],
      transferIds: [payment.transferId],
      updated: stamp(4),
    };
    const recovery: TransferRecord = { ...payment, transferId: 'TRF-T-REC', kind: 'recovery', fromParty: 'P310001', toParty: 'fund:310000', paymentRef: 'bank-2', executed: stamp(5), basis: { ruleId: 'FT-02', reason: 'fake invoice', evidenceRef: 'case-1' } };
    const recovered: ClaimRecord = {
      ...remitted,
      status: 'RECOVERED',
      statusHistory: [...remitted.statusHistory, { status: 'RECOVERED', reason: 'fraud', by: actor, at: at(5), txId: stamp(5).txId }],
      recoveryTransferId: recovery.transferId,
      updated: stamp(5),
    };

    beforeEach(async () => {
      await store.applyBlocks([
        chain.block(catalogue()),
        chain.block([{ docType: 'prescription', id: rx.rxId, value: rx, txId: stamp(1).txId }]),
        chain.block([{ docType: 'dispense', id: dispense.dispenseId, value: dispense, txId: stamp(2).txId }]),
        chain.block([{ docType: 'claim', id: submitted.claimId, value: submitted, txId: stamp(3).txId }]),
      ]);
      // Payment and recovery each write the claim and a transfer in one transaction; recovery in the same batch as the payment.
      await store.applyBlocks([
        chain.block([
          { docType: 'transfer', id: payment.transferId, value: payment, txId: stamp(4).txId },
          { docType: 'claim', id: remitted.claimId, value: remitted, txId: stamp(4).txId },
        ]),
        chain.block([
          { docType: 'transfer', id: recovery.transferId, value: recovery, txId: stamp(5).txId },
          { docType: 'claim', id: recovered.claimId, value: recovered, txId: stamp(5).txId },
        ]),
      ]);
    });

    it('gives the patient’s and the pharmacy’s timelines as the chain’s rules order them, each entry with its block, a page at a time', async () => {
      const chainPatient = byTime([prescriptionEntry(rx), dispenseEntry(dispense), ...claimEntries(recovered), transferEntry(payment), transferEntry(recovery)]);
      const whole = await timelinePage(db, 'patientRef', patientRef, 100);
      expect(whole.entries.map(({ blockNumber: _b, ...e }) => e)).to.deep.equal(chainPatient);
      expect(whole.entries.map((e) => e.blockNumber)).to.deep.equal(['1', '2', '3', '3', '3', '4', '4', '5', '5']);
      const paged = [];
      let bookmark = '';
      do {
        const page = await timelinePage(db, 'patientRef', patientRef, 2, parseTimelineBookmark(bookmark));
        paged.push(...page.entries);
        bookmark = page.bookmark;
      } while (bookmark);
      expect(paged).to.deep.equal(whole.entries);

      // The chain's pharmacy timeline: its dispenses, then as an institution its claims, receipts and recoveries.
      const chainPharmacy = byTime([dispenseEntry(dispense), ...claimEntries(recovered), transferEntry(payment), transferEntry(recovery)]);
      expect((await timelinePage(db, 'pharmacy', 'P310001', 100)).entries.map(({ blockNumber: _b, ...e }) => e)).to.deep.equal(chainPharmacy);
      expect((await timelinePage(db, 'doctor', rx.prescriber.doctorId, 100)).entries.map((e) => e.id)).to.deep.equal([rx.rxId]);
    });

    it('gives the claim’s fund flow as the chain’s rule makes it, and the fund’s receipts with their count and total', async () => {
      const found = await fundFlowFromReadModel(db, recovered.claimId);
      expect(found?.flow).to.deep.equal(fundFlowOf(recovered, { payments: [payment], recovery }));
      expect(found?.provenance.map((p) => `${p.docType}/${p.id}@${p.blockNumber}`)).to.deep.equal(['claim/CLM-T-S@5', 'transfer/TRF-T-PAY@4', 'transfer/TRF-T-REC@5']);
      expect(await fundFlowFromReadModel(db, 'CLM-NONE')).to.equal(undefined);

      const fund = await fundsReceivedPage(db, { party: 'fund:310000', pageSize: 10, bookmark: '' });
      expect(fund).to.include({ count: 1, totalFen: recovery.amountFen, bookmark: '' });
      const pharmacy = await fundsReceivedPage(db, { party: 'P310001', fromFund: 'fund:310000', from: '2026-11-05', to: '2026-11-05', pageSize: 10, bookmark: '' });
      expect(pharmacy.transfers).to.deep.equal([payment]);
      expect((await fundsReceivedPage(db, { party: 'P310001', from: '2026-11-06', pageSize: 10, bookmark: '' })).count).to.equal(0);
    });
  });

  describe('routes', () => {
    it('serve investigators every region and insurers their own; a patient of another region is 403 to an insurer', async () => {
      await store.applyBlocks([
        chain.block(catalogue()),
        chain.block([
          asWrite(claim('H1', '310000', '2026-11-03', [['D1', 10]], undefined, 1)),
          asWrite(claim('B1', '110000', '2026-11-03', [['D1', 10]], undefined, 2)),
        ]),
      ]);
      await db.close();
      const gw = testGateway(() => []);
      const service = new ReadModelService(async () => ({ database: await openDatabase({ kind: 'pglite', dataDir: dir }), source: idleBlockSource(() => 2n) }), {
        databaseKind: 'pglite',
        channel: 'rxchannel',
        namespace: 'rxchain',
        logger: pino({ level: 'silent' }),
      });
      await service.start();
      const deps = { ...gw.deps, readModel: service };
      const app = createApp(deps, allRoutes(deps));
      try {
        const get = (url: string, role: 'investigator' | 'insurer' | 'doctor') => request(app).get(url).set(...bearerOf(gw.tokens[role]));
        const all = await get('/oversight/risk/institutions?month=2026-11&highRiskOnly=false', 'investigator').expect(200);
        expect(all.body.institutions.map((i: { institutionId: string }) => i.institutionId).sort()).to.deep.equal(['B1', 'H1']);
        const own = await get('/oversight/risk/institutions?month=2026-11&highRiskOnly=false', 'insurer').expect(200);
        expect(own.body.institutions.map((i: { institutionId: string }) => i.institutionId)).to.deep.equal(['H1']);
        await get('/oversight/risk/institutions?region=110000', 'insurer').expect(403);
        await get('/oversight/risk/institutions/B1', 'insurer').expect(403);
        await get('/oversight/risk/institutions/H1?month=2026-11', 'insurer').expect(200);
        await get('/oversight/risk/institutions/NOPE', 'investigator').expect(404);
        await get(`/oversight/risk/patients/${patientRefOf(2)}`, 'insurer').expect(403);
        const patient = await get(`/oversight/risk/patients/${patientRefOf(1)}`, 'insurer').expect(200);
        expect(patient.body).to.include({ insuredRegion: '310000', claims: 1 });
        const months = await get('/oversight/regions/310000/monthly?from=2026-10&to=2026-11', 'insurer').expect(200);
        expect(months.body.months).to.have.length(1);
        await get('/oversight/regions/110000/monthly', 'insurer').expect(403);
        await get('/oversight/regions/310000/monthly?from=2026-12&to=2026-11', 'investigator').expect(400);
        await get('/oversight/risk/patients?bookmark=bad', 'investigator').expect(400);
        await get('/oversight/risk/patients', 'doctor').expect(403);
        await get('/oversight/trace/timeline/patientRef/not-a-ref', 'investigator').expect(400);
        await get(`/oversight/trace/timeline/patientRef/${patientRefOf(1)}`, 'insurer').expect(403);
        const timeline = await get(`/oversight/trace/timeline/institution/H1?pageSize=1`, 'investigator').expect(200);
        expect(timeline.body.entries).to.have.length(1);
        expect(timeline.body.bookmark).to.not.equal('');
      } finally {
        await service.stop();
        gw.close();
        db = await openDatabase({ kind: 'pglite', dataDir: dir });
      }
    });
  });
});
