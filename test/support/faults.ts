/** Helpers for fault tests: node control through scripts/network.sh, metrics, a gateway process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestClient } from '../../bench/clients';
import { loadRunDefinition, ordererOrg } from '../../scripts/network/definition';
import { gatewayApp, runDir, tokenOf, uniqueId, type DemoUser } from './network';

const root = path.resolve(__dirname, '..', '..');
const offset = Number(process.env.RXCHAIN_PORT_OFFSET ?? 0);

// Fabric colours its log levels even in files.
// eslint-disable-next-line no-control-regex
const ansiColour = /\x1b\[[0-9;]*m/g;

/** The last `lines` lines of a (possibly large, possibly missing) log file, without colour codes. */
export function logTail(file: string, lines = 30): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return `(no log at ${file})`;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, size - length);
    return buf.toString('utf8').replace(ansiColour, '').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Stops, kills or starts one node through `network.sh node ACTION NAME`. A failing command
 * throws an error carrying its exit status, its stderr and the tail of the node's own log,
 * so a fault test that cannot restart a node says why.
 */
export function node(action: 'stop' | 'kill' | 'start', name: string, dir: string = runDir): void {
  script(['network.sh', 'node', action, name], path.join(dir, 'logs', `${name}.log`), dir);
}

/**
 * Runs `scripts/<args[0]> args…` on the run folder; a failure throws with its exit status, its
 * output and the tail of `log` (the log of what it acts on).
 */
export function script(args: string[], log: string, dir: string = runDir): void {
  const [file, ...rest] = args;
  const res = spawnSync('bash', [path.join(root, 'scripts', file), ...rest], { env: { ...process.env, RXCHAIN_RUN_DIR: dir }, encoding: 'utf8', timeout: 180_000 });
  if (res.status === 0) return;
  const why = res.error ? res.error.message : res.signal ? `killed by ${res.signal}` : `exit status ${res.status}`;
  throw new Error(
    `${args.join(' ')} failed (${why})\n` +
      `--- its output ---\n${`${res.stdout ?? ''}${res.stderr ?? ''}`.trim()}\n` +
      `--- last 30 lines of ${log} ---\n${logTail(log, 30)}`,
  );
}

export function httpGet(port: number, urlPath: string, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host, port, path: urlPath }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

/** The orderer that currently leads the channel's Raft cluster, from its Prometheus metrics. */
export async function raftLeader(): Promise<string> {
  const def = loadRunDefinition(runDir);
  for (const { name, operationsPort } of def.orderers) {
    try {
      const metrics = await httpGet(operationsPort + offset, '/metrics', ordererOrg(def).host);
      if (metrics.includes(`consensus_etcdraft_is_leader{channel="${def.channel}"} 1`)) return name;
    } catch {
      // A stopped orderer cannot be the leader.
    }
  }
  throw new Error('no Raft leader found');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs the built gateway (gateway-api/dist/main.js) as a child process on a free port. */
export async function startGatewayProcess(port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'gateway-api', 'dist', 'main.js')], {
    env: { ...process.env, RXCHAIN_RUN_DIR: runDir, RXCHAIN_PORT: String(port), RXCHAIN_LOG_LEVEL: 'warn', RXCHAIN_RATE_LIMIT_PER_MINUTE: '100000', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      await httpGet(port, '/ready');
      return child;
    } catch {
      await sleep(100);
    }
  }
  child.kill('SIGKILL');
  throw new Error('gateway process did not start');
}

export function stopGatewayProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

export interface Outcome { acked: { id: string; at: number }[]; failures: { status?: number; message: string; at: number }[] }

/** Writers posting new probe records until `until()` is past, recording what was acknowledged. */
export async function writeLoad(client: RestClient, user: DemoUser, workers: number, until: () => number): Promise<Outcome> {
  const outcome: Outcome = { acked: [], failures: [] };
  const token = tokenOf(user);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until()) {
        const id = uniqueId('load');
        try {
          await client.call('POST', '/probes', token, { id, note: 'under fault' });
          outcome.acked.push({ id, at: Date.now() });
        } catch (err) {
          const e = err as { status?: number; message: string };
          outcome.failures.push({ status: e.status, message: e.message, at: Date.now() });
          await sleep(200);
        }
      }
    }),
  );
  return outcome;
}

/** Polls `check` until it holds, at most `timeoutMs`: no fixed sleeps, no unbounded waits. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** The test network's gateway listening on a free loopback port while the calling suite runs, and a REST client of it. */
export function suiteGateway(): { readonly client: RestClient } {
  let server: Server | undefined;
  let client: RestClient | undefined;
  before(async () => {
    const listening = gatewayApp().listen(0, '127.0.0.1');
    server = listening;
    await new Promise((r) => listening.once('listening', r));
    client = new RestClient(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`, 16);
  });
  after(() => {
    client?.close();
    server?.close();
  });
  return {
    get client(): RestClient {
      if (!client) throw new Error('the suite gateway is not listening yet');
      return client;
    },
  };
}
