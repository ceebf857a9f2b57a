import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { CalendarRecord } from '../../chaincode/src/model/complaint';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { CasePage, CaseView, OverdueCases } from '../../chaincode/src/model/investigation-case';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import type { PaymentResult, RecoveryResult } from '../../chaincode/src/model/transfer';
import { addDays } from '../../chaincode/src/rules/dates';
import { createApp } from '../../gateway-api/src/app';
import { FabricBlockSource } from '../../gateway-api/src/read-model/block-source';
import { serviceUser } from '../../gateway-api/src/read-model/bootstrap';
import type { CaseFile } from '../../gateway-api/src/read-model/case-file';
import { openDatabase } from '../../gateway-api/src/read-model/database';
import { ReadModelService } from '../../gateway-api/src/read-model/service';
import { allRoutes } from '../../gateway-api/src/routes';
import { chinaToday } from '../../scripts/demo/api';
import { waitFor } from '../support/faults';
import { refused } from '../support/refused';
import { appCall as call, bearer, gatewayApp, gatewayDeps, runDir, userOf } from '../support/network';

/**
 * An investigation case on the real network (FT-01, FT-02, FT-04): opened on a pharmacy and a
 * patient, evidenced with the pharmacy's real paid claim and its transfer, sanctioned through the
 * registry (the pharmacy's staff are then refused with CR-10), recovered, closed; and its file
 * read back from the read model with block numbers, tx ids and the fund-flow graph.
 */

const SH = '310000';
const INHALER = 'XR03AC02';

