/**
 * Passwords are kept only as scrypt hashes (node:crypto), each with its own random salt, in the
 * self-describing form `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later
 * without invalidating the hashes already stored.
 */
import crypto from 'node:crypto';

/** scrypt cost: N = 2^15 (32 MiB of memory per hash at r = 8), the OWASP minimum for scrypt. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Above 128·N·r, with room to spare: node's default (32 MiB) is exactly what N = 2^15, r = 8 needs and is refused. */
const MAX_MEMORY = 256 * SCRYPT_PARAMS.N * SCRYPT_PARAMS.r;

interface Params {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, keyLength: number, { N, r, p }: Params): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: Math.max(MAX_MEMORY, 256 * N * r) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new hash of the password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, KEY_LENGTH, SCRYPT_PARAMS);
  const { N, r, p } = SCRYPT_PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** The parameters a stored hash was made with, or undefined when it is not one of ours. */
export function paramsOf(stored: string): (Params & { salt: Buffer; key: Buffer }) | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  const sane = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0 && N <= 2 ** 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
  return sane && salt.length > 0 && key.length > 0 ? { N, r, p, salt, key } : undefined;
}

let decoy: Promise<string> | undefined;

/**
 * Whether the password matches the stored hash, compared in constant time. Without a stored
 * hash (an unknown user, or one enrolled without a password) the same work is done against a
 * decoy hash, so the answer takes as long and says the same.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const params = stored === undefined ? undefined : paramsOf(stored);
  if (!params) {
    decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    const fake = paramsOf(await decoy) as NonNullable<ReturnType<typeof paramsOf>>;
    await derive(password, fake.salt, fake.key.length, fake);
    return false;
  }
  const key = await derive(password, params.salt, params.key.length, params);
  return crypto.timingSafeEqual(key, params.key);
}
