import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import type { LedgerFailure } from '../../gateway-api/src/fabric/ledger-port';
import { StandIn, bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

interface Expected {
  status: number;
  code: string;
  details: unknown;
  retryAfter?: string;
}

/** One case per failure kind (and per chaincode code); the type makes a new kind without a case fail to compile. */
const CASES: { [K in LedgerFailure['kind']]: [Extract<LedgerFailure, { kind: K }>, Expected][] } = {
  rejected: [
    [
      { kind: 'rejected', code: 'VALIDATION', reason: 'feeLines[0].category: is required; items[1].quantity: must be an integer from 1 to 100000', details: [{ field: 'feeLines[0].category', message: 'is required' }, { field: 'items[1].quantity', message: 'must be an integer from 1 to 100000' }] },
      { status: 400, code: 'VALIDATION', details: [{ field: 'feeLines[0].category', message: 'is required' }, { field: 'items[1].quantity', message: 'must be an integer from 1 to 100000' }] },
    ],
    [{ kind: 'rejected', code: 'FORBIDDEN', reason: 'a staff act needs the institutionId attribute', details: [] }, { status: 403, code: 'FORBIDDEN', details: [] }],
    [{ kind: 'rejected', code: 'NOT_FOUND', reason: 'probe p1 does not exist', details: [] }, { status: 404, code: 'NOT_FOUND', details: [] }],
    [{ kind: 'rejected', code: 'CONFLICT', reason: 'prescription RX1 is fully dispensed', details: [] }, { status: 409, code: 'CONFLICT', details: [] }],
    [{ kind: 'rejected', code: 'RULE', reason: 'RX-02: the prescriber is suspended', details: [] }, { status: 422, code: 'RULE', details: [] }],
  ],
  conflict: [[{ kind: 'conflict', txId: 'f'.repeat(64) }, { status: 409, code: 'CONFLICT', details: { txId: 'f'.repeat(64) } }]],
  'commit-rejected': [[{ kind: 'commit-rejected', txId: 'e'.repeat(64), validationCode: 10 }, { status: 409, code: 'COMMIT_REJECTED', details: { txId: 'e'.repeat(64), validationCode: 10 } }]],
  unavailable: [
    [{ kind: 'unavailable', grpcCode: 14 }, { status: 503, code: 'UNAVAILABLE', details: { grpcCode: 14 }, retryAfter: '2' }],
    [{ kind: 'unavailable' }, { status: 503, code: 'UNAVAILABLE', details: {}, retryAfter: '1' }],
  ],
  'endorsement-failed': [[{ kind: 'endorsement-failed', reasons: ['peer0 said no'] }, { status: 502, code: 'ENDORSEMENT_FAILED', details: { reasons: ['peer0 said no'] } }]],
  'identity-refused': [[{ kind: 'identity-refused' }, { status: 403, code: 'FORBIDDEN', details: [] }]],
  'ledger-error': [[{ kind: 'ledger-error', reasons: ['orderer exploded'] }, { status: 502, code: 'LEDGER_ERROR', details: { reasons: ['orderer exploded'] } }]],
};

describe('gateway: ledger failures as HTTP answers', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
  });
  afterEach(() => gw.close());

  for (const [kind, cases] of Object.entries(CASES)) {
    for (const [failure, expected] of cases) {
      const label = failure.kind === 'rejected' ? `rejected ${failure.code}` : failure.kind === 'unavailable' ? `unavailable (gRPC code ${failure.grpcCode ?? 'none'})` : kind;
      it(`${label} → ${expected.status} ${expected.code}, on a read and on a write`, async () => {
        gw.ledger.fail(ProbeApi.Read, failure, 'the ledger says so').fail(ProbeApi.Write, failure, 'the ledger says so');
        const read = await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor));
        const write = await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ id: 'p1', note: 'n' });
        for (const res of [read, write]) {
          expect(res.status).to.equal(expected.status);
          expect(res.body.error.code).to.equal(expected.code);
          expect(res.body.error.details).to.deep.equal(expected.details);
          expect(res.body.error.message).to.equal(failure.kind === 'rejected' ? failure.reason : 'the ledger says so');
          expect(res.headers['retry-after']).to.equal(expected.retryAfter);
        }
      });
    }
  }

  it('answers an unexpected error as a 500 without its message', async () => {
    gw.ledger.answer(ProbeApi.Read, () => {
      throw new Error('/secret/path/key.pem: no such file');
    });
    const res = await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(500);
    expect(res.body.error).to.deep.equal({ code: 'INTERNAL', message: 'internal error', details: [] });
  });

  it('maps the failure of an asynchronous operation the same way', async () => {
    gw.ledger.fail(StandIn.Propose, { kind: 'rejected', code: 'RULE', reason: 'XR-05: unbalanced batch', details: [] });
    const accepted = await request(gw.app).post('/stand-in/batches').set(...bearerOf(gw.tokens.insurer)).set('Prefer', 'respond-async').send({ counterpartyRegion: '110000' }).expect(202);
    let status: { status: string; error?: { code: string; message: string } } = { status: 'pending' };
    for (let i = 0; i < 50 && status.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = (await request(gw.app).get(accepted.headers.location).set(...bearerOf(gw.tokens.insurer)).expect(200)).body;
    }
    expect(status.status).to.equal('failed');
    expect(status.error).to.include({ code: 'RULE', message: 'XR-05: unbalanced batch' });
  });
});
