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

interface StoreFile {
  users: Record<string, UserRecord>;
  tokens: Record<string, TokenRecord>;
  /** User name → scrypt hash of the user's password (sessions/password-hash.ts); users without one cannot sign in. */
  passwords?: Record<string, string>;
}

export interface AuthenticatedUser extends UserRecord {
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

  /** Adds the user, with the hash of their sign-in password when they have one. */
  addUser(name: string, user: UserRecord, passwordHash?: string): void {
    this.data.users[name] = user;
    if (passwordHash !== undefined) (this.data.passwords ??= {})[name] = passwordHash;
    this.save();
  }

  /** The stored hash of an enrolled user's password. */
  passwordHashOf(name: string): string | undefined {
    return Object.hasOwn(this.data.users, name) ? this.data.passwords?.[name] : undefined;
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
