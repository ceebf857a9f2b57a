import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { createApp } from '../../gateway-api/src/app';
import { hashPassword, paramsOf, SCRYPT_PARAMS, verifyPassword } from '../../gateway-api/src/sessions/password-hash';
import { bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

const PASSWORDS = { doctor1: 'correct horse battery', hospitaladmin: 'admin of the hospital 1' } as const;
type User = keyof typeof PASSWORDS;
const CSRF: [string, string] = ['X-Requested-With', 'rxchain-console'];

/** A gateway whose doctor1 and hospitaladmin have sign-in passwords. */
async function gatewayWithPasswords(env: NodeJS.ProcessEnv = {}): Promise<TestGateway> {
  const gw = testGateway(unitRoutes, env);
  for (const [name, password] of Object.entries(PASSWORDS)) gw.deps.identities.setPasswordHash(name, await hashPassword(password));
  return gw;
}

const signIn = (gw: TestGateway, username: string, password: string) => request(gw.app).post('/sessions').send({ username, password });

/** Signs in and returns the Cookie header value to send back. */
async function cookieOf(gw: TestGateway, user: User): Promise<string> {
  const res = await signIn(gw, user, PASSWORDS[user]).expect(201);
  const setCookie = res.headers['set-cookie'] as unknown as string[];
  return setCookie[0].split(';')[0];
}

describe('sessions: password hashes', () => {
  it('hash with scrypt N = 2^15, r = 8, p = 1 and a fresh 16-byte salt, and verify only the right password', async () => {
    const stored = await hashPassword('a long enough password');
    expect(stored).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    const params = paramsOf(stored);
    expect(params).to.deep.include(SCRYPT_PARAMS);
    expect(params?.salt).to.have.length(16);
    expect(params?.key).to.have.length(32);
    expect(await hashPassword('a long enough password')).not.to.equal(stored);
    expect(await verifyPassword('a long enough password', stored)).to.equal(true);
    expect(await verifyPassword('a long enough passwore', stored)).to.equal(false);
    expect(await verifyPassword('', stored)).to.equal(false);
  });

  it('refuse without a stored hash, and for a hash that is not one of ours, after the same work', async () => {
    expect(await verifyPassword('anything', undefined)).to.equal(false);
    expect(await verifyPassword('anything', 'md5$abc')).to.equal(false);
    const stored = await hashPassword('x');
    const tampered = stored.replace(/\$[^$]+$/, '$AAAA');
    expect(await verifyPassword('x', tampered)).to.equal(false);
    const time = async (work: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await work();
      return Number(process.hrtime.bigint() - started);
    };
    const median = async (work: () => Promise<unknown>) => (await Promise.all([0, 1, 2].map(() => time(work)))).sort((a, b) => a - b)[1];
    const known = await median(() => verifyPassword('wrong', stored));
    const unknown = await median(() => verifyPassword('wrong', undefined));
    expect(unknown / known, 'an unknown user costs about what a wrong password does').to.be.within(0.25, 4);
  });
});

describe('gateway: password sign-in and sessions', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await gatewayWithPasswords();
    gw.ledger.answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never);
    gw.ledger.answer(ProbeApi.Write, (args) => ({ docType: 'probe', ...args }) as never);
  });
  afterEach(() => gw.close());

  it('signs in: 201 with the session, and an HttpOnly SameSite=Strict cookie of 32 random bytes', async () => {
    const res = await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
    expect(res.body.session).to.deep.include({ username: 'doctor1', role: 'doctor', org: 'hospital', mspId: 'HospitalMSP', region: '310000', institutionId: 'H310001' });
    const { expiresAt, idleExpiresAt } = res.body.session as { expiresAt: string; idleExpiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).to.be.within(12 * 3600_000 - 5_000, 12 * 3600_000);
    expect(Date.parse(idleExpiresAt) - Date.now()).to.be.within(30 * 60_000 - 5_000, 30 * 60_000);
    const [cookie] = res.headers['set-cookie'] as unknown as string[];
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).to.match(/^rxchain_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes).to.have.members(['HttpOnly', 'SameSite=Strict', 'Path=/']);
    expect(res.headers['cache-control']).to.equal('no-store');
    const again = await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
    expect((again.headers['set-cookie'] as unknown as string[])[0].split(';')[0]).not.to.equal(pair);
  });

  it('marks the cookie Secure over HTTPS or when configured so behind a TLS proxy', async () => {
    const secure = await gatewayWithPasswords({ RXCHAIN_SESSION_COOKIE_SECURE: 'true' });
    try {
      const res = await signIn(secure, 'doctor1', PASSWORDS.doctor1).expect(201);
      expect((res.headers['set-cookie'] as unknown as string[])[0]).to.match(/; Secure$/);
    } finally {
      secure.close();
    }
  });

  it('reads the current session with the cookie; 401 UNAUTHENTICATED without one; 404 NO_SESSION for a bearer token', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    const res = await request(gw.app).get('/sessions/current').set('Cookie', cookie).expect(200);
    expect(res.body.session).to.include({ username: 'doctor1', role: 'doctor', licenceId: 'DOC-1001' });
    const none = await request(gw.app).get('/sessions/current').expect(401);
    expect(none.body.error.code).to.equal('UNAUTHENTICATED');
    const bearer = await request(gw.app).get('/sessions/current').set(...bearerOf(gw.tokens.doctor)).expect(404);
    expect(bearer.body.error.code).to.equal('NO_SESSION');
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS, no cookie', async () => {
    const wrong = await signIn(gw, 'doctor1', 'not the password').expect(401);
    const unknown = await signIn(gw, 'nobody', 'not the password').expect(401);
    const noPassword = await signIn(gw, 'pharmacist1', 'not the password').expect(401);
    for (const res of [wrong, unknown, noPassword]) {
      expect(res.body).to.deep.equal({ error: { code: 'INVALID_CREDENTIALS', message: 'wrong user name or password', details: [] } });
      expect(res.headers['set-cookie']).to.equal(undefined);
    }
  });

  it('takes the credentials only as a JSON body (a cross-site form cannot sign anyone in) and checks their fields', async () => {
    await request(gw.app).post('/sessions').type('form').send({ username: 'doctor1', password: PASSWORDS.doctor1 }).expect(400);
    const res = await request(gw.app).post('/sessions').send({ username: '', extra: 1 }).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).to.include.members(['body.username', 'body.password', 'body.extra']);
  });

  it('locks a user name at exactly the 5th failure in a row for 15 minutes, even for the right password, then lets it in', async () => {
    for (let i = 1; i <= 4; i++) await signIn(gw, 'doctor1', `wrong ${i}`).expect(401);
    const locked = await signIn(gw, 'doctor1', 'wrong 5').expect(429);
    expect(locked.body.error.code).to.equal('ACCOUNT_LOCKED');
    expect(locked.headers['retry-after']).to.equal('900');
    const stillLocked = await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(429);
    expect(stillLocked.body.error.code).to.equal('ACCOUNT_LOCKED');
    gw.advanceClock(10 * 60_000);
    expect((await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(429)).headers['retry-after']).to.equal('300');
    // Another user is not affected.
    await signIn(gw, 'hospitaladmin', PASSWORDS.hospitaladmin).expect(201);
    gw.advanceClock(5 * 60_000);
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
    for (let i = 1; i <= 4; i++) await signIn(gw, 'doctor1', `wrong ${i}`).expect(401);
  });

  it('counts only consecutive failures within the window: a success, or 15 minutes, starts the count afresh', async () => {
    for (let i = 1; i <= 4; i++) await signIn(gw, 'doctor1', `wrong ${i}`).expect(401);
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
    for (let i = 1; i <= 4; i++) await signIn(gw, 'doctor1', `wrong ${i}`).expect(401);
    gw.advanceClock(15 * 60_000);
    await signIn(gw, 'doctor1', 'wrong again').expect(401);
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
  });

  it('locks unknown user names the same way, so the answers do not tell which exist', async () => {
    for (let i = 1; i <= 4; i++) await signIn(gw, 'nobody', `wrong ${i}`).expect(401);
    expect((await signIn(gw, 'nobody', 'wrong 5').expect(429)).body.error.code).to.equal('ACCOUNT_LOCKED');
  });

  it('does not let parallel guesses past the limit while the slow hash runs: 8 at once, 5 checked, all refused', async () => {
    const identities = gw.deps.identities;
    let checked = 0;
    const passwordHashOf = identities.passwordHashOf.bind(identities);
    identities.passwordHashOf = (name) => {
      checked++;
      return passwordHashOf(name);
    };
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(gw, 'doctor1', `guess ${i}`)));
    expect(checked).to.equal(5);
    expect(answers.map((r) => r.body.error.code)).to.deep.equal(Array(8).fill('ACCOUNT_LOCKED'));
  });

  it('serves every route with the cookie as the signed-in user, and unsafe methods only with X-Requested-With (CSRF)', async () => {
    const cookie = await cookieOf(gw, 'hospitaladmin');
    await request(gw.app).get('/probes/p1').set('Cookie', cookie).expect(200);
    const refused = await request(gw.app).post('/probes').set('Cookie', cookie).send({ id: 'p2', note: 'n' }).expect(403);
    expect(refused.body.error.code).to.equal('CSRF');
    await request(gw.app).post('/probes').set('Cookie', cookie).set('X-Requested-With', 'XMLHttpRequest').send({ id: 'p2', note: 'n' }).expect(403);
    expect(gw.ledger.callsOf(ProbeApi.Write)).to.deep.equal([]);
    await request(gw.app).post('/probes').set('Cookie', cookie).set(...CSRF).send({ id: 'p2', note: 'n' }).expect(201);
    expect(gw.ledger.calls.map((c) => c.user)).to.deep.equal(['hospitaladmin', 'hospitaladmin']);
    // Roles apply as to a token: the doctor's session may not write probes.
    const doctor = await cookieOf(gw, 'doctor1');
    expect((await request(gw.app).post('/probes').set('Cookie', doctor).set(...CSRF).send({ id: 'p3', note: 'n' }).expect(403)).body.error.code).to.equal('FORBIDDEN');
  });

  it('keeps bearer tokens working, unchanged and without the CSRF header; a bearer header decides over a cookie', async () => {
    await request(gw.app).post('/probes').set(...bearerOf(gw.tokens.admin)).send({ id: 'p2', note: 'n' }).expect(201);
    const cookie = await cookieOf(gw, 'hospitaladmin');
    const res = await request(gw.app).get('/probes/p1').set('Cookie', cookie).set(...bearerOf('rx_not-a-real-token')).expect(401);
    expect(res.body.error.message).to.equal('unknown or revoked token');
  });

  it('streams GET /events with the cookie', async () => {
    gw.ledger.events = [{ name: 'ProbeWritten', payload: Buffer.from('{"id":"p1"}'), txId: 'a'.repeat(64), blockNumber: 5n }];
    const cookie = await cookieOf(gw, 'hospitaladmin');
    const res = await request(gw.app).get('/events').set('Cookie', cookie).expect(200);
    expect(res.headers['content-type']).to.match(/^text\/event-stream/);
    expect(res.text).to.contain('event: ProbeWritten');
  });

  it('ends an event stream opened with the cookie when the session ends (sign-out here), while a token’s stream runs on', async () => {
    // A stream that stays open until the gateway closes it, as a peer's does.
    let closed = 0;
    gw.ledger.chaincodeEvents = async () => {
      let release = () => undefined as void;
      const ended = new Promise<void>((resolve) => (release = resolve));
      return {
        close: () => {
          closed++;
          release();
        },
        [Symbol.asyncIterator]: () => ({ next: async () => ended.then(() => ({ done: true as const, value: undefined })) }),
      };
    };
    const cookie = await cookieOf(gw, 'hospitaladmin');
    const server = gw.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const open = (headers: Record<string, string>) =>
      new Promise<{ status: number; ended: Promise<number> }>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/events', headers }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, ended: new Promise((done) => res.on('end', () => done(Date.now()))) });
        }).on('error', reject);
      });
    try {
      const byCookie = await open({ Cookie: cookie });
      const byToken = await open({ Authorization: `Bearer ${gw.tokens.admin}` });
      expect([byCookie.status, byToken.status]).to.deep.equal([200, 200]);
      const signedOutAt = Date.now();
      await request(gw.app).delete('/sessions/current').set('Cookie', cookie).set(...CSRF).expect(204);
      expect((await byCookie.ended) - signedOutAt).to.be.below(2_500);
      expect(closed).to.equal(1);
      const tokenStillOpen = await Promise.race([byToken.ended.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 1_500))]);
      expect(tokenStillOpen).to.equal(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('signs out: 204, the cookie cleared, and the session refused from then on (401 UNAUTHENTICATED)', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    const csrf = await request(gw.app).delete('/sessions/current').set('Cookie', cookie).expect(403);
    expect(csrf.body.error.code).to.equal('CSRF');
    const res = await request(gw.app).delete('/sessions/current').set('Cookie', cookie).set(...CSRF).expect(204);
    expect(res.text).to.equal('');
    expect((res.headers['set-cookie'] as unknown as string[])[0]).to.match(/^rxchain_session=; Max-Age=0; .*HttpOnly; SameSite=Strict; Path=\//);
    for (const path of ['/sessions/current', '/probes/p1']) {
      const after = await request(gw.app).get(path).set('Cookie', cookie).expect(401);
      expect(after.body.error.code).to.equal('UNAUTHENTICATED');
    }
    await request(gw.app).delete('/sessions/current').set('Cookie', cookie).set(...CSRF).expect(401);
  });

  it('never writes a password or a session id to the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
    const deps = { ...gw.deps, logger };
    const app = createApp(deps, unitRoutes(deps));
    await request(app).post('/sessions').send({ username: 'doctor1', password: 'a wrong password here' }).expect(401);
    const res = await request(app).post('/sessions').send({ username: 'doctor1', password: PASSWORDS.doctor1 }).expect(201);
    const id = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0].split('=')[1];
    await request(app).get('/sessions/current').set('Cookie', `rxchain_session=${id}`).expect(200);
    const log = lines.join('');
    expect(log).to.contain('signed in');
    for (const secret of ['a wrong password here', PASSWORDS.doctor1, id]) expect(log).not.to.contain(secret);
  });

  it('refuses a made-up session id like a signed-out one', async () => {
    const res = await request(gw.app).get('/probes/p1').set('Cookie', `rxchain_session=${'A'.repeat(43)}`).expect(401);
    expect(res.body.error.code).to.equal('UNAUTHENTICATED');
  });
});

