import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { PrescriptionApi, ProbeApi } from '@rxchain/chaincode/dist/shared';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { contractClient } from '../../gateway-api/src/fabric/contract-client';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { wireArgs } from '../../gateway-api/src/fabric/wire';
import { isTxRoute } from '../../gateway-api/src/http/route';
import { requestSchemasOf } from '../../gateway-api/src/http/route-schemas';
import { allRoutes } from '../../gateway-api/src/routes';
import { bearer, gatewayApp, gatewayDeps, profile, rawGateway, runDir, uniqueId, userOf, type DemoUser } from '../support/network';

let patientNo = 0;
const patient = () => ({ idType: 'PASSPORT', idNumber: `A${Date.now().toString().slice(-8)}${++patientNo}`, name: 'Abuse Test' });

async function issue(quantity: number): Promise<string> {
  const res = await request(gatewayApp())
    .post('/prescriptions')
    .set(...bearer('doctor1'))
    .send({ patient: patient(), kind: 'ORDINARY', items: [{ drugCode: 'XA10BA02', quantity, dose: '500mg bid', days: 7 }], diagnosisCodes: ['E11.9'] })
    .expect(201);
  return res.body.prescription.rxId as string;
}

/** The hospital CA's signing key: the keystore key whose public half is in ca-cert.pem. */
function hospitalCaKey(): string {
  const caDir = path.join(runDir, 'orgs', 'hospital', 'ca');
  const caPub = execFileSync('openssl', ['x509', '-in', path.join(caDir, 'ca-cert.pem'), '-pubkey', '-noout']).toString();
  const keystore = path.join(caDir, 'msp', 'keystore');
  const key = fs.readdirSync(keystore).filter((f) => f.endsWith('_sk')).map((f) => path.join(keystore, f))
    .find((f) => execFileSync('openssl', ['pkey', '-in', f, '-pubout']).toString() === caPub);
  if (!key) throw new Error('hospital CA key not found');
  return key;
}

