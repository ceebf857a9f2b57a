import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@rxchain/chaincode/dist/shared';

export interface UserRecord {
  org: string;
  mspId: string;
  certPath: string;
  keyPath: string;
  attrs: { role: Role; region?: string; institutionId?: string; licenceId?: string };
}

interface TokenRecord {
  user: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * A patient observer (FT-05): a gateway-only identity, not a Fabric member. It signs in with a
 * password like staff; the gateway acts for it through the observer service identity.
 */
export interface ObserverRecord {
  /** The region whose monthly aggregates it reads. */
  region: string;
  /** The investigator or admin who created it. */
  createdBy: string;
  createdAt: string;
}

interface StoreFile {
  users: Record<string, UserRecord>;
  tokens: Record<string, TokenRecord>;
  /** User name (or observer id) → scrypt hash of the password (sessions/password-hash.ts); users without one cannot sign in. */
  passwords?: Record<string, string>;
  /** Observer id (OBS-…) → the patient observer. */
  observers?: Record<string, ObserverRecord>;
}

/** A session's user as requests see it: an enrolled user, or a patient observer acting with the observer service identity's certificate. */
export type SessionUser = UserRecord & { observer?: { observerId: string } };

export interface AuthenticatedUser extends SessionUser {
  name: string;
  tokenHash: string;
}

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Users the gateway can act as, the bearer tokens that map to them and the users' sign-in
 * passwords. Tokens are kept only as SHA-256 hashes, passwords only as scrypt hashes; the file
 * is rewritten atomically and readable by the gateway user alone.
 */
export class IdentityStore {
  private data: StoreFile;
  private readonly file: string;

  constructor(gatewayDir: string) {
    this.file = path.join(gatewayDir, 'identities.json');
    if (!fs.existsSync(this.file)) {
      throw new Error(`${this.file} not found: enrol users first (scripts/enroll-users.sh; npm start does it)`);
    }
    this.data = this.read();
  }

  /** Reads the file again: users and tokens scripts/enroll-users.sh added meanwhile (org:add). */
  reload(): void {
    this.data = this.read();
  }

  private read(): StoreFile {
    return JSON.parse(fs.readFileSync(this.file, 'utf8')) as StoreFile;
  }

  authenticate(token: string): AuthenticatedUser | undefined {
    const tokenHash = hashToken(token);
    const record = this.data.tokens[tokenHash];
    if (!record || record.revokedAt) return undefined;
    const user = this.data.users[record.user];
    return user ? { ...user, name: record.user, tokenHash } : undefined;
  }

  /** An enrolled admin the gateway uses for its own reads (health: the ledger height). */
  serviceUser(): AuthenticatedUser | undefined {
    const entry = Object.entries(this.data.users).find(([, u]) => u.attrs.role === 'admin');
    return entry ? { ...entry[1], name: entry[0], tokenHash: '' } : undefined;
  }

  /** One admin per org, to follow each org's peer (block heights) with that org's own identity. */
  serviceUsersByOrg(): AuthenticatedUser[] {
    const byOrg = new Map<string, AuthenticatedUser>();
    for (const [name, u] of Object.entries(this.data.users)) {
      if (u.attrs.role === 'admin' && !byOrg.has(u.org)) byOrg.set(u.org, { ...u, name, tokenHash: '' });
    }
    return [...byOrg.values()];
  }

  user(name: string): UserRecord | undefined {
    return this.data.users[name];
  }

  /**
   * The enrolled user of role observer: the service identity whose certificate signs every
   * patient observer's transactions (the chaincode lets that role call the observer transactions only).
   */
  observerDesk(): { name: string; user: UserRecord } | undefined {
    const entry = Object.entries(this.data.users).find(([, u]) => u.attrs.role === 'observer');
    return entry ? { name: entry[0], user: entry[1] } : undefined;
  }

  observer(observerId: string): ObserverRecord | undefined {
    return this.data.observers?.[observerId];
  }

  /** Adds a patient observer with its sign-in password's hash. */
  addObserver(observerId: string, record: ObserverRecord, passwordHash: string): void {
    if (Object.hasOwn(this.data.users, observerId)) throw new Error(`${observerId} is an enrolled user's name`);
    (this.data.observers ??= {})[observerId] = record;
    (this.data.passwords ??= {})[observerId] = passwordHash;
    this.save();
  }

  /**
   * Who a session's user name stands for: an enrolled user, or a patient observer, who acts
   * with the observer service identity's certificate, as role observer, in its own region.
   * Undefined when neither (or an observer while no service identity is enrolled).
   */
  sessionUser(name: string): SessionUser | undefined {
    if (Object.hasOwn(this.data.users, name)) return this.data.users[name];
    const observer = this.observer(name);
    const desk = this.observerDesk();
    if (!observer || !desk) return undefined;
    return { ...desk.user, attrs: { role: 'observer', region: observer.region }, observer: { observerId: name } };
  }

  /** Adds the user, with the hash of their sign-in password when they have one. */
  addUser(name: string, user: UserRecord, passwordHash?: string): void {
    this.data.users[name] = user;
    if (passwordHash !== undefined) (this.data.passwords ??= {})[name] = passwordHash;
    this.save();
  }

  /** The stored hash of an enrolled user's password. */
  passwordHashOf(name: string): string | undefined {
    return Object.hasOwn(this.data.users, name) || Object.hasOwn(this.data.observers ?? {}, name) ? this.data.passwords?.[name] : undefined;
  }

  setPasswordHash(name: string, passwordHash: string): void {
    if (!Object.hasOwn(this.data.users, name)) throw new Error(`unknown user ${name}`);
    (this.data.passwords ??= {})[name] = passwordHash;
    this.save();
  }

  /** The user can no longer sign in with a password; true if they had one. */
  removePassword(name: string): boolean {
    if (this.passwordHashOf(name) === undefined) return false;
    delete this.data.passwords?.[name];
    this.save();
    return true;
  }

  /** A new random token for the user; only its hash is stored. */
  issueToken(name: string, now: Date): string {
    if (!this.data.users[name]) throw new Error(`unknown user ${name}`);
    const token = `rx_${crypto.randomBytes(24).toString('hex')}`;
    this.data.tokens[hashToken(token)] = { user: name, createdAt: now.toISOString() };
    this.save();
    return token;
  }

  /** Revokes every token of the user; true if one was active. */
  revokeTokens(name: string, now: Date): boolean {
    let revoked = false;
    for (const record of Object.values(this.data.tokens)) {
      if (record.user === name && !record.revokedAt) {
        record.revokedAt = now.toISOString();
        revoked = true;
      }
    }
    this.save();
    return revoked;
  }

  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