describe('gateway: session expiry', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await gatewayWithPasswords({ RXCHAIN_SESSION_IDLE_SECONDS: '60', RXCHAIN_SESSION_MAX_SECONDS: '300' });
    gw.ledger.answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never);
  });
  afterEach(() => gw.close());

  const current = (cookie: string) => request(gw.app).get('/sessions/current').set('Cookie', cookie);

  it('ends a session idle for the idle timeout, while each request restarts the timer: 401 SESSION_EXPIRED', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    gw.advanceClock(59_000);
    await request(gw.app).get('/probes/p1').set('Cookie', cookie).expect(200);
    gw.advanceClock(59_000);
    const before = await current(cookie).expect(200);
    expect(Date.parse(before.body.session.idleExpiresAt as string) - (Date.now() + 118_000)).to.be.within(55_000, 60_000);
    gw.advanceClock(60_000);
    for (const res of [await current(cookie).expect(401), await request(gw.app).get('/probes/p1').set('Cookie', cookie).expect(401)]) {
      expect(res.body.error).to.include({ code: 'SESSION_EXPIRED', message: 'your session expired; sign in again' });
    }
  });

  it('ends a session at the absolute limit however busy it is; the idle end never passes it', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    for (let t = 50; t < 300; t += 50) {
      gw.advanceClock(50_000);
      const res = await current(cookie).expect(200);
      expect(Date.parse(res.body.session.idleExpiresAt as string)).to.be.at.most(Date.parse(res.body.session.expiresAt as string));
    }
    gw.advanceClock(50_000);
    expect((await current(cookie).expect(401)).body.error.code).to.equal('SESSION_EXPIRED');
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(201);
  });
});

