/**
 * The network definition (network/network.yaml, and one organisation per file for
 * `npm run org:add`): parsed, checked and turned into what the scripts and the tests use. The run's
 * own copy, <run>/network/definition.json, is the definition plus every organisation added since
 * `up`; scripts/lib/topology.sh sources the bash arrays made from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const KINDS = ['hospital', 'pharmacy', 'insurer', 'regulator', 'orderer'] as const;
export type Kind = (typeof KINDS)[number];

export interface DemoUser {
  name: string;
  attrs: Record<string, string>;
}

export interface Organisation {
  key: string;
  msp: string;
  kind: Kind;
  name: string;
  region: { code: string; name: string };
  host: string;
  ports: { ca: number; peer?: number; peerOperations?: number; chaincode?: number };
  /** Demo users of an organisation added by org:add (the founding orgs' are network/users.json's). */
  users?: DemoUser[];
}

export interface OrdererNode {
  name: string;
  port: number;
  adminPort: number;
  operationsPort: number;
}

export interface NetworkDefinition {
  channel: string;
  chaincode: string;
  domain: string;
  organisations: Organisation[];
  orderers: OrdererNode[];
}

/** The CA certificate's OU for each kind (what the org is, as a person would write it). */
export const KIND_LABEL: Record<Kind, string> = {
  hospital: 'Hospital',
  pharmacy: 'Pharmacy',
  insurer: 'Insurer',
  regulator: 'Regulator',
  orderer: 'Ordering Service',
};

export class DefinitionError extends Error {}

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(where: string, message: string): never {
  throw new DefinitionError(`${where}: ${message}`);
}

function str(o: Raw, field: string, where: string, pattern: RegExp, hint: string): string {
  const v = o[field];
  if (typeof v !== 'string' || !pattern.test(v)) fail(`${where}.${field}`, `must be ${hint}, got ${JSON.stringify(v)}`);
  return v;
}

function portOf(o: Raw, field: string, where: string): number {
  const v = o[field];
  if (!Number.isInteger(v) || (v as number) < 1024 || (v as number) > 45000) {
    fail(`${where}.${field}`, `must be a port from 1024 to 45000 (room for RXCHAIN_PORT_OFFSET), got ${JSON.stringify(v)}`);
  }
  return v as number;
}

function onlyFields(o: Raw, allowed: string[], where: string): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) fail(where, `unknown field(s) ${extra.join(', ')} (known: ${allowed.join(', ')})`);
}

