import { Validator } from '@seriousme/openapi-schema-validator';
import { ProbeApi, rolesOf } from '@rxchain/chaincode/dist/shared';
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../gateway-api/src/app';
import { contractClient } from '../../gateway-api/src/fabric/contract-client';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { isTxRoute } from '../../gateway-api/src/http/route';
import { allRoutes } from '../../gateway-api/src/routes';
import { bearer, gatewayApp, gatewayDeps, uniqueId, userOf } from '../support/network';

describe('the gateway as a product (integration)', () => {
  describe('authentication and roles', () => {
    it('answers 401 without a token and with an unknown one', async () => {
      const none = await request(gatewayApp()).get('/probes/x').expect(401);
      expect(none.body.error.code).to.equal('UNAUTHENTICATED');
      expect(none.headers['www-authenticate']).to.match(/^Bearer/);
      await request(gatewayApp()).get('/probes/x').set('Authorization', 'Bearer rx_not-a-real-token').expect(401);
      await request(gatewayApp()).get('/probes/x').set('Authorization', 'Basic abc').expect(401);
    });

    it('answers 403 for the wrong role, and the chaincode refuses too when the gateway is bypassed', async () => {
      const res = await request(gatewayApp()).post('/probes').set(...bearer('doctor1')).send({ id: 'x', note: 'y' }).expect(403);
      expect(res.body.error.code).to.equal('FORBIDDEN');
      let failure: unknown;
      try {
        await contractClient(gatewayDeps().ledger, ProbeApi).Write(userOf('doctor1'), { id: uniqueId('bypass'), note: 'direct' });
      } catch (err) {
        failure = err;
      }
      expect(failure).to.be.instanceOf(LedgerError);
      expect((failure as LedgerError).failure).to.deep.include({ kind: 'rejected', code: 'FORBIDDEN' });
      expect((failure as LedgerError).message).to.match(/doctor may not call Probe:Write/);
    });

    it('lets an org admin enrol a user through the CA, and revoked tokens stop working', async function () {
      this.timeout(60_000);
      const name = `nurse-${Date.now().toString(36)}`;
      const enrolled = await request(gatewayApp())
        .post('/admin/users')
        .set(...bearer('pharmacyadmin'))
        .send({ name, role: 'pharmacist', region: '310000', institutionId: 'P310009', licenceId: 'PHA-310-0099' })
        .expect(201);
      expect(enrolled.body.mspId).to.equal('PharmacyMSP');
      const token: string = enrolled.body.token;
      expect(token).to.match(/^rx_[0-9a-f]{48}$/);
      // The new user's certificate works on the ledger as a pharmacist.
      const probeId = uniqueId('newuser');
      await request(gatewayApp()).post('/probes').set(...bearer('pharmacyadmin')).send({ id: probeId, note: 'n' }).expect(201);
      await request(gatewayApp()).get(`/probes/${probeId}`).set('Authorization', `Bearer ${token}`).expect(200);
      // An admin cannot create roles its CA may not issue, nor manage another org's users.
      await request(gatewayApp()).post('/admin/users').set(...bearer('pharmacyadmin')).send({ name: `${name}-x`, role: 'doctor' }).expect(403);
      await request(gatewayApp()).delete(`/admin/users/${name}/tokens`).set(...bearer('hospitaladmin')).expect(403);
      await request(gatewayApp()).delete(`/admin/users/${name}/tokens`).set(...bearer('pharmacyadmin')).expect(200);
      await request(gatewayApp()).get(`/probes/${probeId}`).set('Authorization', `Bearer ${token}`).expect(401);
    });
  });

  describe('validation', () => {
    const malformed: [string, unknown, RegExp][] = [
      ['missing fields', {}, /body\.id is required/],
      ['wrong types', { id: 42, note: ['a'] }, /body\.id must be 1-64 letters.*body\.note/],
      ['an extra field', { id: 'ok-1', note: 'n', admin: true }, /body\.admin is not an allowed field/],
      ['an overlong string', { id: 'ok-2', note: 'x'.repeat(257) }, /body\.note/],
      ['unicode outside the id alphabet', { id: '处方-1', note: 'n' }, /body\.id must be 1-64 letters, digits/],
      ['null body', null, /body/],
      ['an array body', [{ id: 'a', note: 'b' }], /body/],
    ];
    for (const [what, body, message] of malformed) {
      it(`answers 400 with field details for ${what}`, async () => {
        const res = await request(gatewayApp())
          .post('/probes')
          .set(...bearer('hospitaladmin'))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body))
          .expect(400);
        expect(res.body.error.code).to.equal('VALIDATION');
        expect(res.body.error.message).to.match(message);
        expect(res.body.error.details).to.be.an('array').with.length.greaterThan(0);
      });
    }

    it('answers 400 for a body that is not JSON and 413 for an oversized one', async () => {
      const res = await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).set('Content-Type', 'application/json').send('{"id": ').expect(400);
      expect(res.body.error.details[0].field).to.equal('body');
      await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).send({ id: 'big', note: 'x'.repeat(200_000) }).expect(413);
    });

    it('answers 404 in the error shape for a record that does not exist and for an unknown route', async () => {
      const missing = await request(gatewayApp()).get(`/probes/${uniqueId('missing')}`).set(...bearer('doctor1')).expect(404);
      expect(missing.body.error.code).to.equal('NOT_FOUND');
      await request(gatewayApp()).get('/no/such/route').expect(404);
    });

    it('answers 429 once a token passes its requests per minute, and counts each token apart', async () => {
      const deps = gatewayDeps();
      const limited = createApp({ ...deps, config: { ...deps.config, rateLimitPerMinute: 3 } }, allRoutes(deps));
      for (let i = 0; i < 3; i++) await request(limited).get(`/probes/${uniqueId('rl')}`).set(...bearer('doctor1')).expect(404);
      const refused = await request(limited).get(`/probes/${uniqueId('rl')}`).set(...bearer('doctor1')).expect(429);
      expect(refused.body.error.code).to.equal('RATE_LIMITED');
      expect(refused.headers['ratelimit-policy']).to.match(/^3;w=60/);
      await request(limited).get(`/probes/${uniqueId('rl')}`).set(...bearer('doctor2')).expect(404);
    });
  });

  describe('safe retries', () => {
    it('returns the first result for a retried Idempotency-Key and writes once', async () => {
      const id = uniqueId('idem');
      const key = uniqueId('key');
      const first = await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).set('Idempotency-Key', key).send({ id, note: 'once' }).expect(201);
      const again = await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).set('Idempotency-Key', key).send({ id, note: 'once' }).expect(201);
      expect(again.body.txId).to.equal(first.body.txId);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      const history = await request(gatewayApp()).get(`/records/probe/${id}/history`).set(...bearer('investigator1')).expect(200);
      expect(history.body).to.have.length(1);
      const misuse = await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).set('Idempotency-Key', key).send({ id, note: 'different' }).expect(422);
      expect(misuse.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('contract and observability', () => {
    it('serves a valid OpenAPI 3.1 document listing every route', async () => {
      const res = await request(gatewayApp()).get('/openapi.json').expect(200);
      const validation = await new Validator().validate(res.body);
      expect(validation.errors ?? [], JSON.stringify(validation.errors)).to.deep.equal([]);
      expect(validation.valid).to.equal(true);
      for (const route of allRoutes(gatewayDeps())) {
        const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        expect(res.body.paths[path], path).to.have.property(route.method);
        const roles = isTxRoute(route) ? rolesOf(route.tx.id) : route.roles;
        expect(res.body.paths[path][route.method]['x-roles'], route.operationId).to.deep.equal([...roles]);
      }
      await request(gatewayApp()).get('/docs').expect(200).expect('Content-Type', /html/);
    });

    it('exposes Prometheus metrics for requests and Fabric calls', async () => {
      await request(gatewayApp()).get(`/probes/${uniqueId('m')}`).set(...bearer('doctor1'));
      const res = await request(gatewayApp()).get('/metrics').expect(200);
      expect(res.text).to.match(/rxchain_http_request_duration_seconds_bucket\{[^}]*route="\/probes\/:id"/);
      expect(res.text).to.match(/rxchain_fabric_call_duration_seconds_count\{phase="evaluate"\} [1-9]/);
      expect(res.text).to.match(/rxchain_http_errors_total\{code="NOT_FOUND"\} [1-9]/);
    });

    it('reports readiness of every peer', async () => {
      const res = await request(gatewayApp()).get('/ready').expect(200);
      expect(res.body.ready).to.equal(true);
      expect(Object.keys(res.body.peers)).to.have.members(['hospital', 'pharmacy', 'insurersh', 'insurerbj', 'regulator']);
    });

    it('streams committed chaincode events to a subscriber', async function () {
      this.timeout(60_000);
      const server = gatewayApp().listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const id = uniqueId('evt');
      try {
        const health = await request(gatewayApp()).get('/health').expect(200);
        const received = new Promise<string>((resolve, reject) => {
          const req = http.get(
            { host: '127.0.0.1', port, path: `/events?fromBlock=${health.body.ledger.height}`, headers: { Authorization: bearer('investigator1')[1] } },
            (res) => {
              let buffer = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                buffer += chunk;
                if (buffer.includes(id)) {
                  req.destroy();
                  resolve(buffer);
                }
              });
            },
          );
          req.on('error', reject);
          setTimeout(() => reject(new Error('no event within 30 s')), 30_000).unref();
        });
        await new Promise((r) => setTimeout(r, 500));
        await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).send({ id, note: 'evt' }).expect(201);
        const stream = await received;
        expect(stream).to.match(/event: ProbeWritten/);
        expect(stream).to.match(/id: \d+:[0-9a-f]{64}/);
      } finally {
        server.close();
      }
    });
  });
});
