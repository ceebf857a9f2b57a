import { expect } from 'chai';
import request from 'supertest';
import type { CaseView, InvestigationCaseRecord, ObserverCasePage, ObserverCaseView } from '../../chaincode/src/model/investigation-case';
import type { HistoryEntry } from '../../chaincode/src/model/audit';
import { CSRF_HEADER, CSRF_VALUE } from '../../gateway-api/src/http/auth';
import { INSURED_PATIENTS } from '../../scripts/demo/seed-insured';
import { refused } from '../support/refused';
import { appCall as call, gatewayApp, uniqueId } from '../support/network';

/**
 * Patient observers on the real network (FT-05): an investigator creates two observers, assigns
 * one to a case; the assigned one signs in, reads the case (no patient identity) and files a
 * challenge that lands on the case's chain history; the unassigned one is refused by the
 * chaincode; the case closes only once the challenge is answered.
 */

const SH = '310000';

async function signIn(observerId: string, password: string): Promise<string> {
  const res = await request(gatewayApp()).post('/sessions').send({ username: observerId, password }).expect(201);
  expect(res.body.session).to.include({ username: observerId, role: 'observer', region: SH });
  return (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
}

describe('patient observers on the network (FT-05, integration)', function () {
  this.timeout(300_000);
  let caseId: string;
  let assigned: string;
  let unassigned: string;
  let assignedCookie: string;
  let unassignedCookie: string;
  let patientRef: string;

  before(async function () {
    this.timeout(120_000);
    const password = `observer-${uniqueId('pw')}`;
    assigned = (await call<{ observer: { observerId: string } }>('POST', '/observers', 'investigator1', { region: SH, password })).observer.observerId;
    unassigned = (await call<{ observer: { observerId: string } }>('POST', '/observers', 'investigator1', { region: SH, password })).observer.observerId;
    await refused(call('POST', '/observers', 'hospitaladmin', { region: SH, password }), 403);
    assignedCookie = await signIn(assigned, password);
    unassignedCookie = await signIn(unassigned, password);
    // The demo's Shanghai patient (seeded, insured): a subject observers must not see.
    patientRef = (await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient: INSURED_PATIENTS[0].patient })).patientRef;
    const opened = await call<{ case: CaseView }>('POST', '/cases', 'investigator1', {
      region: SH,
      fraudType: 'overTreatment',
      allegation: 'repeated CT scans billed for the same visits',
      subjects: [
        { kind: 'institution', id: 'H310001' },
        { kind: 'patient', id: patientRef },
      ],
    });
    caseId = opened.case.caseId;
  });

  it('lets the assigned observer read the case on chain, and refuses the unassigned one (403 from the chaincode)', async () => {
    await refused(call('POST', `/cases/${caseId}/observers`, 'insurer-sh', { observerId: assigned }), 403);
    await refused(call('POST', `/cases/${caseId}/observers`, 'investigator1', { observerId: 'zhang-san' }), 400, /observerId/);
    const withObserver = await call<{ case: CaseView }>('POST', `/cases/${caseId}/observers`, 'investigator1', { observerId: assigned });
    expect(withObserver.case.observers?.map((o) => o.observerId)).to.deep.equal([assigned]);

    const seen = await request(gatewayApp()).get(`/observer/cases/${caseId}`).set('Cookie', assignedCookie);
    expect(seen.status, JSON.stringify(seen.body)).to.equal(200);
    const view = seen.body as ObserverCaseView;
    expect(view).to.include({ caseId, region: SH, status: 'OPEN', patientSubjects: 1 });
    expect(view.subjects).to.deep.equal([{ kind: 'institution', id: 'H310001' }]);
    expect(JSON.stringify(view), 'no patientRef, no staff certificate').to.not.match(new RegExp(`${patientRef}|x509::`));
    const mine = await request(gatewayApp()).get('/observer/cases').set('Cookie', assignedCookie).expect(200);
    expect((mine.body as ObserverCasePage).cases.map((c) => c.caseId)).to.include(caseId);

    const denied = await request(gatewayApp()).get(`/observer/cases/${caseId}`).set('Cookie', unassignedCookie).expect(403);
    expect(denied.body.error.message).to.match(/not assigned/);
    await request(gatewayApp()).post(`/observer/cases/${caseId}/remarks`).set('Cookie', unassignedCookie).set(CSRF_HEADER, CSRF_VALUE).send({ kind: 'remark', text: 'let me in' }).expect(403);
    // Observers reach no other case route.
    await request(gatewayApp()).get(`/cases/${caseId}`).set('Cookie', assignedCookie).expect(403);
  });

  it('puts the observer’s challenge on the case’s chain history; the case closes once it is answered', async () => {
    const text = 'three CT scans in one week for the same complaint: over-treatment?';
    const filed = await request(gatewayApp()).post(`/observer/cases/${caseId}/remarks`).set('Cookie', assignedCookie).set(CSRF_HEADER, CSRF_VALUE).send({ kind: 'challenge', text }).expect(201);
    expect(filed.body.txId).to.match(/^[0-9a-f]{64}$/);
    expect((filed.body.case as ObserverCaseView).remarks).to.have.length(1);

    const history = await call<HistoryEntry<InvestigationCaseRecord>[]>('GET', `/records/investigation-case/${caseId}/history`, 'investigator1');
    const latest = history[0];
    expect(latest.txId).to.equal(filed.body.txId);
    expect(latest.value?.remarks).to.have.length(1);
    expect(latest.value?.remarks?.[0]).to.include({ remarkNo: 1, observerId: assigned, kind: 'challenge', text });
    expect(latest.value?.remarks?.[0].filed.by).to.include({ mspId: 'RegulatorMSP', role: 'observer' });

    await refused(call('POST', `/cases/${caseId}/closure`, 'investigator1', { outcome: 'unsubstantiated', summary: 'scans justified' }), 422, /FT-05/);
    await call('POST', `/cases/${caseId}/remarks/1/answer`, 'investigator1', { answer: 'two departments ordered them; reviewed with the hospital' });
    const closed = await call<{ case: CaseView }>('POST', `/cases/${caseId}/closure`, 'investigator1', { outcome: 'unsubstantiated', summary: 'scans justified' });
    expect(closed.case.status).to.equal('CLOSED');
    const after = await request(gatewayApp()).get(`/observer/cases/${caseId}`).set('Cookie', assignedCookie).expect(200);
    expect((after.body as ObserverCaseView).remarks[0].answer?.text).to.match(/two departments/);
  });
});
