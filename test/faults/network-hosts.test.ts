import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { listenersOf, loadRunDefinition, ordererOrg } from '../../scripts/network/definition';
import { runDir } from '../support/network';

const offset = Number(process.env.RXCHAIN_PORT_OFFSET ?? 0);

/** Listening TCP sockets by inode, from the kernel's tables (/proc/net/tcp and tcp6). */
function listeningSockets(): Map<string, string> {
  const byInode = new Map<string, string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== '0A') continue; // LISTEN
      const [hex, portHex] = f[1].split(':');
      const port = parseInt(portHex, 16);
      // IPv4 addresses are printed as one little-endian word; IPv6 ones are shown as such.
      const host = hex.length === 8 ? [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.') : `[${hex}]`;
      byInode.set(f[9], `${host}:${port}`);
    }
  }
  return byInode;
}

/** The addresses a process listens on: its socket descriptors matched against the kernel's tables. */
function listenersOfPid(pid: number, sockets: Map<string, string>): string[] {
  const out: string[] = [];
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue; // closed meanwhile
    }
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    const address = inode === undefined ? undefined : sockets.get(inode);
    if (address) out.push(address);
  }
  return out.sort();
}

describe('one host per organisation (the default network’s processes)', () => {
  it('every process of the network listens on its own org’s address only, on the ports the definition gives it', () => {
    const def = loadRunDefinition(runDir);
    const hostOf = new Map(def.organisations.map((o) => [o.key, o.host]));
    const expected = new Map<string, string[]>();
    for (const l of listenersOf(def)) {
      const name = l.owner.split(' ')[0];
      expected.set(name, [...(expected.get(name) ?? []), `${l.host}:${l.port + offset}`].sort());
    }
    const sockets = listeningSockets();
    const seen: string[] = [];
    for (const file of fs.readdirSync(path.join(runDir, 'pids')).filter((f) => f.endsWith('.pid'))) {
      const name = file.replace(/\.pid$/, '');
      if (name === 'gateway') continue; // one process for the users of every org, on RXCHAIN_HOST
      const pid = Number(fs.readFileSync(path.join(runDir, 'pids', file), 'utf8').split('\n')[0]);
      const org = /^orderer\d+$/.test(name) ? ordererOrg(def).key : name.replace(/^(ca|peer|cc)-/, '');
      const listening = listenersOfPid(pid, sockets);
      for (const address of listening) expect(address, `${name} (pid ${pid})`).to.match(new RegExp(`^${hostOf.get(org)?.replace(/\./g, '\\.')}:\\d+$`));
      expect(listening, `${name} (pid ${pid}) listens on`).to.deep.equal(expected.get(name));
      seen.push(name);
    }
    // Every process of the definition runs and was checked.
    expect(seen.sort()).to.deep.equal([...expected.keys()].sort());
  });
});
