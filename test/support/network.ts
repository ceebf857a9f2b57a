/**
 * Access to the network the integration suite runs on (scripts/test.sh brings it up): the
 * gateway app in-process over real Fabric connections, demo tokens and direct fabric-gateway
 * clients for checks that bypass the REST layer.
 */
import { connect, hash, signers, type Gateway, type Identity } from '@hyperledger/fabric-gateway';
import * as grpc from '@grpc/grpc-js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import type { Call } from '../../scripts/demo/api';
import { createApp } from '../../gateway-api/src/app';
import { loadConfig } from '../../gateway-api/src/config';
import type { AppDeps } from '../../gateway-api/src/deps';
import { FabricLedger } from '../../gateway-api/src/fabric/fabric-ledger';
import { IdentityStore, type AuthenticatedUser } from '../../gateway-api/src/fabric/identities';
import { loadNetworkProfile, type NetworkProfile } from '../../gateway-api/src/fabric/network-profile';
import { PeerClients } from '../../gateway-api/src/fabric/peer-clients';
import { IdempotencyStore } from '../../gateway-api/src/http/idempotency';
import { ledgerMetrics } from '../../gateway-api/src/http/metrics';
import { Operations } from '../../gateway-api/src/http/operations';
import { allRoutes } from '../../gateway-api/src/routes';
import { Sessions } from '../../gateway-api/src/sessions/sessions';

export const runDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '..', '.run', 'test');
export const gatewayDir = path.join(runDir, 'gateway');

export type DemoUser =
  | 'hospitaladmin' | 'doctor1' | 'doctor2' | 'pharmacyadmin' | 'pharmacist1' | 'pharmacist2'
  | 'insureradmin-sh' | 'insurer-sh' | 'insureradmin-bj' | 'insurer-bj' | 'regulatoradmin' | 'investigator1'
  // The Guangdong insurance office's, once the org-add fault test has added it (network/orgs/guangdong-insurer.yaml).
  | 'insureradmin-gd' | 'insurer-gd';

let tokens: Record<string, string> | undefined;
export function tokenOf(user: DemoUser): string {
  const read = () => JSON.parse(fs.readFileSync(path.join(gatewayDir, 'demo-tokens.json'), 'utf8')) as Record<string, string>;
  tokens ??= read();
  // Users of an org added since (org:add enrols them) are in the file, not yet in this copy.
  if (!tokens[user]) tokens = read();
  const token = tokens[user];
  if (!token) throw new Error(`no demo token for ${user}`);
  return token;
}

let passwords: Record<string, string> | undefined;
/** The demo user's sign-in password, as enroll-users.sh wrote it for the demo. */
export function passwordOf(user: DemoUser): string {
  passwords ??= JSON.parse(fs.readFileSync(path.join(gatewayDir, 'demo-passwords.json'), 'utf8')) as Record<string, string>;
  const password = passwords[user];
  if (!password) throw new Error(`no demo password for ${user}`);
  return password;
}

export const bearer = (user: DemoUser): [string, string] => ['Authorization', `Bearer ${tokenOf(user)}`];

let deps: (AppDeps & { clients: PeerClients; ledger: FabricLedger }) | undefined;
export function gatewayDeps(): AppDeps & { clients: PeerClients; ledger: FabricLedger } {
  if (!deps) {
    // The suites drive load through one token per demo user; the per-token limit is a production
    // guard, tested on an app of its own, not a ceiling for the load the fault tests generate.
    const config = { ...loadConfig({ RXCHAIN_RATE_LIMIT_PER_MINUTE: '100000', ...process.env, RXCHAIN_RUN_DIR: runDir }), idempotencyFile: path.join(gatewayDir, `idempotency-${process.pid}.jsonl`) };
    const profile = loadNetworkProfile(config.gatewayDir);
    const clients = new PeerClients(profile);
    const ledger = new FabricLedger(profile, clients, config, ledgerMetrics);
    const identities = new IdentityStore(config.gatewayDir);
    ledger.watchPeers(identities.serviceUsersByOrg());
    deps = {
      config,
      profile,
      clients,
      ledger,
      identities,
      sessions: new Sessions(identities, config.sessions),
      idempotency: new IdempotencyStore(config.idempotencyFile),
      operations: new Operations(),
      logger: pino({ level: process.env.RXCHAIN_TEST_LOG_LEVEL ?? 'silent' }),
      inFlight: { count: 0 },
    };
  }
  return deps;
}

let app: ReturnType<typeof createApp> | undefined;
export function gatewayApp(): ReturnType<typeof createApp> {
  app ??= createApp(gatewayDeps(), allRoutes(gatewayDeps()));
  return app;
}

export function userOf(name: DemoUser): AuthenticatedUser {
  const user = gatewayDeps().identities.user(name);
  if (!user) throw new Error(`user ${name} not enrolled`);
  return { ...user, name, tokenHash: '' };
}

export function profile(): NetworkProfile {
  return gatewayDeps().profile;
}

/** A fabric-gateway connection with an arbitrary identity, for tests that forge callers. */
export function rawGateway(org: string, identity: Identity, keyPem: string | Buffer, credentials?: grpc.ChannelCredentials): { gateway: Gateway; client: grpc.Client } {
  const o = profile().orgs[org];
  const client = new grpc.Client(o.peerEndpoint, credentials ?? grpc.credentials.createSsl(fs.readFileSync(o.tlsRootCert)), {
    'grpc.ssl_target_name_override': o.peerHostAlias,
  });
  const gateway = connect({
    client,
    identity,
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(keyPem)),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 5000 }),
    endorseOptions: () => ({ deadline: Date.now() + 15000 }),
    submitOptions: () => ({ deadline: Date.now() + 5000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
  });
  return { gateway, client };
}

export function closeNetworkClients(): void {
  deps?.ledger.close();
  deps?.clients.close();
}

export const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;

/** The seed/demo call signature over the in-process app, as the named demo user. */
export const appCall: Call = async <T>(method: 'GET' | 'POST' | 'DELETE', urlPath: string, user: string, body?: unknown, headers: Record<string, string> = {}) => {
  const agent = request(gatewayApp());
  let req = method === 'GET' ? agent.get(urlPath) : method === 'POST' ? agent.post(urlPath) : agent.delete(urlPath);
  req = req.set('Authorization', `Bearer ${tokenOf(user as DemoUser)}`);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  const res = body === undefined ? await req : await req.send(body as object);
  if (res.status >= 400) {
    const e = res.body?.error as { code?: string; message?: string; details?: unknown } | undefined;
    throw Object.assign(new Error(e?.message ?? `HTTP ${res.status}`), { status: res.status, code: e?.code, details: e?.details });
  }
  return res.body as T;
};
