import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi, type ProbeRecord } from '@rxchain/chaincode/dist/shared';
import { IdempotencyStore } from '../../gateway-api/src/http/idempotency';
import { bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

const record = (id: string, note: string) => ({ docType: 'probe', id, note }) as unknown as ProbeRecord;

describe('gateway: Idempotency-Key', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
    gw.ledger.answer(ProbeApi.Write, (args) => record(args.id, args.note));
  });
  afterEach(() => gw.close());

  const write = (key: string, body: object) => request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).set('Idempotency-Key', key).send(body);

  it('replays the first answer for the same key and body, and calls the ledger once', async () => {
    const first = await write('key-1', { id: 'p1', note: 'once' }).expect(201);
    expect(first.headers['idempotent-replayed']).to.equal(undefined);
    const again = await write('key-1', { id: 'p1', note: 'once' }).expect(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.have.length(1);
  });

  it('replays after a restart: the answers are kept in the durable store', async () => {
    const first = await write('key-1', { id: 'p1', note: 'once' }).expect(201);
    gw.deps.idempotency = new IdempotencyStore(gw.deps.config.idempotencyFile);
    const again = await write('key-1', { id: 'p1', note: 'once' }).expect(201);
    expect(again.body.txId).to.equal(first.body.txId);
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.have.length(1);
  });

  it('422 for the key reused with another body', async () => {
    await write('key-1', { id: 'p1', note: 'once' }).expect(201);
    const misuse = await write('key-1', { id: 'p1', note: 'different' }).expect(422);
    expect(misuse.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.have.length(1);
  });

  it('409 with Retry-After while the first request with the key is still running', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    gw.ledger.answer(ProbeApi.Write, async (args) => {
      await held;
      return record(args.id, args.note);
    });
    const first = write('key-1', { id: 'p1', note: 'slow' }).then((res) => res);
    while (gw.ledger.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await write('key-1', { id: 'p1', note: 'slow' }).expect(409);
    expect(second.body.error.code).to.equal('IDEMPOTENCY_IN_PROGRESS');
    expect(second.headers['retry-after']).to.equal('1');
    release();
    expect((await first).status).to.equal(201);
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.have.length(1);
  });

  it('does not keep a failure: a retry with the same key runs again', async () => {
    gw.ledger.fail(ProbeApi.Write, { kind: 'unavailable', grpcCode: 14 });
    await write('key-1', { id: 'p1', note: 'n' }).expect(503);
    gw.ledger.answer(ProbeApi.Write, (args) => record(args.id, args.note));
    const retried = await write('key-1', { id: 'p1', note: 'n' }).expect(201);
    expect(retried.headers['idempotent-replayed']).to.equal(undefined);
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.have.length(2);
  });

  it('scopes keys per user, not per token', async () => {
    await write('key-1', { id: 'p1', note: 'n' }).expect(201);
    const sameUser = gw.deps.identities.issueToken('hospitaladmin', new Date());
    const replayed = await request(gw.app).post('/probes').set(...bearerOf(sameUser)).set('Idempotency-Key', 'key-1').send({ id: 'p1', note: 'n' }).expect(201);
    expect(replayed.headers['idempotent-replayed']).to.equal('true');
    gw.deps.identities.addUser('pharmacyadmin', { org: 'pharmacy', mspId: 'PharmacyMSP', certPath: '/dev/null', keyPath: '/dev/null', attrs: { role: 'admin' } });
    const otherUser = gw.deps.identities.issueToken('pharmacyadmin', new Date());
    const fresh = await request(gw.app).post('/probes').set(...bearerOf(otherUser)).set('Idempotency-Key', 'key-1').send({ id: 'p1', note: 'n' }).expect(201);
    expect(fresh.headers['idempotent-replayed']).to.equal(undefined);
    expect(gw.ledger.calls.map((c) => c.user)).to.deep.equal(['hospitaladmin', 'pharmacyadmin']);
  });
});
