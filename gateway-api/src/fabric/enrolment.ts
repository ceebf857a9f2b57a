import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiError } from '../http/api-error';
import type { UserRecord } from './identities';
import type { OrgProfile } from './network-profile';

const run = promisify(execFile);

export interface NewUser {
  name: string;
  role: UserRecord['attrs']['role'];
  region?: string;
  institutionId?: string;
  licenceId?: string;
}

/**
 * Registers and enrols a user at the org's own CA with fabric-ca-client (the binary the
 * network scripts install), writing the attributes into the enrolment certificate. The CA's
 * registrar credentials never leave this machine.
 */
export async function enrolUser(org: string, o: OrgProfile, user: NewUser, secret: string, fabricBin: string): Promise<UserRecord> {
  const client = path.join(fabricBin, 'fabric-ca-client');
  if (!fs.existsSync(client)) throw new ApiError(503, 'UNAVAILABLE', 'fabric-ca-client is not installed on the gateway host');
  const attrs = Object.entries({ role: user.role, region: user.region, institutionId: user.institutionId, licenceId: user.licenceId })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}:ecert`)
    .join(',');
  const registrarHome = path.dirname(o.registrarMsp);
  const tls = ['--tls.certfiles', o.caTlsRootCert];
  try {
    await run(client, ['register', '-H', registrarHome, '-u', o.caUrl, '--id.name', user.name, '--id.secret', secret,
      '--id.type', user.role === 'admin' ? 'admin' : 'client', '--id.attrs', attrs, ...tls], { timeout: 30_000 });
  } catch (err) {
    const text = String((err as { stderr?: string }).stderr ?? err);
    if (/already registered/i.test(text)) throw new ApiError(409, 'CONFLICT', `user ${user.name} is already registered at the ${org} CA`);
    throw new ApiError(502, 'CA_ERROR', `the ${org} CA refused the registration`, { reason: text.split('\n').filter(Boolean).pop() });
  }
  const msp = path.join(o.usersDir, user.name, 'msp');
  // fabric-ca-client wants scheme://user:secret@host:port with no path.
  const url = `https://${user.name}:${secret}@${new URL(o.caUrl).host}`;
  try {
    await run(client, ['enroll', '-u', url, '-M', msp, '--csr.names', orgNames(o.caTlsRootCert), ...tls], { timeout: 30_000 });
  } catch (err) {
    throw new ApiError(502, 'CA_ERROR', `enrolment at the ${org} CA failed`, { reason: String((err as { stderr?: string }).stderr ?? err).split('\n').filter(Boolean).pop() });
  }
  const keystore = path.join(msp, 'keystore');
  const [keyFile] = fs.readdirSync(keystore);
  const keyPath = path.join(keystore, 'key.pem');
  if (keyFile !== 'key.pem') fs.renameSync(path.join(keystore, keyFile), keyPath);
  fs.chmodSync(keyPath, 0o600);
  return {
    org,
    mspId: o.mspId,
    certPath: path.join(msp, 'signcerts', 'cert.pem'),
    keyPath,
    attrs: {
      role: user.role,
      ...(user.region ? { region: user.region } : {}),
      ...(user.institutionId ? { institutionId: user.institutionId } : {}),
      ...(user.licenceId ? { licenceId: user.licenceId } : {}),
    },
  };
}

/**
 * The org's names (C, ST, L, O) for a new identity's subject: those of the org's CA
 * certificate, which scripts/lib/ca.sh made from the org's entry in scripts/lib/topology.sh.
 */
function orgNames(caCertFile: string): string {
  const subject = new X509Certificate(fs.readFileSync(caCertFile)).subject;
  return subject.split('\n').filter((n) => /^(C|ST|L|O)=/.test(n)).join(',');
}
