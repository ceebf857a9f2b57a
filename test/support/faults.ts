/** Helpers for fault tests: node control through scripts/network.sh, metrics, a gateway process. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { runDir } from './network';

const root = path.resolve(__dirname, '..', '..');
const offset = Number(process.env.RXCHAIN_PORT_OFFSET ?? 0);

export function node(action: 'stop' | 'kill' | 'start', name: string): void {
  execFileSync('bash', [path.join(root, 'scripts', 'network.sh'), 'node', action, name], {
    env: { ...process.env, RXCHAIN_RUN_DIR: runDir },
    stdio: 'ignore',
  });
}

export function httpGet(port: number, urlPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

const ORDERER_OPS: Record<string, number> = { orderer1: 8443, orderer2: 8543, orderer3: 8643 };

/** The orderer that currently leads rxchannel's Raft cluster, from its Prometheus metrics. */
export async function raftLeader(): Promise<string> {
  for (const [name, port] of Object.entries(ORDERER_OPS)) {
    try {
      const metrics = await httpGet(port + offset, '/metrics');
      if (/consensus_etcdraft_is_leader\{channel="rxchannel"\} 1/.test(metrics)) return name;
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
