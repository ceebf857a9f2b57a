import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

describe('gateway: 401 for who the caller is, 403 for what they may do', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
    gw.ledger.answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never);
  });
  afterEach(() => gw.close());

  it('401 without a token, with another scheme, and with an unknown token; the ledger is not called', async () => {
    const none = await request(gw.app).get('/probes/p1').expect(401);
    expect(none.body.error.code).to.equal('UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).to.equal('Bearer');
    await request(gw.app).get('/probes/p1').set('Authorization', `Basic ${gw.tokens.doctor}`).expect(401);
    const unknown = await request(gw.app).get('/probes/p1').set(...bearerOf('rx_not-a-real-token')).expect(401);
    expect(unknown.headers['www-authenticate']).to.equal('Bearer error="invalid_token"');
    expect(gw.ledger.calls).to.deep.equal([]);
    expect(gw.ledger.catchUps).to.deep.equal([]);
  });

  it('401 for a revoked token, while a token issued afterwards works', async () => {
    await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(200);
    gw.deps.identities.revokeTokens('doctor1', new Date());
    const revoked = await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(401);
    expect(revoked.body.error.message).to.equal('unknown or revoked token');
    const fresh = gw.deps.identities.issueToken('doctor1', new Date());
    await request(gw.app).get('/probes/p1').set(...bearerOf(fresh)).expect(200);
  });

  it('401 comes before validation: an anonymous malformed request learns nothing about the schema', async () => {
    const res = await request(gw.app).post('/probes').send({ id: 42 }).expect(401);
    expect(res.body.error.code).to.equal('UNAUTHENTICATED');
  });

  it('403 for a role outside the access table, before validation and without calling the ledger', async () => {
    const res = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.doctor)).send({ id: 42 }).expect(403);
    expect(res.body.error).to.deep.include({ code: 'FORBIDDEN', message: 'doctor may not call writeProbe; requires admin' });
    expect(gw.ledger.calls).to.deep.equal([]);
  });

  it('403 when the chaincode refuses a known caller (a missing attribute is FORBIDDEN, not 401)', async () => {
    gw.ledger.fail(ProbeApi.Write, { kind: 'rejected', code: 'FORBIDDEN', reason: 'this act needs the institutionId attribute', details: [] });
    const res = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ id: 'p1', note: 'n' }).expect(403);
    expect(res.body.error).to.deep.include({ code: 'FORBIDDEN', message: 'this act needs the institutionId attribute' });
  });

  it('403 when the network refuses the caller’s certificate', async () => {
    gw.ledger.fail(ProbeApi.Read, { kind: 'identity-refused' }, 'the network refused the caller identity');
    const res = await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(403);
    expect(res.body.error.code).to.equal('FORBIDDEN');
  });
});
