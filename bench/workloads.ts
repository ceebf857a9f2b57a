import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { connect, hash, signers, type Contract } from '@hyperledger/fabric-gateway';
import * as grpc from '@grpc/grpc-js';
import type { Workload } from './driver';
import { RestClient } from './clients';
import { domainWorkloads } from './domain-workloads';
import { benchRunDir } from './network-settings';

const gatewayDir = path.join(benchRunDir, 'gateway');
const baseUrl = process.env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:13000';

interface Profile { channel: string; chaincode: string; orgs: Record<string, { mspId: string; peerEndpoint: string; peerHostAlias: string; tlsRootCert: string }> }
interface Users { users: Record<string, { org: string; mspId: string; certPath: string; keyPath: string }> }

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(gatewayDir, file), 'utf8')) as T;

/** A direct fabric-gateway contract for a demo user, bypassing the REST layer. */
function directContract(user: string): Contract {
  const profile = read<Profile>('network.json');
  const u = read<Users>('identities.json').users[user];
  const o = profile.orgs[u.org];
  const client = new grpc.Client(o.peerEndpoint, grpc.credentials.createSsl(fs.readFileSync(o.tlsRootCert)), {
    'grpc.ssl_target_name_override': o.peerHostAlias,
  });
  const gateway = connect({
    client,
    identity: { mspId: u.mspId, credentials: fs.readFileSync(u.certPath) },
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(u.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  return gateway.getNetwork(profile.channel).getContract(profile.chaincode);
}

export function token(user: string): string {
  return read<Record<string, string>>('demo-tokens.json')[user];
}

export const rest = new RestClient(baseUrl, 64);
const runTag = Date.now().toString(36);

/** All workloads, baseline first. Domain workloads are defined in their own modules. */
export async function workloads(concurrency: number, traceSizes: number[]): Promise<Workload[]> {
  const admin = directContract('hospitaladmin');
  const probeId = `bench-read-${runTag}`;
  return [
    {
      name: 'baseline',
      description: 'blind write of one new key per tx (Probe:Write) via fabric-gateway, MAJORITY endorsement',
      prepare: async () => async (worker, i) => {
        await admin.submitTransaction('Probe:Write', `bench-${runTag}-${worker}-${i}`, 'x');
      },
    },
    {
      name: 'read-rest',
      description: 'read one record through the REST gateway (GET /probes/:id)',
      prepare: async () => {
        await admin.submitTransaction('Probe:Write', probeId, 'read me');
        const t = token('doctor1');
        return async () => {
          await rest.call('GET', `/probes/${probeId}`, t);
        };
      },
    },
    {
      name: 'read-direct',
      description: 'the same read evaluated directly with fabric-gateway (gateway overhead = read-rest − read-direct)',
      prepare: async () => {
        const doctor = directContract('doctor1');
        return async () => {
          await doctor.evaluateTransaction('Probe:Read', probeId);
        };
      },
    },
    ...domainWorkloads({ rest, token, direct: directContract }, concurrency, traceSizes),
  ];
}
