import { expect } from 'chai';
import request from 'supertest';
import { InvestigationApi, type ObserverCaseView } from '@rxchain/chaincode/dist/shared';
import { CSRF_HEADER, CSRF_VALUE } from '../../gateway-api/src/http/auth';
import { allRoutes } from '../../gateway-api/src/routes';
import { TEST_OBSERVER, bearerOf, testGateway, type TestGateway } from '../support/gateway-app';

const PASSWORD = 'observer-panel-2026-sh';

describe('gateway: patient observers (FT-05)', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(allRoutes);
  });
  afterEach(() => gw.close());

  const create = (token: string, body: object) => request(gw.app).post('/observers').set(...bearerOf(token)).send(body);

  it('creates an observer by investigator (or the observer desk org’s admin) with a pseudonymous id, who then signs in like staff', async () => {
    const res = await create(gw.tokens.investigator, { region: '310000', password: PASSWORD }).expect(201);
    const { observerId } = res.body.observer as { observerId: string };
    expect(observerId).to.match(/^OBS-[0-9A-F]{16}$/);
    expect(res.body.observer).to.include({ region: '310000' });
    const signedIn = await request(gw.app).post('/sessions').send({ username: observerId, password: PASSWORD }).expect(201);
    expect(signedIn.body.session).to.include({ username: observerId, role: 'observer', region: '310000', mspId: 'RegulatorMSP' });
    await request(gw.app).post('/sessions').send({ username: observerId, password: 'wrong-password-123' }).expect(401);

    const weak = await create(gw.tokens.investigator, { region: '310000', password: 'short' }).expect(400);
    expect(weak.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['body.password']);
    await create(gw.tokens.investigator, { region: 'SH', password: PASSWORD }).expect(400);
    // The hospital's admin is of another org than the observer service identity; a doctor is no one to create observers.
    const foreign = await create(gw.tokens.admin, { region: '310000', password: PASSWORD }).expect(403);
    expect(foreign.body.error.message).to.match(/regulator/);
    await create(gw.tokens.doctor, { region: '310000', password: PASSWORD }).expect(403);
  });

  it('acts for the signed-in observer with the service identity’s certificate and names it; a request cannot name another', async () => {
    const view = { caseId: 'CASE-1', remarks: [] } as unknown as ObserverCaseView;
    gw.ledger.answer(InvestigationApi.ObserverView, view).answer(InvestigationApi.FileRemark, view).answer(InvestigationApi.ListForObserver, { observerId: TEST_OBSERVER, cases: [view], bookmark: '' });
    const cookie = gw.observerCookie();
    await request(gw.app).get('/observer/cases/CASE-1').set('Cookie', cookie).expect(200);
    await request(gw.app).get('/observer/cases?pageSize=5').set('Cookie', cookie).expect(200);
    await request(gw.app).post('/observer/cases/CASE-1/remarks').set('Cookie', cookie).set(CSRF_HEADER, CSRF_VALUE).send({ kind: 'challenge', text: 'why three scans?' }).expect(201);
    expect(gw.ledger.calls.map((c) => [c.tx, c.args])).to.deep.equal([
      ['Investigation:ObserverView', { caseId: 'CASE-1', observerId: TEST_OBSERVER }],
      ['Investigation:ListForObserver', { pageSize: 5, observerId: TEST_OBSERVER }],
      ['Investigation:FileRemark', { caseId: 'CASE-1', kind: 'challenge', text: 'why three scans?', observerId: TEST_OBSERVER }],
    ]);
    const desk = gw.deps.identities.user('observerdesk');
    expect(gw.ledger.signers).to.deep.equal([desk?.certPath, desk?.certPath, desk?.certPath]);

    gw.ledger.calls.length = 0;
    const named = await request(gw.app)
      .post('/observer/cases/CASE-1/remarks')
      .set('Cookie', cookie)
      .set(CSRF_HEADER, CSRF_VALUE)
      .send({ kind: 'remark', text: 't', observerId: 'OBS-FFFFFFFFFFFFFFFF' })
      .expect(400);
    expect(JSON.stringify(named.body.error.details)).to.match(/observerId/);
    await request(gw.app).get('/observer/cases?observerId=OBS-FFFFFFFFFFFFFFFF').set('Cookie', cookie).expect(400);
    // A route without query fields ignores a query, as every such route does: the session's observer is named.
    await request(gw.app).get('/observer/cases/CASE-1?observerId=OBS-FFFFFFFFFFFFFFFF').set('Cookie', cookie).expect(200);
    expect(gw.ledger.calls.map((c) => c.args)).to.deep.equal([{ caseId: 'CASE-1', observerId: TEST_OBSERVER }]);
    gw.ledger.calls.length = 0;
    // The service identity's own token is no observer: it names nobody.
    const desk403 = await request(gw.app).get('/observer/cases/CASE-1').set(...bearerOf(gw.tokens.observer)).expect(403);
    expect(desk403.body.error.message).to.match(/patient observers/);
    // Observers reach nothing else on the ledger.
    await request(gw.app).get('/cases/CASE-1').set('Cookie', cookie).expect(403);
    await request(gw.app).get('/oversight/cases/CASE-1/file').set('Cookie', cookie).expect(403);
    await request(gw.app).get('/oversight/risk/institutions').set('Cookie', cookie).expect(403);
    expect(gw.ledger.calls).to.deep.equal([]);
  });

  it('shows an observer its own region’s monthly aggregates only', async () => {
    const cookie = gw.observerCookie();
    const other = await request(gw.app).get('/oversight/regions/110000/monthly').set('Cookie', cookie).expect(403);
    expect(other.body.error.message).to.match(/own region only/);
    // Its own region passes the scope; this gateway runs without the read model.
    await request(gw.app).get('/oversight/regions/310000/monthly').set('Cookie', cookie).expect(503);
  });
});
