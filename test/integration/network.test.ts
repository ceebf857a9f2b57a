import * as grpc from '@grpc/grpc-js';
import { StatusCode } from '@hyperledger/fabric-gateway';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { contractClient } from '../../gateway-api/src/fabric/contract-client';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { wireArgs } from '../../gateway-api/src/fabric/wire';
import { bearer, gatewayApp, gatewayDeps, profile, rawGateway, runDir, uniqueId, userOf } from '../support/network';

describe('the Fabric network (integration)', () => {
  it('reports the ledger height it reads through Fabric on /health', async () => {
    const res = await request(gatewayApp()).get('/health').expect(200);
    expect(res.body.status).to.equal('ok');
    expect(Number(res.body.ledger.height)).to.be.greaterThan(1);
  });

  it('commits a write through the gateway, readable from another org’s peer and in key history', async () => {
    const id = uniqueId('probe');
    const written = await request(gatewayApp())
      .post('/probes')
      .set(...bearer('hospitaladmin'))
      .send({ id, note: 'hello from the hospital' })
      .expect(201);
    expect(written.body.txId).to.match(/^[0-9a-f]{64}$/);
    expect(Number(written.body.blockNumber)).to.be.greaterThan(0);
    expect(written.body.record.written.by.mspId).to.equal('HospitalMSP');

    // The pharmacist's requests go to the pharmacy org's own peer.
    const read = await request(gatewayApp()).get(`/probes/${id}`).set(...bearer('pharmacist1')).expect(200);
    expect(read.body.note).to.equal('hello from the hospital');
    expect(read.body.written.txId).to.equal(written.body.txId);

    const history = await request(gatewayApp()).get(`/records/probe/${id}/history`).set(...bearer('investigator1')).expect(200);
    expect(history.body).to.have.length(1);
    expect(history.body[0].txId).to.equal(written.body.txId);
    expect(history.body[0].value.written.by.id).to.contain('CN=hospitaladmin');
  });

  it('invalidates a transaction endorsed by one org only', async () => {
    const probes = contractClient(gatewayDeps().ledger, ProbeApi);
    let failure: unknown;
    try {
      await probes.Write(userOf('hospitaladmin'), { id: uniqueId('single'), note: 'one org' }, { endorsingOrganizations: ['HospitalMSP'] });
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(LedgerError);
    expect((failure as LedgerError).failure).to.deep.include({ kind: 'commit-rejected', validationCode: StatusCode.ENDORSEMENT_POLICY_FAILURE });
  });

  it('refuses a client whose certificate was not issued by the org’s CA', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rogue-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/C=CN/O=HospitalMSP/OU=client/CN=rogue-doctor'], { stdio: 'ignore' });
    const { gateway, client } = rawGateway('hospital',
      { mspId: 'HospitalMSP', credentials: fs.readFileSync(path.join(dir, 'cert.pem')) },
      fs.readFileSync(path.join(dir, 'key.pem')));
    try {
      const contract = gateway.getNetwork(profile().channel).getContract(profile().chaincode);
      let failure: Error | undefined;
      try {
        await contract.evaluateTransaction(ProbeApi.Read.id, wireArgs(ProbeApi.Read, { id: 'anything' }));
      } catch (err) {
        failure = err as Error;
      }
      expect(failure, 'a rogue certificate must be refused').to.be.instanceOf(Error);
      const text = [failure?.message, ...((failure as { details?: { message: string }[] }).details ?? []).map((d) => d.message)].join(' ');
      expect(text).to.match(/access denied|creator|certificate|verify|unknown authority/i);
      expect(text).not.to.match(/NOT_FOUND/);
    } finally {
      gateway.close();
      client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires TLS: a plaintext gRPC client cannot reach a peer', async () => {
    const user = userOf('doctor1');
    const { gateway, client } = rawGateway('hospital',
      { mspId: user.mspId, credentials: fs.readFileSync(user.certPath) },
      fs.readFileSync(user.keyPath), grpc.credentials.createInsecure());
    try {
      const contract = gateway.getNetwork(profile().channel).getContract(profile().chaincode);
      let failure: { code?: number } | undefined;
      try {
        await contract.evaluateTransaction(ProbeApi.Read.id, wireArgs(ProbeApi.Read, { id: 'anything' }));
      } catch (err) {
        failure = err as { code?: number };
      }
      expect(failure?.code).to.be.oneOf([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]);
    } finally {
      gateway.close();
      client.close();
    }
  });

  it('redeploys the chaincode at sequence + 1 without taking the network down', async function () {
    this.timeout(180_000);
    const id = uniqueId('before-upgrade');
    await request(gatewayApp()).post('/probes').set(...bearer('hospitaladmin')).send({ id, note: 'kept' }).expect(201);
    const current = () => Number(/CC_SEQUENCE=(\d+)/.exec(fs.readFileSync(path.join(runDir, 'chaincode', 'current'), 'utf8'))?.[1]);
    const before = current();
    execFileSync('bash', [path.resolve(__dirname, '..', '..', 'scripts', 'deploy-chaincode.sh')], { stdio: 'ignore', env: process.env });
    expect(current()).to.equal(before + 1);
    const read = await request(gatewayApp()).get(`/probes/${id}`).set(...bearer('doctor1')).expect(200);
    expect(read.body.note).to.equal('kept');
  });
});