describe('gateway: enrolment with a password', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
  });
  afterEach(() => gw.close());

  it('refuses a password under 12 or over 128 characters, or containing the user name, field by field, before asking the CA', async () => {
    const enrol = (password: string) => request(gw.app).post('/admin/users').set(...bearerOf(gw.tokens.admin)).send({ name: 'doctor9', role: 'doctor', password });
    for (const password of ['short', 'x'.repeat(129)]) {
      const res = await enrol(password).expect(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['body.password']);
    }
    const named = await enrol('my name is Doctor9 ok').expect(400);
    expect(named.body.error.details).to.deep.equal([{ field: 'body.password', message: 'must not contain the user name' }]);
    expect(gw.deps.identities.user('doctor9')).to.equal(undefined);
  });
});

describe('gateway: an org admin manages sign-in passwords', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await gatewayWithPasswords();
    gw.ledger.answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never);
  });
  afterEach(() => gw.close());

  const admin = () => bearerOf(gw.tokens.admin);

  it('resets a user’s password: the old one stops working and the user’s open sessions end', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    const res = await request(gw.app).post('/admin/users/doctor1/password').set(...admin()).send({ password: 'a brand new secret' }).expect(200);
    expect(res.body).to.deep.equal({ user: 'doctor1', sessionsEnded: 1 });
    expect((await request(gw.app).get('/sessions/current').set('Cookie', cookie).expect(401)).body.error.code).to.equal('UNAUTHENTICATED');
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(401);
    await signIn(gw, 'doctor1', 'a brand new secret').expect(201);
    // Another user's session is untouched.
    const other = await cookieOf(gw, 'hospitaladmin');
    await request(gw.app).post('/admin/users/doctor1/password').set(...admin()).send({ password: 'yet another secret' }).expect(200);
    await request(gw.app).get('/sessions/current').set('Cookie', other).expect(200);
  });

  it('gives a user who had none a password, checked like at enrolment', async () => {
    await signIn(gw, 'doctor1', 'x').expect(401);
    const weak = await request(gw.app).post('/admin/users/doctor1/password').set(...admin()).send({ password: 'short' }).expect(400);
    expect(weak.body.error.details.map((d: { field: string }) => d.field)).to.deep.equal(['body.password']);
    const named = await request(gw.app).post('/admin/users/doctor1/password').set(...admin()).send({ password: 'i am doctor1 really' }).expect(400);
    expect(named.body.error.details).to.deep.equal([{ field: 'body.password', message: 'must not contain the user name' }]);
  });

  it('removes a password: no more sign-in, sessions ended, tokens untouched', async () => {
    const cookie = await cookieOf(gw, 'doctor1');
    const res = await request(gw.app).delete('/admin/users/doctor1/password').set(...admin()).expect(200);
    expect(res.body).to.deep.equal({ user: 'doctor1', removed: true, sessionsEnded: 1 });
    await request(gw.app).get('/probes/p1').set('Cookie', cookie).expect(401);
    await signIn(gw, 'doctor1', PASSWORDS.doctor1).expect(401);
    await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(200);
    expect((await request(gw.app).delete('/admin/users/doctor1/password').set(...admin()).expect(200)).body.removed).to.equal(false);
  });

  it('only for users of the admin’s own org, and only admins', async () => {
    await request(gw.app).post('/admin/users/pharmacist1/password').set(...admin()).send({ password: 'a brand new secret' }).expect(403);
    await request(gw.app).delete('/admin/users/pharmacist1/password').set(...admin()).expect(403);
    await request(gw.app).post('/admin/users/nobody/password').set(...admin()).send({ password: 'a brand new secret' }).expect(404);
    await request(gw.app).post('/admin/users/hospitaladmin/password').set(...bearerOf(gw.tokens.doctor)).send({ password: 'a brand new secret' }).expect(403);
  });
});

