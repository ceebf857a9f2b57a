/**
 * The gateway app over a fake ledger port, for unit tests without a network: a real
 * IdentityStore on a temporary folder with one user per role (and tokens), a real
 * IdempotencyStore on a temporary file.
 */
import type { Express } from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Type } from '@sinclair/typebox';
import { Closed, Fen, Id, Paging, Region, Sha256Hex, evaluateTx, returns, submitTx, type Role } from '@rxchain/chaincode/dist/shared';
import { createApp } from '../../gateway-api/src/app';
import { loadConfig } from '../../gateway-api/src/config';
import type { AppDeps } from '../../gateway-api/src/deps';
import { IdentityStore, type AuthenticatedUser, type UserRecord } from '../../gateway-api/src/fabric/identities';
import { IdempotencyStore } from '../../gateway-api/src/http/idempotency';
import { Operations } from '../../gateway-api/src/http/operations';
import { txRoute, type AnyRoute } from '../../gateway-api/src/http/route';
import { allRoutes } from '../../gateway-api/src/routes';
import { SESSION_COOKIE } from '../../gateway-api/src/sessions/session-cookie';
import { Sessions } from '../../gateway-api/src/sessions/sessions';
import { FakeLedgerPort } from './fake-ledger-port';

const USERS: Record<Role, [name: string, record: Omit<UserRecord, 'certPath' | 'keyPath'>]> = {
  admin: ['hospitaladmin', { org: 'hospital', mspId: 'HospitalMSP', attrs: { role: 'admin', region: '310000', institutionId: 'H310001' } }],
  doctor: ['doctor1', { org: 'hospital', mspId: 'HospitalMSP', attrs: { role: 'doctor', region: '310000', institutionId: 'H310001', licenceId: 'DOC-1001' } }],
  pharmacist: ['pharmacist1', { org: 'pharmacy', mspId: 'PharmacyMSP', attrs: { role: 'pharmacist', region: '310000', institutionId: 'P310001', licenceId: 'PHA-310-0001' } }],
  insurer: ['insurer-sh', { org: 'insurersh', mspId: 'InsurerSHMSP', attrs: { role: 'insurer', region: '310000' } }],
  investigator: ['investigator1', { org: 'regulator', mspId: 'RegulatorMSP', attrs: { role: 'investigator' } }],
  // The observer service identity: patient observers (FT-05) sign in by observer id and act with its certificate.
  observer: ['observerdesk', { org: 'regulator', mspId: 'RegulatorMSP', attrs: { role: 'observer' } }],
};

/** The patient observer (FT-05) every test gateway knows, of Shanghai; it has a session, no password. */
export const TEST_OBSERVER = 'OBS-0123456789ABCDEF';

export interface TestGateway {
  app: Express;
  ledger: FakeLedgerPort;
  deps: AppDeps;
  /** A valid bearer token per role (for observer: the observer service identity's, which is no observer). */
  tokens: Record<Role, string>;
  /** The Cookie header of a new session of TEST_OBSERVER; send it with X-Requested-With: rxchain-console on a POST. */
  observerCookie(): string;
  /** Moves the sessions' and the sign-in lockout's clock forward. */
  advanceClock(ms: number): void;
  userOf(role: Role): AuthenticatedUser;
  close(): void;
}

