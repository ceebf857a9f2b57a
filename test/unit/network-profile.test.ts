import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdentityStore } from '../../gateway-api/src/fabric/identities';
import { loadNetworkProfile, type OrgProfile } from '../../gateway-api/src/fabric/network-profile';
import { reloadNetwork } from '../../gateway-api/src/fabric/network-reload';

const org = (mspId: string, endpoint: string): OrgProfile => ({
  mspId, peerEndpoint: endpoint, peerHostAlias: `peer0.${mspId}`, tlsRootCert: '/x', caUrl: 'https://x', caTlsRootCert: '/x', registrarMsp: '/x', usersDir: '/x',
});
const admin = (o: string, mspId: string) => ({ org: o, mspId, certPath: '/c', keyPath: '/k', attrs: { role: 'admin' as const } });

describe('the gateway learns an added org (SIGHUP, gateway-api/src/fabric/network-reload.ts)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-profile-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (orgs: Record<string, OrgProfile>, users: Record<string, ReturnType<typeof admin>>) => {
    fs.writeFileSync(path.join(dir, 'network.json'), JSON.stringify({ channel: 'rxchannel', chaincode: 'rxchain', orgs }));
    fs.writeFileSync(path.join(dir, 'identities.json'), JSON.stringify({ users, tokens: {} }));
  };

  it('adds the new org’s peer and users, follows only the new peer, and keeps the orgs it knew as they were', () => {
    write({ hospital: org('HospitalMSP', '127.0.1.1:7051') }, { hospitaladmin: admin('hospital', 'HospitalMSP') });
    const profile = loadNetworkProfile(dir);
    const identities = new IdentityStore(dir);
    const known = profile.orgs.hospital;
    // enroll-users.sh after org:add: a new org, and (ignored) a changed endpoint of a known one.
    write(
      { hospital: org('HospitalMSP', '127.0.99.1:7051'), insurergd: org('InsurerGDMSP', '127.0.6.1:12051') },
      { hospitaladmin: admin('hospital', 'HospitalMSP'), 'insureradmin-gd': admin('insurergd', 'InsurerGDMSP') },
    );
    const watched: string[] = [];
    const added = reloadNetwork(dir, profile, identities, { watchPeers: (users) => watched.push(...users.map((u) => u.name)) });
    expect(added).to.deep.equal(['insurergd']);
    expect(profile.orgs.insurergd.peerEndpoint).to.equal('127.0.6.1:12051');
    expect(profile.orgs.hospital).to.equal(known);
    expect(identities.user('insureradmin-gd')?.mspId).to.equal('InsurerGDMSP');
    expect(watched).to.deep.equal(['insureradmin-gd']);
    // Nothing new: nothing added, nothing more followed.
    expect(reloadNetwork(dir, profile, identities, { watchPeers: (users) => watched.push(...users.map((u) => u.name)) })).to.deep.equal([]);
    expect(watched).to.deep.equal(['insureradmin-gd']);
  });
});