describe('gateway: the session routes in the OpenAPI document', () => {
  it('documents sign-in as public with its body, the session answer and the error codes; the cookie as a security scheme', async () => {
    const gw = testGateway(unitRoutes);
    try {
      const doc = (await request(gw.app).get('/openapi.json').expect(200)).body;
      const signInOp = doc.paths['/sessions'].post;
      expect(signInOp.security).to.deep.equal([]);
      expect(Object.keys(signInOp.requestBody.content['application/json'].schema.properties)).to.deep.equal(['username', 'password']);
      expect(signInOp.responses['201'].content['application/json'].schema.properties.session.required).to.include.members(['username', 'role', 'expiresAt', 'idleExpiresAt']);
      expect(signInOp.responses['401'].content['application/json'].schema.properties.error.properties.code).to.deep.equal({ const: 'INVALID_CREDENTIALS', type: 'string' });
      expect(Object.keys(signInOp.responses)).to.include.members(['201', '400', '401', '429']);
      const current = doc.paths['/sessions/current'];
      expect(current.get.responses['401'].description).to.contain('SESSION_EXPIRED');
      expect(current.delete.responses).to.include.keys('204', '401', '403');
      expect(current.get.security).to.deep.equal([{ bearer: [] }, { session: [] }]);
      expect(doc.components.securitySchemes.session).to.deep.equal({ type: 'apiKey', in: 'cookie', name: 'rxchain_session' });
    } finally {
      gw.close();
    }
  });
});