/** Builds the app serving `routes(deps)` (configured by `env` on top of the defaults); every test gets fresh stores and a fresh fake ledger. */
export function testGateway(routes: (deps: AppDeps) => AnyRoute[], env: NodeJS.ProcessEnv = {}): TestGateway {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-gw-'));
  const users = Object.fromEntries(
    Object.values(USERS).map(([name, record]) => [name, { ...record, certPath: path.join(dir, `${name}.pem`), keyPath: path.join(dir, `${name}.key`) }]),
  );
  fs.writeFileSync(path.join(dir, 'identities.json'), JSON.stringify({ users, tokens: {} }));
  const identities = new IdentityStore(dir);
  const now = new Date();
  const tokens = Object.fromEntries(Object.entries(USERS).map(([role, [name]]) => [role, identities.issueToken(name, now)])) as Record<Role, string>;
  // Not a password hash: the observer signs in through observerCookie only.
  identities.addObserver(TEST_OBSERVER, { region: '310000', createdBy: 'investigator1', createdAt: now.toISOString() }, 'no-password');
  const ledger = new FakeLedgerPort();
  const config = { ...loadConfig({ RXCHAIN_RUN_DIR: dir, ...env }), idempotencyFile: path.join(dir, 'idempotency.jsonl') };
  let skewMs = 0;
  const deps: AppDeps = {
    config,
    profile: { channel: 'rxchannel', chaincode: 'rxchain', orgs: {} },
    clients: { allReady: async () => ({}) },
    ledger,
    identities,
    sessions: new Sessions(identities, config.sessions, () => Date.now() + skewMs),
    idempotency: new IdempotencyStore(config.idempotencyFile),
    operations: new Operations(),
    logger: pino({ level: 'silent' }),
    inFlight: { count: 0 },
  };
  return {
    app: createApp(deps, routes(deps)),
    ledger,
    deps,
    tokens,
    observerCookie: () => `${SESSION_COOKIE}=${deps.sessions.store.create(TEST_OBSERVER).id}`,
    advanceClock: (ms) => {
      skewMs += ms;
    },
    userOf: (role) => {
      const [name] = USERS[role];
      return { ...(identities.user(name) as UserRecord), name, tokenHash: '' };
    },
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export const bearerOf = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/**
 * Stand-in transactions of the tests' own, under access-table ids whose roles they borrow: a
 * read with path and query arguments of several types, a write with transient fields and a
 * derived id, a long write that may run asynchronously. They let the HTTP layer be tested on
 * shapes the probe routes do not have, without depending on the contracts' own definitions.
 */
export const StandIn = {
  List: evaluateTx('Claim:ListByRegion', {
    args: Closed({ region: Region, flagged: Type.Optional(Type.Boolean()), minFen: Type.Optional(Fen), ...Paging }),
    result: returns<{ items: string[]; bookmark: string }>(),
  }),
  Issue: submitTx('Prescription:Issue', {
    args: Closed({ rxId: Id, note: Type.String({ minLength: 1, maxLength: 64 }) }),
    transient: Closed({ patient: Closed({ idNumber: Type.String({ minLength: 4, maxLength: 32 }) }), salt: Type.Optional(Sha256Hex) }),
    result: returns<{ rxId: string; note: string }>(),
  }),
  Propose: submitTx('Settlement:ProposeBatch', {
    args: Closed({ batchId: Id, counterpartyRegion: Region }),
    result: returns<{ batchId: string; counterpartyRegion: string }>(),
  }),
} as const;

export function standInRoutes(): AnyRoute[] {
  return [
    txRoute({
      method: 'get',
      path: '/stand-in/regions/:region/claims',
      operationId: 'standInList',
      summary: 'A read with path and query arguments',
      tag: 'test',
      tx: StandIn.List,
      success: { status: 200, description: 'A page' },
    }),
    txRoute({
      method: 'post',
      path: '/stand-in/prescriptions',
      operationId: 'standInIssue',
      summary: 'A write with transient fields and a derived id',
      tag: 'test',
      tx: StandIn.Issue,
      derivedIds: [{ field: 'rxId', prefix: 'RX' }],
      gatewayTransient: ['salt'],
      resultKey: 'prescription',
      success: { status: 201, description: 'Issued' },
    }),
    txRoute({
      method: 'post',
      path: '/stand-in/batches',
      operationId: 'standInPropose',
      summary: 'A long write that may run asynchronously; answers the result’s fields spread',
      tag: 'test',
      tx: StandIn.Propose,
      derivedIds: [{ field: 'batchId', prefix: 'BAT' }],
      async: true,
      success: { status: 201, description: 'Proposed' },
      errors: [409, 422],
    }),
  ];
}

/** Every route of the gateway plus the stand-ins, as the unit tests serve them. */
export const unitRoutes = (deps: AppDeps): AnyRoute[] => [...allRoutes(deps), ...standInRoutes()];
