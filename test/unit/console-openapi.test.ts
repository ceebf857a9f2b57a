import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPENAPI_JSON, SCHEMA_TS, gatewayOpenApiJson } from '../../console/scripts/openapi-document';

const root = path.resolve(__dirname, '..', '..');

describe('console: the typed API client', () => {
  it('is generated from the gateway’s current OpenAPI document (regenerate: npm run openapi -w console)', function () {
    this.timeout(60_000);
    expect(fs.readFileSync(OPENAPI_JSON, 'utf8'), 'console/src/api/openapi.json is stale').to.equal(gatewayOpenApiJson());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-schema-'));
    try {
      const fresh = path.join(dir, 'schema.d.ts');
      execFileSync(path.join(root, 'node_modules', '.bin', 'openapi-typescript'), [OPENAPI_JSON, '-o', fresh], { stdio: 'pipe' });
      expect(fs.readFileSync(SCHEMA_TS, 'utf8'), 'console/src/api/schema.d.ts is stale').to.equal(fs.readFileSync(fresh, 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
