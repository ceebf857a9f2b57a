import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefinitionError, listenersOf, parseDefinition, parseOrganisation, peerOrgs, toBash, withOrganisation } from '../../scripts/network/definition';

const root = path.resolve(__dirname, '..', '..');
const defaultText = fs.readFileSync(path.join(root, 'network', 'network.yaml'), 'utf8');
const guangdongText = fs.readFileSync(path.join(root, 'network', 'orgs', 'guangdong-insurer.yaml'), 'utf8');

/** Runs a bash snippet with the network libraries sourced, on a run folder of its own. */
function bash(runDir: string, snippet: string, env: Record<string, string> = {}): { status: number | null; out: string } {
  const script = `set -euo pipefail
source "${root}/scripts/lib/common.sh"; source "${root}/scripts/lib/topology.sh"; source "${root}/scripts/lib/chaincode.sh"
${snippet}`;
  const res = spawnSync('bash', ['-c', script], { env: { ...process.env, RXCHAIN_RUN_DIR: runDir, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

const refused = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(DefinitionError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('network definition (network/network.yaml, scripts/network/definition.ts)', () => {
  it('the default file is the five founding orgs and three orderers, each org on a loopback address of its own', () => {
    const def = parseDefinition(defaultText);
    expect(peerOrgs(def).map((o) => o.msp)).to.deep.equal(['HospitalMSP', 'PharmacyMSP', 'InsurerSHMSP', 'InsurerBJMSP', 'RegulatorMSP']);
    expect(def.orderers.map((o) => o.name)).to.deep.equal(['orderer1', 'orderer2', 'orderer3']);
    const hosts = def.organisations.map((o) => o.host);
    expect(new Set(hosts).size).to.equal(6);
    for (const h of hosts) expect(h).to.match(/^127\.0\.[1-9]\.1$/);
    // Every listener of every process, and no two on one port.
    const ports = listenersOf(def).map((l) => l.port);
    expect(ports).to.have.length(6 * 2 + 5 * 4 + 3 * 3);
    expect(new Set(ports).size).to.equal(ports.length);
  });

  it('adds the Guangdong insurance office once; the same org again is "exists", not a second member', () => {
    const def = parseDefinition(defaultText);
    const gd = parseOrganisation(guangdongText);
    expect(gd).to.deep.include({ key: 'insurergd', msp: 'InsurerGDMSP', kind: 'insurer', host: '127.0.6.1' });
    expect(gd.region).to.deep.equal({ code: '440000', name: 'Guangdong' });
    expect(gd.users?.map((u) => u.name)).to.deep.equal(['insureradmin-gd', 'insurer-gd']);
    const added = withOrganisation(def, gd);
    expect(added.exists).to.equal(false);
    expect(peerOrgs(added.def)).to.have.length(6);
    const again = withOrganisation(added.def, gd);
    expect(again.exists).to.equal(true);
    expect(again.def).to.equal(added.def);
  });

  it('refuses an org that clashes with a member: a port, an MSP id or a key already taken', () => {
    const def = parseDefinition(defaultText);
    const gd = parseOrganisation(guangdongText);
    expect(refused(() => withOrganisation(def, { ...gd, ports: { ...gd.ports, peer: 7051 } }))).to.match(/peer-hospital and peer-insurergd both use port 7051|peer-insurergd and peer-hospital both use port 7051/);
    expect(refused(() => withOrganisation(def, { ...gd, msp: 'InsurerSHMSP' }))).to.include('share the MSP id InsurerSHMSP');
    expect(refused(() => withOrganisation(def, { ...gd, key: 'insurersh' }))).to.include('share the key insurersh');
    expect(refused(() => withOrganisation(def, { ...gd, host: '127.0.3.1' }))).to.include('share the host 127.0.3.1');
  });

  it('names the field that is wrong', () => {
    expect(refused(() => parseOrganisation(guangdongText.replace('"440000"', '440000x')))).to.match(/organisation \(insurergd\)\.region\.code: must be a six-digit/);
    expect(refused(() => parseOrganisation(guangdongText.replace('kind: insurer', 'kind: bank')))).to.match(/\.kind: must be one of hospital, pharmacy, insurer, regulator, orderer/);
    expect(refused(() => parseOrganisation(`${guangdongText}colour: red\n`))).to.match(/unknown field\(s\) colour/);
    expect(refused(() => parseOrganisation(guangdongText.replace('name: rxchain Guangdong Medical Insurance', 'name: "A, O=Evil"')))).to.match(/\.name: must be a plain name/);
    expect(refused(() => parseOrganisation(guangdongText.replace('host: 127.0.6.1', 'host: 127.0.6.300')))).to.match(/\.host: must be an IPv4 address/);
    expect(refused(() => parseOrganisation(guangdongText.replace('kind: insurer', 'kind: orderer')))).to.match(/ordering service/);
    expect(refused(() => parseDefinition(defaultText.replace('peer: 8051', 'peer: 80')))).to.match(/pharmacy\)\.ports\.peer: must be a port from 1024/);
    expect(refused(() => parseDefinition('channel: [')))
      .to.match(/not valid YAML/);
  });

  it('the bash arrays the scripts source say the same as the definition', () => {
    const def = withOrganisation(parseDefinition(defaultText), parseOrganisation(guangdongText)).def;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-def-'));
    try {
      fs.writeFileSync(path.join(dir, 'topology.sh'), toBash(def));
      const { status, out } = bash(path.join(dir, 'run'), `
        echo "\${PEER_ORGS[*]}|\${MSP_ID[insurergd]}|$(host_of insurergd)|$(peer_address insurergd)|$(orderer_address orderer2)|$(csr_names insurergd)|\${ORG_KIND_LABEL[$ORDERER_ORG]}"`,
      { RXCHAIN_TOPOLOGY: path.join(dir, 'topology.sh'), RXCHAIN_PORT_OFFSET: '100' });
      expect(status, out).to.equal(0);
      expect(out.trim()).to.equal(
        'hospital pharmacy insurersh insurerbj regulator insurergd|InsurerGDMSP|127.0.6.1|127.0.6.1:12151|127.0.9.1:7250|C=CN,ST=Guangdong,L=Guangdong,O=rxchain Guangdong Medical Insurance|Ordering Service',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the patientIdentity collection takes in every hospital, pharmacy and insurer org of the definition, never the regulator', function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-def-'));
    try {
      const run = path.join(dir, 'run');
      fs.writeFileSync(path.join(dir, 'six.sh'), toBash(withOrganisation(parseDefinition(defaultText), parseOrganisation(guangdongText)).def));
      const five = bash(run, 'write_collections 1; jq -r ".[0].policy, (.[0] | has(\\"memberKinds\\"))" "$(cc_definition_dir 1)/collections.json"');
      expect(five.status, five.out).to.equal(0);
      expect(five.out.trim().split('\n')).to.deep.equal(["OR('HospitalMSP.member', 'PharmacyMSP.member', 'InsurerSHMSP.member', 'InsurerBJMSP.member')", 'false']);
      const six = bash(run, 'write_collections 2; jq -r ".[0].policy" "$(cc_definition_dir 2)/collections.json"', { RXCHAIN_TOPOLOGY: path.join(dir, 'six.sh') });
      expect(six.out.trim()).to.equal("OR('HospitalMSP.member', 'PharmacyMSP.member', 'InsurerSHMSP.member', 'InsurerBJMSP.member', 'InsurerGDMSP.member')");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a step acting as one org cannot reach another org’s folder, only the exchange', function () {
    this.timeout(30_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rxchain-def-'));
    try {
      const own = bash(path.join(dir, 'run'), 'as_org hospital org_dir hospital; as_org hospital tls_root pharmacy');
      expect(own.status, own.out).to.equal(0);
      expect(own.out).to.include('/orgs/hospital').and.include('/exchange/pharmacy/msp/tlscacerts/ca.pem');
      const other = bash(path.join(dir, 'run'), 'as_org hospital bash -c true; as_org hospital org_dir pharmacy >/dev/null; echo "not reached"');
      expect(other.status).not.to.equal(0);
      expect(other.out).to.include("a step acting as hospital asked for pharmacy's own folder").and.not.include('not reached');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
