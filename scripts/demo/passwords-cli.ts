/**
 * Gives every named demo user a generated sign-in password (scripts/enroll-users.sh runs it):
 * its scrypt hash goes into the gateway's identity store, the password itself into
 * <gateway dir>/demo-passwords.json (0600) for the demo and the tests, like demo-tokens.json.
 * A user who has both keeps their password, so a re-run does not change anyone's.
 * Usage: passwords-cli.ts <gateway dir> <user>...
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IdentityStore } from '../../gateway-api/src/fabric/identities';
import { hashPassword } from '../../gateway-api/src/sessions/password-hash';

/** No 0/O, 1/l/I: the demo's passwords are typed in by hand. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four groups of four, about 92 bits. */
const generated = (): string =>
  Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join('')).join('-');

async function main(gatewayDir: string, users: string[]): Promise<void> {
  const file = path.join(gatewayDir, 'demo-passwords.json');
  const passwords = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const store = new IdentityStore(gatewayDir);
  let added = 0;
  for (const user of users) {
    if (passwords[user] !== undefined && store.passwordHashOf(user) !== undefined) continue;
    const password = generated();
    store.setPasswordHash(user, await hashPassword(password));
    passwords[user] = password;
    added++;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  console.log(`${added} new demo password(s); ${users.length - added} kept`);
}

const [gatewayDir, ...users] = process.argv.slice(2);
if (!gatewayDir || users.length === 0) {
  console.error('usage: passwords-cli.ts <gateway dir> <user>...');
  process.exit(2);
}
main(gatewayDir, users).catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
