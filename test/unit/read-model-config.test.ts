import { expect } from 'chai';
import path from 'node:path';
import { loadReadModelConfig } from '../../gateway-api/src/read-model/config';

describe('read model: configuration', () => {
  it('is on by default, with PGlite under the run folder', () => {
    const config = loadReadModelConfig({ RXCHAIN_RUN_DIR: '/srv/rx/.run' });
    expect(config).to.deep.equal({ enabled: true, database: { kind: 'pglite', dataDir: path.join('/srv/rx/.run', 'read-model', 'pgdata') }, serviceMsp: 'RegulatorMSP' });
  });

  it('uses a PostgreSQL server from RXCHAIN_DATABASE_URL, and is turned off by RXCHAIN_READ_MODEL=off', () => {
    expect(loadReadModelConfig({ RXCHAIN_DATABASE_URL: 'postgres://rx@127.0.0.1:5432/rx' }).database).to.deep.equal({ kind: 'postgres', url: 'postgres://rx@127.0.0.1:5432/rx' });
    expect(loadReadModelConfig({ RXCHAIN_READ_MODEL: 'off' }).enabled).to.equal(false);
    expect(loadReadModelConfig({ RXCHAIN_READ_MODEL_DIR: '/data/pg', RXCHAIN_READ_MODEL_USER: 'auditor' })).to.include({ serviceUser: 'auditor' });
    expect(loadReadModelConfig({ RXCHAIN_READ_MODEL_DIR: '/data/pg' }).database).to.deep.equal({ kind: 'pglite', dataDir: '/data/pg' });
  });

  it('refuses a malformed switch or URL at start-up', () => {
    expect(() => loadReadModelConfig({ RXCHAIN_READ_MODEL: 'maybe' })).to.throw(/RXCHAIN_READ_MODEL must be on or off/);
    expect(() => loadReadModelConfig({ RXCHAIN_DATABASE_URL: 'mysql://x' })).to.throw(/postgres:\/\//);
  });
});
