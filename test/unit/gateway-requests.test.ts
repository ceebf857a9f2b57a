import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { StandIn, bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

const fieldsOf = (res: request.Response): string[] => (res.body.error.details as { field: string }[]).map((d) => d.field);

describe('gateway: requests checked against the transaction schemas', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
    gw.ledger
      .answer(ProbeApi.Write, (args) => ({ docType: 'probe', ...args, written: { by: { id: 'x', mspId: 'HospitalMSP' }, at: '2026-03-01T08:00:00.000Z', txId: 't' } }) as never)
      .answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never)
      .answer(StandIn.List, { items: ['C1'], bookmark: '' })
      .answer(StandIn.Issue, (args) => args)
      .answer(StandIn.Propose, (args) => args);
  });
  afterEach(() => gw.close());

  describe('400 listing every refused field', () => {
    it('in the body: missing, mistyped, overlong and unknown fields at once', async () => {
      const res = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ id: 42, note: 'x'.repeat(257), admin: true }).expect(400);
      expect(res.body.error.code).to.equal('VALIDATION');
      expect(fieldsOf(res)).to.have.members(['body.id', 'body.note', 'body.admin']);
      expect(res.body.error.details).to.deep.include({ field: 'body.admin', message: 'is not an allowed field' });
      expect(res.body.error.details).to.deep.include({ field: 'body.id', message: 'must be 1-64 letters, digits, dot, dash or underscore' });
      expect(res.body.error.message).to.match(/^invalid request: .*body\.id/);
      expect(gw.ledger.calls).to.deep.equal([]);
    });

    it('for a required field left out, and for a body that is not an object', async () => {
      const missing = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ note: 'n' }).expect(400);
      expect(missing.body.error.details).to.deep.equal([{ field: 'body.id', message: 'is required' }]);
      const array = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).set('Content-Type', 'application/json').send('[1]').expect(400);
      expect(fieldsOf(array)).to.deep.equal(['body']);
      const notJson = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).set('Content-Type', 'application/json').send('{"id": ').expect(400);
      expect(notJson.body.error.details).to.deep.equal([{ field: 'body', message: 'is not valid JSON' }]);
      expect(gw.ledger.calls).to.deep.equal([]);
    });

    it('in the query and the path together, after converting strings to integers and booleans', async () => {
      const res = await request(gw.app)
        .get('/stand-in/regions/31000X/claims?pageSize=0&flagged=maybe&minFen=-1&bogus=1')
        .set(...bearerOf(gw.tokens.insurer))
        .expect(400);
      expect(fieldsOf(res)).to.have.members(['path.region', 'query.pageSize', 'query.flagged', 'query.minFen', 'query.bogus']);
      expect(res.body.error.details).to.deep.include({ field: 'query.pageSize', message: 'must be a page size from 1 to 200' });
      expect(res.body.error.details).to.deep.include({ field: 'path.region', message: 'must be a six-digit administrative code' });
      expect(gw.ledger.calls).to.deep.equal([]);
    });

    it('in the path of a probe read', async () => {
      const res = await request(gw.app).get(`/probes/${'a'.repeat(65)}`).set(...bearerOf(gw.tokens.doctor)).expect(400);
      expect(fieldsOf(res)).to.deep.equal(['path.id']);
    });

    it('in headers: X-Min-Block and Idempotency-Key, with the body’s fields', async () => {
      const res = await request(gw.app)
        .post('/probes')
        .set(...bearerOf(gw.tokens.admin))
        .set('X-Min-Block', 'latest')
        .set('Idempotency-Key', 'has spaces')
        .send({ id: 'p1' })
        .expect(400);
      expect(fieldsOf(res)).to.have.members(['body.note', 'header.X-Min-Block', 'header.Idempotency-Key']);
    });
  });

  describe('a transaction route called once', () => {
    it('evaluates a read with path and converted query arguments and answers the result', async () => {
      const res = await request(gw.app).get('/stand-in/regions/310000/claims?pageSize=20&flagged=true&minFen=0').set(...bearerOf(gw.tokens.investigator)).expect(200);
      expect(res.body).to.deep.equal({ items: ['C1'], bookmark: '' });
      expect(gw.ledger.calls).to.have.length(1);
      expect(gw.ledger.calls[0]).to.deep.include({ method: 'evaluate', user: 'investigator1', tx: 'Claim:ListByRegion' });
      expect(gw.ledger.calls[0].args).to.deep.equal({ region: '310000', pageSize: 20, flagged: true, minFen: 0 });
    });

    it('submits a write and answers { [resultKey]: result, txId, blockNumber } with the success status', async () => {
      const res = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ id: 'p1', note: 'hello' }).expect(201);
      expect(res.body.record).to.include({ id: 'p1', note: 'hello' });
      expect(res.body.txId).to.match(/^[0-9a-f]{64}$/);
      expect(res.body.blockNumber).to.equal('101');
      expect(gw.ledger.calls).to.deep.equal([{ method: 'submit', user: 'hospitaladmin', tx: 'Probe:Write', args: { id: 'p1', note: 'hello' }, options: {} }]);
    });

    it('spreads the result’s fields without a resultKey', async () => {
      const res = await request(gw.app).post('/stand-in/batches').set(...bearerOf(gw.tokens.insurer)).send({ batchId: 'BAT-1', counterpartyRegion: '110000' }).expect(201);
      expect(res.body).to.deep.equal({ batchId: 'BAT-1', counterpartyRegion: '110000', txId: res.body.txId, blockNumber: '101' });
    });

    it('sends the transient fields apart from the argument, and derives a missing id from the Idempotency-Key', async () => {
      const body = { note: 'n', patient: { idNumber: 'A1234567' } };
      const first = await request(gw.app).post('/stand-in/prescriptions').set(...bearerOf(gw.tokens.doctor)).set('Idempotency-Key', 'k-1').send(body).expect(201);
      const call = gw.ledger.calls[0];
      expect(call.args).to.deep.equal({ note: 'n', rxId: first.body.prescription.rxId });
      expect(call.options).to.deep.equal({ transient: { patient: { idNumber: 'A1234567' } } });
      expect(first.body.prescription.rxId).to.match(/^RX-[0-9a-f]{24}$/);
      // The same key from a gateway that lost its idempotency store lands on the same id.
      const elsewhere = testGateway(unitRoutes);
      try {
        elsewhere.ledger.answer(StandIn.Issue, (args) => args);
        const again = await request(elsewhere.app).post('/stand-in/prescriptions').set(...bearerOf(elsewhere.tokens.doctor)).set('Idempotency-Key', 'k-1').send(body).expect(201);
        expect(again.body.prescription.rxId).to.equal(first.body.prescription.rxId);
      } finally {
        elsewhere.close();
      }
    });

    it('refuses transient fields the gateway generates itself', async () => {
      const res = await request(gw.app).post('/stand-in/prescriptions').set(...bearerOf(gw.tokens.doctor)).send({ note: 'n', patient: { idNumber: 'A1234567' }, salt: 'a'.repeat(64) }).expect(400);
      expect(fieldsOf(res)).to.deep.equal(['body.salt']);
    });

    it('catches the user’s peer up first, to the block the client names in X-Min-Block', async () => {
      await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).set('X-Min-Block', '42').expect(200);
      await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.pharmacist)).expect(200);
      expect(gw.ledger.catchUps).to.deep.equal([{ user: 'doctor1', minBlock: 42n }, { user: 'pharmacist1' }]);
    });
  });

  describe('Prefer: respond-async', () => {
    it('answers 202 with a status URL, and the operation holds the result for its submitter only', async () => {
      const accepted = await request(gw.app).post('/stand-in/batches').set(...bearerOf(gw.tokens.insurer)).set('Prefer', 'respond-async').send({ counterpartyRegion: '110000' }).expect(202);
      expect(accepted.headers['preference-applied']).to.equal('respond-async');
      expect(accepted.headers.location).to.equal(`/operations/${accepted.body.operationId}`);
      let op = accepted.body as { status: string; result?: { status: number; body: { batchId: string } } };
      for (let i = 0; i < 50 && op.status === 'pending'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        op = (await request(gw.app).get(accepted.headers.location).set(...bearerOf(gw.tokens.insurer)).expect(200)).body;
      }
      expect(op.status).to.equal('succeeded');
      expect(op.result?.status).to.equal(201);
      expect(op.result?.body.batchId).to.match(/^BAT-[0-9a-f]{24}$/);
      await request(gw.app).get(accepted.headers.location).set(...bearerOf(gw.tokens.investigator)).expect(404);
    });
  });
});
