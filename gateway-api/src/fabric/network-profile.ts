import fs from 'node:fs';
import path from 'node:path';

/**
 * One org's endpoints as scripts/enroll-users.sh describes them in network.json, from the network
 * definition (network/network.yaml and the orgs org:add added): the peer on its org's host.
 */
export interface OrgProfile {
  mspId: string;
  peerEndpoint: string;
  peerHostAlias: string;
  tlsRootCert: string;
  caUrl: string;
  caTlsRootCert: string;
  registrarMsp: string;
  usersDir: string;
}

export interface NetworkProfile {
  channel: string;
  chaincode: string;
  orgs: Record<string, OrgProfile>;
}

export function loadNetworkProfile(gatewayDir: string): NetworkProfile {
  const file = path.join(gatewayDir, 'network.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: bring the network up and enrol users first (npm start does both)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as NetworkProfile;
}

/**
 * Adds to a running gateway's profile the orgs network.json has gained since it was read (an
 * org:add), and returns their keys. The orgs it knew stay as they were: their connections are open.
 */
export function learnNewOrgs(profile: NetworkProfile, gatewayDir: string): string[] {
  const now = loadNetworkProfile(gatewayDir);
  const added = Object.keys(now.orgs).filter((org) => !(org in profile.orgs));
  for (const org of added) profile.orgs[org] = now.orgs[org];
  return added;
}

export function orgOfMsp(profile: NetworkProfile, mspId: string): string {
  const entry = Object.entries(profile.orgs).find(([, o]) => o.mspId === mspId);
  if (!entry) throw new Error(`no org with MSP id ${mspId} in the network profile`);
  return entry[0];
}
