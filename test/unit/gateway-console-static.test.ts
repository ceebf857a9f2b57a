import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

describe('gateway: serving the built console', () => {
  let dist: string;
  let gw: TestGateway;
  beforeEach(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-console-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    gw = testGateway(unitRoutes, { RXCHAIN_CONSOLE_DIR: dist });
  });
  afterEach(() => {
    gw.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at /, revalidated, with a CSP allowing only its own scripts, and the other helmet headers', async () => {
    const res = await request(gw.app).get('/').expect(200).expect('Content-Type', /html/);
    expect(res.text).to.equal(INDEX);
    expect(res.headers['cache-control']).to.equal('no-cache');
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives['script-src']).to.deep.equal(["'self'"]);
    expect(directives['default-src']).to.deep.equal(["'self'"]);
    expect(directives['connect-src']).to.deep.equal(["'self'"]);
    expect(directives['object-src']).to.deep.equal(["'none'"]);
    expect(directives['frame-ancestors']).to.deep.equal(["'none'"]);
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['strict-transport-security']).to.be.a('string');
  });

  it('answers every client-side route under /app/ with index.html', async () => {
    for (const route of ['/app', '/app/', '/app/prescriptions/RX-1', '/app/investigator/trace?claim=C1']) {
      const res = await request(gw.app).get(route).expect(200);
      expect(res.text, route).to.equal(INDEX);
    }
  });

  it('serves the hashed assets with a year’s immutable cache, other top-level files of the build, and 404 for a missing one', async () => {
    const res = await request(gw.app).get('/assets/index-abc123.js').expect(200).expect('Content-Type', /javascript/);
    expect(res.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).to.contain("script-src 'self'");
    await request(gw.app).get('/favicon.svg').expect(200).expect('Content-Type', /svg/);
    const missing = await request(gw.app).get('/assets/gone-000.js').expect(404);
    expect(missing.body.error.code).to.equal('NOT_FOUND');
  });

  it('leaves the API where it is: routes, the OpenAPI document, the docs and the 404 of an unknown path', async () => {
    expect((await request(gw.app).get('/probes/p1').expect(401)).body.error.code).to.equal('UNAUTHENTICATED');
    await request(gw.app).get('/openapi.json').expect(200).expect('Content-Type', /json/);
    await request(gw.app).get('/docs').expect(200).expect('Content-Type', /html/);
    expect((await request(gw.app).get('/nothing-here').expect(404)).body.error.code).to.equal('NOT_FOUND');
    await request(gw.app).get('/index.html').expect(404);
  });

  it('says how to build the console while it is not built, and serves it once it is, without a restart', async () => {
    fs.rmSync(path.join(dist, 'index.html'));
    const page = await request(gw.app).get('/').expect(200).expect('Content-Type', /html/);
    expect(page.text).to.contain('The console is not built');
    await request(gw.app).get('/app/prescriptions').expect(404);
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    expect((await request(gw.app).get('/app/prescriptions').expect(200)).text).to.equal(INDEX);
  });
});