// Names go into fabric-ca-client's --csr.names (comma- and =-separated) and into certificate
// subjects: no separators, no control characters.
const NAME = /^[A-Za-z0-9][A-Za-z0-9 .'()&-]{0,62}$/;
// An IPv4 address, or a DNS name whose last label is not all digits (127.0.6.300 is no name).
const HOST = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$|^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const USER = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ATTR_VALUE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

function organisationOf(raw: unknown, where: string, allowUsers: boolean): Organisation {
  if (!isObject(raw)) fail(where, 'must be a mapping');
  onlyFields(raw, ['key', 'msp', 'kind', 'name', 'region', 'host', 'ports', ...(allowUsers ? ['users'] : [])], where);
  const key = str(raw, 'key', where, /^[a-z][a-z0-9]{1,19}$/, 'lower-case letters and digits, 2 to 20, starting with a letter');
  const w = `${where} (${key})`;
  const msp = str(raw, 'msp', w, /^[A-Z][A-Za-z0-9]{1,38}MSP$/, 'an MSP id such as InsurerGDMSP');
  const kind = raw.kind as Kind;
  if (!KINDS.includes(kind)) fail(`${w}.kind`, `must be one of ${KINDS.join(', ')}, got ${JSON.stringify(raw.kind)}`);
  const name = str(raw, 'name', w, NAME, 'a plain name (letters, digits, spaces, . \' ( ) & -)');
  if (!isObject(raw.region)) fail(`${w}.region`, 'must be { code, name }');
  onlyFields(raw.region, ['code', 'name'], `${w}.region`);
  const region = {
    code: str(raw.region, 'code', `${w}.region`, /^\d{6}$/, 'a six-digit GB/T 2260 code such as "440000" (quoted)'),
    name: str(raw.region, 'name', `${w}.region`, NAME, 'a plain name'),
  };
  const host = str(raw, 'host', w, HOST, 'an IPv4 address or a lower-case DNS name');
  if (!isObject(raw.ports)) fail(`${w}.ports`, 'must be a mapping');
  const peerPorts = ['peer', 'peerOperations', 'chaincode'];
  onlyFields(raw.ports, ['ca', ...(kind === 'orderer' ? [] : peerPorts)], `${w}.ports`);
  const ports: Organisation['ports'] = { ca: portOf(raw.ports, 'ca', `${w}.ports`) };
  if (kind !== 'orderer') {
    for (const p of peerPorts) ports[p as 'peer'] = portOf(raw.ports, p, `${w}.ports`);
  }
  const org: Organisation = { key, msp, kind, name, region, host, ports };
  if (allowUsers && raw.users !== undefined) org.users = usersOf(raw.users, `${w}.users`);
  return org;
}

function usersOf(raw: unknown, where: string): DemoUser[] {
  if (!Array.isArray(raw)) fail(where, 'must be a list');
  return raw.map((u, i) => {
    const w = `${where}[${i}]`;
    if (!isObject(u)) fail(w, 'must be { name, attrs }');
    onlyFields(u, ['name', 'attrs'], w);
    const name = str(u, 'name', w, USER, 'lower-case letters, digits and -, up to 40');
    if (!isObject(u.attrs)) fail(`${w}.attrs`, 'must be a mapping');
    const attrs: Record<string, string> = {};
    for (const k of Object.keys(u.attrs)) {
      if (!['role', 'region', 'institutionId', 'licenceId'].includes(k)) fail(`${w}.attrs.${k}`, 'unknown attribute (role, region, institutionId, licenceId)');
      attrs[k] = str(u.attrs, k, `${w}.attrs`, ATTR_VALUE, 'letters, digits and -');
    }
    if (!attrs.role) fail(`${w}.attrs.role`, 'is required');
    return { name, attrs };
  });
}

function ordererOf(raw: unknown, where: string): OrdererNode {
  if (!isObject(raw)) fail(where, 'must be a mapping');
  onlyFields(raw, ['name', 'port', 'adminPort', 'operationsPort'], where);
  const name = str(raw, 'name', where, /^orderer[0-9]{1,2}$/, 'orderer<N>');
  return { name, port: portOf(raw, 'port', where), adminPort: portOf(raw, 'adminPort', where), operationsPort: portOf(raw, 'operationsPort', where) };
}

/** Every address a network's processes listen on, by owner: a clash is a definition error. */
export function listenersOf(def: NetworkDefinition): { owner: string; host: string; port: number }[] {
  const out: { owner: string; host: string; port: number }[] = [];
  for (const o of def.organisations) {
    out.push({ owner: `ca-${o.key}`, host: o.host, port: o.ports.ca }, { owner: `ca-${o.key} operations`, host: o.host, port: o.ports.ca + 1 });
    if (o.kind !== 'orderer') {
      const p = o.ports as Required<Organisation['ports']>;
      out.push(
        { owner: `peer-${o.key}`, host: o.host, port: p.peer },
        { owner: `peer-${o.key} chaincode listener`, host: o.host, port: p.peer + 1 },
        { owner: `peer-${o.key} operations`, host: o.host, port: p.peerOperations },
        { owner: `cc-${o.key}`, host: o.host, port: p.chaincode },
      );
    }
  }
  const host = ordererOrg(def).host;
  for (const n of def.orderers) {
    out.push({ owner: n.name, host, port: n.port }, { owner: `${n.name} admin`, host, port: n.adminPort }, { owner: `${n.name} operations`, host, port: n.operationsPort });
  }
  return out;
}

function check(def: NetworkDefinition): NetworkDefinition {
  const seen = (what: string, values: string[]) => {
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup !== undefined) fail('organisations', `two organisations share the ${what} ${dup}`);
  };
  seen('key', def.organisations.map((o) => o.key));
  seen('MSP id', def.organisations.map((o) => o.msp));
  seen('host', def.organisations.map((o) => o.host));
  if (def.organisations.filter((o) => o.kind === 'orderer').length !== 1) fail('organisations', 'exactly one organisation must be of kind orderer');
  if (def.organisations.filter((o) => o.kind !== 'orderer').length === 0) fail('organisations', 'at least one peer organisation is needed');
  if (def.orderers.length === 0) fail('orderers', 'at least one orderer is needed');
  if (new Set(def.orderers.map((n) => n.name)).size !== def.orderers.length) fail('orderers', 'two orderers share a name');
  // One port per process on a machine: ports must differ even across hosts, because on one
  // machine (as here) the port-in-use checks and the port offset are per machine.
  const byPort = new Map<number, string>();
  for (const l of listenersOf(def)) {
    const other = byPort.get(l.port);
    if (other) fail('ports', `${l.owner} and ${other} both use port ${l.port}`);
    byPort.set(l.port, l.owner);
  }
  return def;
}

