import { expect } from 'chai';
import request from 'supertest';
import { gatewayApp, passwordOf, uniqueId, type DemoUser } from '../support/network';

/**
 * The console's sign-in on the real network: a demo user signs in with the password
 * enroll-users.sh generated, acts through the session cookie as their own Fabric identity,
 * signs out, and the cookie is refused from then on.
 */
const CSRF: [string, string] = ['X-Requested-With', 'rxchain-console'];

async function signIn(user: DemoUser): Promise<string> {
  const res = await request(gatewayApp()).post('/sessions').send({ username: user, password: passwordOf(user) }).expect(201);
  expect(res.body.session).to.include({ username: user });
  return (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
}

describe('signing in to the console (integration)', () => {
  it('signs a demo user in with their demo password, submits a transaction with the cookie, signs out, and the cookie is refused', async function () {
    this.timeout(60_000);
    const cookie = await signIn('hospitaladmin');
    const current = await request(gatewayApp()).get('/sessions/current').set('Cookie', cookie).expect(200);
    expect(current.body.session).to.include({ username: 'hospitaladmin', role: 'admin', org: 'hospital', mspId: 'HospitalMSP' });

    const id = uniqueId('session');
    await request(gatewayApp()).post('/probes').set('Cookie', cookie).send({ id, note: 'by cookie' }).expect(403);
    const written = await request(gatewayApp()).post('/probes').set('Cookie', cookie).set(...CSRF).send({ id, note: 'by cookie' }).expect(201);
    expect(written.body.txId).to.match(/^[0-9a-f]{64}$/);
    expect(written.body.record).to.include({ id, note: 'by cookie' });
    const read = await request(gatewayApp()).get(`/probes/${id}`).set('Cookie', cookie).set('X-Min-Block', String(written.body.blockNumber)).expect(200);
    expect(read.body).to.include({ id, note: 'by cookie' });

    await request(gatewayApp()).delete('/sessions/current').set('Cookie', cookie).set(...CSRF).expect(204);
    const refused = await request(gatewayApp()).post('/probes').set('Cookie', cookie).set(...CSRF).send({ id: uniqueId('session'), note: 'after' }).expect(401);
    expect(refused.body.error.code).to.equal('UNAUTHENTICATED');
    await request(gatewayApp()).get('/sessions/current').set('Cookie', cookie).expect(401);
  });

  it('acts as the session’s own identity: the chaincode’s roles apply, and a wrong password opens nothing', async function () {
    this.timeout(60_000);
    const doctor = await signIn('doctor1');
    const res = await request(gatewayApp()).post('/probes').set('Cookie', doctor).set(...CSRF).send({ id: uniqueId('session'), note: 'doctor' }).expect(403);
    expect(res.body.error.code).to.equal('FORBIDDEN');
    const wrong = await request(gatewayApp()).post('/sessions').send({ username: 'doctor2', password: `${passwordOf('doctor2')}x` }).expect(401);
    expect(wrong.body.error.code).to.equal('INVALID_CREDENTIALS');
    expect(wrong.headers['set-cookie']).to.equal(undefined);
  });
});
