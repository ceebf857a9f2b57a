import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { KIND_LABEL, loadRunDefinition } from '../../scripts/network/definition';
import { bearer, gatewayApp, runDir, uniqueId } from '../support/network';

/** Each org's subject names as the network definition gives them (the one place they live). */
function topologyNames(): Record<string, { names: string[]; kind: string }> {
  return Object.fromEntries(
    loadRunDefinition(runDir).organisations.map((o) => [
      o.key,
      { names: ['C=CN', `ST=${o.region.name}`, `L=${o.region.name}`, `O=${o.name}`], kind: KIND_LABEL[o.kind] },
    ]),
  );
}

const cert = (file: string) => new X509Certificate(fs.readFileSync(file));
/** C, ST, L and O of a distinguished name as Node prints it (one name=value a line). */
const orgPart = (dn: string) => dn.split('\n').filter((n) => /^(C|ST|L|O)=/.test(n));

function certificatesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /(\.pem|\.crt)$/.test(e.name) && !/key/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => fs.readFileSync(f, 'utf8').includes('BEGIN CERTIFICATE'));
}

describe('certificate names: every certificate says which org issued it and whose it is', () => {
  const orgs = topologyNames();

  it('each org’s CA certificate names the org: C=CN, its region, its name, its kind', () => {
    for (const [org, { names, kind }] of Object.entries(orgs)) {
      const ca = cert(path.join(runDir, 'orgs', org, 'ca', 'ca-cert.pem'));
      expect(ca.subject.split('\n'), org).to.deep.equal([...names, `OU=${kind}`, `CN=ca.${org}.rxchain.local`]);
      expect(ca.issuer, org).to.equal(ca.subject);
    }
    // Spelled out once, so that the topology and this test cannot agree on a wrong name.
    expect(cert(path.join(runDir, 'orgs', 'hospital', 'ca', 'ca-cert.pem')).subject.split('\n')).to.deep.equal(
      ['C=CN', 'ST=Shanghai', 'L=Shanghai', 'O=rxchain Shanghai Hospital', 'OU=Hospital', 'CN=ca.hospital.rxchain.local'],
    );
    expect(orgs.insurerbj.names).to.include('ST=Beijing');
  });

  it('no certificate of the network carries Fabric’s sample names, and each is issued by its org’s CA to its org', () => {
    for (const org of Object.keys(orgs)) {
      const caSubject = cert(path.join(runDir, 'orgs', org, 'ca', 'ca-cert.pem')).subject;
      const files = certificatesUnder(path.join(runDir, 'orgs', org));
      expect(files.length, org).to.be.greaterThan(5);
      for (const file of files) {
        const c = cert(file);
        expect(`${c.subject}\n${c.issuer}`, file).not.to.match(/Hyperledger|North Carolina|C=US/);
        expect(c.issuer, file).to.equal(caSubject);
        expect(orgPart(c.subject), file).to.deep.equal(orgs[org].names);
      }
    }
  });

  it('a user enrolled through the gateway (POST /admin/users) gets the same names', async () => {
    const name = uniqueId('certnames').toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40);
    await request(gatewayApp()).post('/admin/users').set(...bearer('pharmacyadmin'))
      .send({ name, role: 'pharmacist', region: '310000', institutionId: 'P310001', licenceId: 'PHA-310-0099' })
      .expect(201);
    const store = JSON.parse(fs.readFileSync(path.join(runDir, 'gateway', 'identities.json'), 'utf8')) as { users: Record<string, { certPath: string }> };
    const c = cert(store.users[name].certPath);
    expect(c.issuer).to.equal(cert(path.join(runDir, 'orgs', 'pharmacy', 'ca', 'ca-cert.pem')).subject);
    expect(orgPart(c.subject)).to.deep.equal(orgs.pharmacy.names);
    expect(c.subject).to.include(`CN=${name}`);
  });
});