/** The date `count` working days after `start` on a calendar, computed here independently of the chaincode. */
function workingDaysAfter(start: string, count: number, calendar: { holidays: string[]; extraWorkdays: string[] }): string {
  let date = start;
  for (let left = count; left > 0; ) {
    date = addDays(date, 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (calendar.holidays.includes(date)) continue;
    if ((weekday !== 0 && weekday !== 6) || calendar.extraWorkdays.includes(date)) left--;
  }
  return date;
}

/** A call with a token that is not a demo user's (a user enrolled by the test). */
async function as(token: string, method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { error?: { message: string } } }> {
  const agent = request(gatewayApp());
  const req = (method === 'GET' ? agent.get(urlPath) : agent.post(urlPath)).set('Authorization', `Bearer ${token}`);
  const res = body === undefined ? await req : await req.send(body as object);
  return { status: res.status, body: res.body as Record<string, unknown> & { error?: { message: string } } };
}

describe('investigation cases on the network (integration)', function () {
  this.timeout(300_000);
  const pharmacyId = `P31C${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
  let pharmacist: string;
  let patientRef: string;
  let claim: ClaimRecord;
  let payment: PaymentResult & { txId: string };
  let caseId: string;
  let dispenseBody: (q: number) => object;
  let rxId: string;

  before(async function () {
    this.timeout(120_000);
    const today = chinaToday();
    await call('POST', '/institutions', 'insurer-sh', {
      institutionId: pharmacyId,
      name: 'Case test pharmacy (demo)',
      kind: 'pharmacy',
      level: 'basic',
      region: SH,
      grade: 'B',
      agreement: { number: `CASE-${pharmacyId}`, validFrom: today, validTo: addDays(today, 365) },
    });
    pharmacist = (await call<{ token: string }>('POST', '/admin/users', 'pharmacyadmin', { name: `case-${pharmacyId.toLowerCase()}`, role: 'pharmacist', region: SH, institutionId: pharmacyId, licenceId: `PHA-${pharmacyId}` })).token;
    const patient = { idType: 'PASSPORT', idNumber: `K${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`.toUpperCase(), name: 'Case Test Patient' };
    patientRef = (await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient })).patientRef;
    await call('POST', '/insured-persons', 'insurer-sh', { patientRef, scheme: 'employee' });
    const { prescription } = await call<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
      patient,
      kind: 'ORDINARY',
      diagnosisCodes: ['J45.9'],
      items: [{ drugCode: INHALER, quantity: 30, dose: '2 puffs prn', days: 7 }],
    });
    rxId = prescription.rxId;
    dispenseBody = (q: number) => ({ items: [{ drugCode: INHALER, quantity: q }], feeLines: [{ drugCode: INHALER, unitPriceFen: 2_000, quantity: q, amountFen: 2_000 * q }] });
    const dispensed = await as(pharmacist, 'POST', `/prescriptions/${rxId}/dispensations`, dispenseBody(20));
    expect(dispensed.status, JSON.stringify(dispensed.body)).to.equal(201);
    const dispense = dispensed.body.dispense as DispenseRecord;
    const claimed = await as(pharmacist, 'POST', '/claims', { refType: 'dispense', refId: dispense.dispenseId, invoiceHash: crypto.randomBytes(32).toString('hex') });
    expect(claimed.status, JSON.stringify(claimed.body)).to.equal(201);
    claim = claimed.body.claim as ClaimRecord;
    expect(claim.status).to.equal('APPROVED');
    payment = await call<PaymentResult & { txId: string }>('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${claim.claimId}` });
    expect(payment.transfer.amountFen).to.be.greaterThan(0);
  });

  it('opens a case due 15 working days later on the region’s calendar; only investigators open', async () => {
    const today = chinaToday();
    const calendar = await call<CalendarRecord>('GET', `/calendars/${SH}`, 'investigator1').catch((err: { status?: number }) => {
      if (err.status === 404) return { holidays: [], extraWorkdays: [] };
      throw err;
    });
    const body = {
      region: SH,
      fraudType: 'supplementsOnInsuranceCard',
      allegation: 'health supplements sold as inhalers and charged to the insurance card',
      subjects: [
        { kind: 'institution', id: pharmacyId },
        { kind: 'patient', id: patientRef },
      ],
    };
    await refused(call('POST', '/cases', 'insurer-sh', body), 403, /requires investigator/);
    await refused(call('POST', '/cases', 'investigator1', { ...body, subjects: [{ kind: 'patient', id: 'ZHANG-SAN' }] }), 400, /subjects\[0\]\.id/);
    await refused(call('POST', '/cases', 'investigator1', { ...body, subjects: [{ kind: 'institution', id: 'P319999' }] }), 404);
    const opened = await call<{ case: CaseView; txId: string; blockNumber: string }>('POST', '/cases', 'investigator1', body);
    caseId = opened.case.caseId;
    expect(caseId).to.match(/^CASE/);
    expect(opened.case).to.include({ status: 'OPEN', region: SH, openedDate: today, dueDate: workingDaysAfter(today, 15, calendar), overdue: false });
    expect(opened.txId).to.match(/^[0-9a-f]{64}$/);
  });

  it('links the paid claim, its transfer and the payment tx as evidence, each checked on the ledger', async () => {
    await refused(call('POST', `/cases/${caseId}/evidence`, 'investigator1', { items: [{ kind: 'claim', id: 'CLM-NONE', note: 'x' }] }), 404, /claim CLM-NONE does not exist/);
    await refused(call('POST', `/cases/${caseId}/evidence`, 'investigator1', { items: [{ kind: 'tx', id: 'nope', note: 'x' }] }), 400, /transaction id/);
    const { case: linked } = await call<{ case: CaseView }>('POST', `/cases/${caseId}/evidence`, 'investigator1', {
      items: [
        { kind: 'claim', id: claim.claimId, note: 'inhalers claimed, supplements handed over' },
        { kind: 'transfer', id: payment.transfer.transferId, note: 'the fund paid the pharmacy' },
        { kind: 'prescription', id: rxId, note: 'the prescription filled' },
        { kind: 'dispense', id: claim.refId, note: 'the dispense claimed' },
        { kind: 'tx', id: payment.txId, note: 'the payment transaction' },
      ],
    });
    expect(linked.evidence.map((e) => e.kind)).to.deep.equal(['claim', 'transfer', 'prescription', 'dispense', 'tx']);
    await refused(call('POST', `/cases/${caseId}/evidence`, 'investigator1', { items: [{ kind: 'claim', id: claim.claimId, note: 'again' }] }), 409);
    await call('POST', `/cases/${caseId}/findings`, 'investigator1', { summary: 'the dispensed goods were supplements, not inhalers', ruleIds: ['RX-12'] });
  });

  it('suspends the pharmacy through the registry: its pharmacist is then refused with CR-10', async () => {
    const until = chinaToday();
    await refused(call('POST', `/cases/${caseId}/sanctions`, 'investigator1', { institutionId: 'P319999', action: 'SUSPEND', until, ruleId: 'RX-12', reason: 'x' }), 404);
    await refused(call('POST', `/cases/${caseId}/sanctions`, 'investigator1', { institutionId: 'P310001', action: 'SUSPEND', until, ruleId: 'RX-12', reason: 'x' }), 422, /not a subject/);
    const { case: sanctioned } = await call<{ case: CaseView }>('POST', `/cases/${caseId}/sanctions`, 'investigator1', { institutionId: pharmacyId, action: 'SUSPEND', until, ruleId: 'RX-12', reason: 'supplements charged to insurance cards' });
    expect(sanctioned.sanctions.map((s) => [s.institutionId, s.action, s.until])).to.deep.equal([[pharmacyId, 'SUSPEND', until]]);
    const refusedDispense = await as(pharmacist, 'POST', `/prescriptions/${rxId}/dispensations`, dispenseBody(5));
    expect(refusedDispense.status).to.equal(422);
    expect(refusedDispense.body.error?.message).to.match(new RegExp(`CR-10.*${pharmacyId}.*suspended until ${until}.*RX-12`));
    const institution = await call<{ sanctions: { evidenceRef: string }[] }>('GET', `/institutions/${pharmacyId}`, 'investigator1');
    expect(institution.sanctions.map((s) => s.evidenceRef)).to.deep.equal([`case:${caseId}`]);
  });

  it('counts the insurer’s recovery of the claim once, records a fine apart, and closes once', async () => {
    const recovered = await call<RecoveryResult>('POST', `/claims/${claim.claimId}/recovery`, 'insurer-sh', {
      paymentRef: `SH-RECOVERY-${claim.claimId}`,
      ruleId: 'RX-12',
      reason: 'supplements charged as inhalers',
      evidenceRef: `case:${caseId}`,
    });
    const { case: counted } = await call<{ case: CaseView }>('POST', `/cases/${caseId}/recoveries`, 'investigator1', { kind: 'fundRecovery', transferId: recovered.transfer.transferId });
    expect(counted.recoveredFen).to.equal(payment.transfer.amountFen);
    await refused(call('POST', `/cases/${caseId}/recoveries`, 'investigator1', { kind: 'fundRecovery', transferId: recovered.transfer.transferId }), 409);
    const { case: fined } = await call<{ case: CaseView }>('POST', `/cases/${caseId}/recoveries`, 'investigator1', { kind: 'fine', amountFen: 50_000_000, payer: pharmacyId, paymentRef: 'MR-FINE-2026-0001' });
    expect(fined).to.include({ recoveredFen: payment.transfer.amountFen, penaltiesFen: 50_000_000 });

    const { case: closed } = await call<{ case: CaseView }>('POST', `/cases/${caseId}/closure`, 'investigator1', { outcome: 'substantiated', summary: 'agreement suspended, fund share recovered, fine collected' });
    expect(closed).to.include({ status: 'CLOSED', outcome: 'substantiated', closedDate: chinaToday(), closedLate: false, overdue: false });
    await refused(call('POST', `/cases/${caseId}/closure`, 'investigator1', { outcome: 'referred', summary: 'again' }), 409);

    // The case's history is on chain, one version per write.
    const history = await call<unknown[]>('GET', `/records/investigation-case/${caseId}/history`, 'investigator1');
    expect(history).to.have.length(7);
    expect((await call<CaseView>('GET', `/cases/${caseId}`, 'insurer-sh')).status).to.equal('CLOSED');
    await refused(call('GET', `/cases/${caseId}`, 'insurer-bj'), 403);
  });

  it('lists the region’s cases a page at a time, and its overdue cases as of today', async () => {
    const found: string[] = [];
    let bookmark = '';
    do {
      const page = await call<CasePage>('GET', `/regions/${SH}/cases?pageSize=2${bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : ''}`, 'investigator1');
      found.push(...page.records.map((c) => c.caseId));
      bookmark = page.records.length ? page.bookmark : '';
    } while (bookmark);
    expect(found).to.include(caseId);
    // A case opened today is due 15 working days ahead; a closed one is never overdue. That a case
    // is listed from the day after its due date is the unit tests' (they move the clock).
    const { case: fresh } = await call<{ case: CaseView }>('POST', '/cases', 'investigator1', { region: SH, fraudType: 'fakeInvoice', allegation: 'open case for the overdue list', subjects: [{ kind: 'institution', id: pharmacyId }] });
    const overdue = await call<OverdueCases>('GET', `/regions/${SH}/cases/overdue`, 'investigator1');
    expect(overdue.asOf).to.equal(chinaToday());
    expect(overdue.cases.map((c) => c.caseId)).to.not.include.members([caseId, fresh.caseId]);
    expect(overdue.cases.every((c) => c.overdue && c.dueDate < overdue.asOf)).to.equal(true);
    await refused(call('GET', `/regions/${SH}/cases/overdue`, 'insurer-bj'), 403);
  });

  describe('the case file from the read model', () => {
    const deps = gatewayDeps();
    const investigator = userOf('investigator1');
    const dataDir = path.join(runDir, 'cases-test', `pgdata-${process.pid}`);
    const service = new ReadModelService(
      async () => ({
        database: await openDatabase({ kind: 'pglite', dataDir }),
        source: new FabricBlockSource(deps.profile, deps.clients, serviceUser(deps.identities, { serviceMsp: 'RegulatorMSP' }), 5_000),
      }),
      { databaseKind: 'pglite', channel: deps.profile.channel, namespace: deps.profile.chaincode, logger: pino({ level: 'silent' }), retryMs: 200, heightPollMs: 250 },
    );
    const withReadModel = { ...deps, readModel: service };
    const app = createApp(withReadModel, allRoutes(withReadModel));

    after(async () => {
      await service.stop();
      fs.rmSync(path.join(runDir, 'cases-test'), { recursive: true, force: true });
    });

    it('lists the evidence with block numbers and tx ids, the fund-flow graph and the paged timeline', async () => {
      await service.start();
      const height = BigInt((await deps.ledger.chainHeight(investigator)).height);
      await waitFor(`the read model to reach height ${height}`, () => BigInt(service.status().processedHeight ?? '0') >= height, 180_000);
      const res = await request(app).get(`/oversight/cases/${caseId}/file?pageSize=4`).set(...bearer('investigator1'));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const file = res.body as CaseFile;
      expect(file.case).to.include({ caseId, status: 'CLOSED', recoveredFen: payment.transfer.amountFen });
      expect(file.evidence.every((e) => e.found), JSON.stringify(file.evidence)).to.equal(true);
      const transferEvidence = file.evidence.find((e) => e.kind === 'transfer');
      expect(transferEvidence?.latest).to.include({ txId: payment.txId, blockNumber: String((payment as unknown as { blockNumber: string }).blockNumber) });
      expect(file.evidence.find((e) => e.kind === 'tx')?.writes?.map((w) => `${w.docType}/${w.recordId}`)).to.include.members([`claim/${claim.claimId}`, `transfer/${payment.transfer.transferId}`]);

      const ids = file.fundFlow.nodes.map((n) => n.id);
      expect(ids).to.include.members([`claim:${claim.claimId}`, `transfer:${payment.transfer.transferId}`, `party:fund:${SH}`, `party:${pharmacyId}`]);
      const kinds = file.fundFlow.edges.filter((e) => e.from === `claim:${claim.claimId}`).map((e) => e.kind);
      expect(kinds).to.include.members(['paidBy', 'recoveredBy']);
      expect(file.fundFlow.edges).to.deep.include({ from: `transfer:${payment.transfer.transferId}`, to: `party:${pharmacyId}`, kind: 'receives', amountFen: payment.transfer.amountFen });

      // Every version of the case (7) and of its four evidence records, a page at a time, in chain order.
      const entries = [...file.timeline.entries];
      let bookmark = file.timeline.bookmark;
      while (bookmark) {
        const next = await request(app).get(`/oversight/cases/${caseId}/file?pageSize=4&bookmark=${encodeURIComponent(bookmark)}`).set(...bearer('investigator1'));
        expect(next.status).to.equal(200);
        entries.push(...(next.body as CaseFile).timeline.entries);
        bookmark = (next.body as CaseFile).timeline.bookmark;
      }
      expect(entries.filter((e) => e.docType === 'investigation-case')).to.have.length(7);
      expect(entries.filter((e) => e.docType === 'claim' && e.recordId === claim.claimId).length).to.be.at.least(3);
      const positions = entries.map((e) => [BigInt(e.blockNumber), e.txIndex] as const);
      expect(positions.every(([b, t], i) => i === 0 || b > positions[i - 1][0] || (b === positions[i - 1][0] && t >= positions[i - 1][1]))).to.equal(true);

      expect((await request(app).get(`/oversight/cases/${caseId}/file`).set(...bearer('insurer-bj'))).status).to.equal(403);
      expect((await request(app).get(`/oversight/cases/${caseId}/file`).set(...bearer('pharmacist1'))).status).to.equal(403);
      expect((await request(app).get('/oversight/cases/CASE-NONE/file').set(...bearer('investigator1'))).status).to.equal(404);
    });
  });
});