/** A network definition from its YAML (or JSON) text. */
export function parseDefinition(text: string, where = 'network definition'): NetworkDefinition {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    fail(where, `not valid YAML: ${(err as Error).message}`);
  }
  if (!isObject(raw)) fail(where, 'must be a mapping');
  onlyFields(raw, ['channel', 'chaincode', 'domain', 'organisations', 'orderers'], where);
  if (!Array.isArray(raw.organisations)) fail(`${where}.organisations`, 'must be a list');
  if (!Array.isArray(raw.orderers)) fail(`${where}.orderers`, 'must be a list');
  return check({
    channel: str(raw, 'channel', where, /^[a-z][a-z0-9.-]{0,48}$/, 'a channel name'),
    chaincode: str(raw, 'chaincode', where, /^[A-Za-z0-9_-]{1,40}$/, 'a chaincode name'),
    domain: str(raw, 'domain', where, HOST, 'a DNS domain'),
    organisations: raw.organisations.map((o, i) => organisationOf(o, `${where}.organisations[${i}]`, true)),
    orderers: raw.orderers.map((n, i) => ordererOf(n, `${where}.orderers[${i}]`)),
  });
}

/** One organisation's file, as `npm run org:add` takes it. */
export function parseOrganisation(text: string, where = 'organisation'): Organisation {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    fail(where, `not valid YAML: ${(err as Error).message}`);
  }
  if (isObject(raw) && raw.kind === 'orderer') fail(`${where}.kind`, 'org:add adds peer organisations; the ordering service is the orderer organisation’s');
  return organisationOf(raw, where, true);
}

/**
 * The definition with one more organisation, or `exists` when the same organisation (same key
 * and MSP id) is already in it. Any other clash (key, MSP, host or port taken) is an error.
 */
export function withOrganisation(def: NetworkDefinition, org: Organisation): { def: NetworkDefinition; exists: boolean } {
  const same = def.organisations.find((o) => o.key === org.key && o.msp === org.msp);
  if (same) return { def, exists: true };
  return { def: check({ ...def, organisations: [...def.organisations, org] }), exists: false };
}

export const ordererOrg = (def: NetworkDefinition): Organisation => def.organisations.find((o) => o.kind === 'orderer') as Organisation;
export const peerOrgs = (def: NetworkDefinition): Organisation[] => def.organisations.filter((o) => o.kind !== 'orderer');

/** The run's definition: <run>/network/definition.json, written by `network.sh up`. */
export const runDefinitionFile = (runDir: string): string => path.join(runDir, 'network', 'definition.json');

export function loadRunDefinition(runDir: string): NetworkDefinition {
  const file = runDefinitionFile(runDir);
  if (!fs.existsSync(file)) throw new Error(`${file} not found: the network has not been brought up (npm run network:up)`);
  return parseDefinition(fs.readFileSync(file, 'utf8'), file);
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The bash arrays scripts/lib/topology.sh sources (base ports: port() adds the offset). */
export function toBash(def: NetworkDefinition): string {
  const orgs = def.organisations;
  const peers = peerOrgs(def);
  const assoc = (name: string, entries: [string, string | number][]) =>
    `declare -gA ${name}=(${entries.map(([k, v]) => `[${k}]=${q(String(v))}`).join(' ')})`;
  const peerPort = (f: 'peer' | 'peerOperations' | 'chaincode') => peers.map((o) => [o.key, o.ports[f] as number] as [string, number]);
  return [
    '# Generated by scripts/network/definition.ts from the network definition; do not edit.',
    `CHANNEL=${q(def.channel)}`,
    `CC_NAME=${q(def.chaincode)}`,
    `DOMAIN=${q(def.domain)}`,
    `ORDERER_ORG=${q(ordererOrg(def).key)}`,
    `PEER_ORGS=(${peers.map((o) => q(o.key)).join(' ')})`,
    assoc('MSP_ID', orgs.map((o) => [o.key, o.msp])),
    assoc('ORG_KIND', orgs.map((o) => [o.key, o.kind])),
    assoc('ORG_KIND_LABEL', orgs.map((o) => [o.key, KIND_LABEL[o.kind]])),
    assoc('ORG_NAME', orgs.map((o) => [o.key, o.name])),
    assoc('ORG_REGION', orgs.map((o) => [o.key, o.region.name])),
    assoc('ORG_REGION_CODE', orgs.map((o) => [o.key, o.region.code])),
    assoc('ORG_HOST', orgs.map((o) => [o.key, o.host])),
    assoc('CA_PORT', orgs.map((o) => [o.key, o.ports.ca])),
    assoc('PEER_PORT', peerPort('peer')),
    assoc('PEER_OPS_PORT', peerPort('peerOperations')),
    assoc('CC_PORT', peerPort('chaincode')),
    `ORDERERS=(${def.orderers.map((n) => q(n.name)).join(' ')})`,
    assoc('ORDERER_PORT', def.orderers.map((n) => [n.name, n.port])),
    assoc('ORDERER_ADMIN_PORT', def.orderers.map((n) => [n.name, n.adminPort])),
    assoc('ORDERER_OPS_PORT', def.orderers.map((n) => [n.name, n.operationsPort])),
    '',
  ].join('\n');
}