describe('abuse (integration)', () => {
  it('200 concurrent dispense attempts from two pharmacies never exceed the prescribed quantity', async function () {
    this.timeout(300_000);
    const prescribed = 50;
    const rxId = await issue(prescribed);
    const attempts = Array.from({ length: 200 }, (_, i) =>
      request(gatewayApp())
        .post(`/prescriptions/${rxId}/dispensations`)
        .set(...bearer(i % 2 === 0 ? 'pharmacist1' : 'pharmacist2'))
        .send({ items: [{ drugCode: 'XA10BA02', quantity: 1 }], feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 5, quantity: 1, amountFen: 5 }] }),
    );
    const results = await Promise.all(attempts);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500), 'no server errors').to.deep.equal([]);
    expect(statuses.filter((s) => s !== 201 && s !== 409), 'only dispensed or lost the race').to.deep.equal([]);
    const acknowledged = statuses.filter((s) => s === 201).length;
    const verification = await request(gatewayApp()).get(`/prescriptions/${rxId}/verification`).set(...bearer('pharmacist1')).expect(200);
    const item = verification.body.items[0];
    expect(item.remaining).to.be.at.least(0);
    expect(item.dispensed).to.equal(acknowledged);
    expect(item.dispensed + item.remaining).to.equal(prescribed);
    expect(verification.body.dispenses).to.have.length(acknowledged);
  });

  it('invalidates a domain write endorsed by a single org', async () => {
    const rxId = await issue(5);
    let failure: unknown;
    try {
      await contractClient(gatewayDeps().ledger, PrescriptionApi).Dispense(userOf('pharmacist1'), {
        rxId, dispenseId: uniqueId('forged'), items: [{ drugCode: 'XA10BA02', quantity: 5 }], feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 5, quantity: 5, amountFen: 25 }],
      }, { endorsingOrganizations: ['PharmacyMSP'] });
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(LedgerError);
    expect((failure as LedgerError).failure).to.deep.include({ kind: 'commit-rejected', validationCode: StatusCode.ENDORSEMENT_POLICY_FAILURE });
    const verification = await request(gatewayApp()).get(`/prescriptions/${rxId}/verification`).set(...bearer('pharmacist1')).expect(200);
    expect(verification.body.items[0].remaining).to.equal(5);
  });

  it('refuses an expired certificate signed by the org’s own CA', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'expired-'));
    try {
      const caDir = path.join(runDir, 'orgs', 'hospital', 'ca');
      fs.writeFileSync(path.join(dir, 'index.txt'), '');
      fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
      fs.writeFileSync(path.join(dir, 'ca.cnf'), [
        '[ca]', 'default_ca = ca_expired', '[ca_expired]', `dir = ${dir}`, 'database = $dir/index.txt', 'serial = $dir/serial',
        'new_certs_dir = $dir', 'default_md = sha256', 'policy = any', 'copy_extensions = none', 'unique_subject = no',
        '[any]', 'commonName = supplied', 'organizationName = optional', 'organizationalUnitName = optional',
      ].join('\n'));
      execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'),
        '-out', path.join(dir, 'req.csr'), '-subj', '/O=HospitalMSP/OU=client/CN=expired-doctor'], { stdio: 'ignore' });
      execFileSync('openssl', ['ca', '-batch', '-config', path.join(dir, 'ca.cnf'), '-cert', path.join(caDir, 'ca-cert.pem'), '-keyfile', hospitalCaKey(),
        '-startdate', '20240101000000Z', '-enddate', '20240102000000Z', '-in', path.join(dir, 'req.csr'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      const { gateway, client } = rawGateway('hospital', { mspId: 'HospitalMSP', credentials: fs.readFileSync(path.join(dir, 'cert.pem')) }, fs.readFileSync(path.join(dir, 'key.pem')));
      try {
        const contract = gateway.getNetwork(profile().channel).getContract(profile().chaincode);
        let failure: Error | undefined;
        try {
          await contract.evaluateTransaction(ProbeApi.Read.id, wireArgs(ProbeApi.Read, { id: 'anything' }));
        } catch (err) {
          failure = err as Error;
        }
        expect(failure, 'an expired certificate must be refused').to.be.instanceOf(Error);
        const text = [failure?.message, ...((failure as { details?: { message: string }[] }).details ?? []).map((d) => d.message)].join(' ');
        expect(text).to.match(/expired|access denied|creator|certificate/i);
      } finally {
        gateway.close();
        client.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the TLS handshake when the client trusts the wrong CA for a peer', async () => {
    const user = userOf('doctor1');
    const wrongRoot = fs.readFileSync(profile().orgs.pharmacy.tlsRootCert);
    const { gateway, client } = rawGateway('hospital', { mspId: user.mspId, credentials: fs.readFileSync(user.certPath) }, fs.readFileSync(user.keyPath), grpc.credentials.createSsl(wrongRoot));
    try {
      let failure: { code?: number } | undefined;
      try {
        await gateway.getNetwork(profile().channel).getContract(profile().chaincode).evaluateTransaction(ProbeApi.Read.id, wireArgs(ProbeApi.Read, { id: 'anything' }));
      } catch (err) {
        failure = err as { code?: number };
      }
      expect(failure?.code).to.equal(grpc.status.UNAVAILABLE);
    } finally {
      gateway.close();
      client.close();
    }
  });

  it('answers malformed requests to every route with 4xx only, and changes no state', async function () {
    this.timeout(300_000);
    const { ledger } = gatewayDeps();
    const before = await ledger.chainHeight(userOf('hospitaladmin'));
    const junkValues: unknown[] = [null, -1, 'x'.repeat(5000), '../../etc/passwd', '处方\u0000', { $gt: '' }, [1, 2], true, 2 ** 53 + 2];
    const roleUser: Record<string, DemoUser> = { admin: 'hospitaladmin', doctor: 'doctor1', pharmacist: 'pharmacist1', insurer: 'insurer-sh', investigator: 'investigator1' };
    let sent = 0;
    for (const route of allRoutes(gatewayDeps())) {
      if (!isTxRoute(route) && route.stream) continue;
      const { roles, params, query, body: bodySchema } = requestSchemasOf(route);
      // Signing in takes no credentials: its junk goes without any.
      const user: DemoUser | undefined = roleUser[roles[0]];
      const pathWith = (value: string) => route.path.replace(/:([A-Za-z]+)/g, () => encodeURIComponent(value));
      // An empty object is junk only where a field is required; elsewhere it is a valid request.
      const bodies: unknown[] = bodySchema ? [...junkValues, ...(bodySchema.required?.length ? [{}] : []), { unexpected: 1 }] : [undefined];
      let paths: string[];
      if (Object.keys(params).length > 0) paths = ['\u0000', 'a'.repeat(300), '../etc', 'ÿ'].map(pathWith);
      else if (bodySchema) paths = [route.path];
      else if (query) paths = [`${route.path}?bogus=1&pageSize=-5`];
      else continue; // nothing a caller could get wrong

      for (const p of paths) {
        for (const body of bodies) {
          const agent = request(gatewayApp());
          const anonymous = route.method === 'get' ? agent.get(p) : route.method === 'post' ? agent.post(p) : agent.delete(p);
          const req = user ? anonymous.set(...bearer(user)) : anonymous;
          const res = body === undefined ? await req : await req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          sent++;
          expect(res.status, `${route.method.toUpperCase()} ${p} ${JSON.stringify(body)?.slice(0, 40)} → ${JSON.stringify(res.body).slice(0, 200)}`).to.be.within(400, 499);
        }
      }
    }
    const after = await ledger.chainHeight(userOf('hospitaladmin'));
    expect(after.height, `no block from ${sent} malformed requests`).to.equal(before.height);
  });
});
