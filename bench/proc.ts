/**
 * CPU and memory of the network's processes and of the machine, read from /proc: the network's
 * pids are in `<run>/pids/NAME.pid` (first line), the kind of process follows from NAME, the load
 * driver is this process. Works for whatever data set the network holds: it only reads /proc.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const KINDS = ['peer', 'orderer', 'chaincode', 'gateway', 'ca', 'driver', 'other'] as const;
export type ProcessKind = (typeof KINDS)[number];

/** The kind of a network process from its pid file's name (scripts/lib/*.sh: peer-ORG, ORDERER, cc-ORG, ca-ORG, gateway). */
export function kindOf(pidFileName: string): ProcessKind {
  const name = path.basename(pidFileName, '.pid');
  if (name.startsWith('peer-')) return 'peer';
  if (name.startsWith('orderer')) return 'orderer';
  if (name.startsWith('cc-')) return 'chaincode';
  if (name.startsWith('ca-')) return 'ca';
  if (name === 'gateway') return 'gateway';
  return 'other';
}

/**
 * The host a network process would run on with one organisation per host: an org's peer,
 * chaincode server and CA on the org's host (peer-ORG, cc-ORG, ca-ORG), each orderer on its own,
 * the gateway on its own; undefined for the load driver.
 */
export function hostOf(name: string): string | undefined {
  const kind = kindOf(name);
  if (kind === 'peer' || kind === 'chaincode' || kind === 'ca') return name.slice(name.indexOf('-') + 1);
  if (kind === 'orderer' || kind === 'gateway') return name;
  return undefined;
}

/** utime + stime in clock ticks, from the text of /proc/PID/stat (fields 14 and 15, counted after the parenthesised name, which may hold spaces). */
export function cpuTicksOf(statText: string): number {
  const fields = statText.slice(statText.lastIndexOf(')') + 2).trim().split(/\s+/);
  // fields[0] is field 3 (state); utime is field 14, stime 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc/PID/stat line: ${statText.slice(0, 80)}`);
  return utime + stime;
}

/** Resident set size in KiB from the text of /proc/PID/status (VmRSS), 0 when absent (a zombie). */
export function rssKiBOf(statusText: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(statusText);
  return m ? Number(m[1]) : 0;
}

export interface MachineTicks {
  /** Ticks all CPUs spent on anything but idle and iowait. */
  busy: number;
  total: number;
}

/** The aggregate `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is already in user). */
export function machineTicksOf(procStatText: string): MachineTicks {
  const line = procStatText.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('no cpu line in /proc/stat');
  const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((s, x) => s + x, 0);
  return { busy: total - v[3] - (v[4] ?? 0), total };
}

export interface ProcessRef {
  name: string;
  kind: ProcessKind;
  pid: number;
}

export interface CpuSnapshot {
  /** Ticks per process name (a process gone since is absent). */
  ticks: Record<string, number>;
  machine: MachineTicks;
  atMs: number;
}

export interface StepCpu {
  /** CPU ms per kind per committed transaction (per answered operation for reads). */
  msPerTx: Partial<Record<ProcessKind, number>>;
  /** All the kinds together, without the load driver: what the network itself spends. */
  networkMsPerTx: number;
  /** CPU ms per transaction per host with one organisation per host (hostOf), and the busiest of them. */
  msPerTxByHost: Record<string, number>;
  busiestHost: { host: string; msPerTx: number } | undefined;
  /**
   * cores × 1000 ms/s ÷ the busiest host's CPU ms per tx: what this topology could commit with
   * each host given this machine's cores, if nothing but CPU were in the way.
   */
  ceilingOneOrgPerHostTxPerSecond: number;
  /** CPU ms/s per kind during the step (1000 = one core busy). */
  msPerSecond: Partial<Record<ProcessKind, number>>;
  /** Share of all the machine's cores busy during the step (anyone's work), the part of it ours (network and driver), and the rest. */
  machineBusy: number;
  oursBusy: number;
  notOursBusy: number;
  /** cores × 1000 ms/s ÷ network CPU ms per tx: the tx/s this topology could reach if it had the machine to itself. */
  ceilingTxPerSecond: number;
  /** The same counting the load driver too (it shares the machine here). */
  ceilingWithDriverTxPerSecond: number;
}

/**
 * Where the CPU went between two snapshots, divided by `units` (committed transactions, or
 * answered operations for reads). `clockTicks`: ticks per second (getconf CLK_TCK).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, processes: ProcessRef[], units: number, cores: number, clockTicks: number): StepCpu {
  const seconds = (after.atMs - before.atMs) / 1000;
  const ms = (ticks: number) => (ticks * 1000) / clockTicks;
  const byKind: Partial<Record<ProcessKind, number>> = {};
  const byHost: Record<string, number> = {};
  for (const p of processes) {
    const a = after.ticks[p.name];
    const b = before.ticks[p.name];
    if (a === undefined || b === undefined) continue;
    byKind[p.kind] = (byKind[p.kind] ?? 0) + ms(a - b);
    const host = hostOf(p.name);
    if (host !== undefined) byHost[host] = (byHost[host] ?? 0) + ms(a - b);
  }
  const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
  const ours = Object.values(byKind).reduce((s, v) => s + (v ?? 0), 0);
  const network = ours - (byKind.driver ?? 0);
  const machineTotal = after.machine.total - before.machine.total;
  const machineBusy = machineTotal > 0 ? (after.machine.busy - before.machine.busy) / machineTotal : 0;
  const machineBusyMs = machineBusy * cores * 1000 * seconds;
  const per = (v: number) => (units > 0 ? v / units : 0);
  const msPerTxByHost = Object.fromEntries(Object.entries(byHost).map(([h, v]) => [h, round(per(v))]));
  const [busiest] = Object.entries(msPerTxByHost).sort((x, y) => y[1] - x[1]);
  const busiestHost = busiest && busiest[1] > 0 ? { host: busiest[0], msPerTx: busiest[1] } : undefined;
  return {
    msPerTx: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(per(v ?? 0))])),
    networkMsPerTx: round(per(network)),
    msPerTxByHost,
    busiestHost,
    ceilingOneOrgPerHostTxPerSecond: busiestHost ? round((cores * 1000) / busiestHost.msPerTx, 1) : 0,
    msPerSecond: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, round(seconds > 0 ? (v ?? 0) / seconds : 0, 0)])),
    machineBusy: round(machineBusy, 3),
    oursBusy: round(ours / (cores * 1000 * Math.max(seconds, 1e-9)), 3),
    notOursBusy: round(Math.max(0, machineBusyMs - ours) / (cores * 1000 * Math.max(seconds, 1e-9)), 3),
    ceilingTxPerSecond: network > 0 && units > 0 ? round((cores * 1000) / per(network), 1) : 0,
    ceilingWithDriverTxPerSecond: ours > 0 && units > 0 ? round((cores * 1000) / per(ours), 1) : 0,
  };
}

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** The network's processes from `<run>/pids/*.pid`, and this process as the load driver. */
export function networkProcesses(runDir: string): ProcessRef[] {
  const dir = path.join(runDir, 'pids');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.pid')).sort() : [];
  const refs = files.flatMap((f) => {
    const pid = Number((read(path.join(dir, f)) ?? '').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? [{ name: path.basename(f, '.pid'), kind: kindOf(f), pid }] : [];
  });
  return [...refs, { name: 'bench-driver', kind: 'driver', pid: process.pid }];
}

export function cpuSnapshot(processes: ProcessRef[]): CpuSnapshot {
  const ticks: Record<string, number> = {};
  for (const p of processes) {
    const text = read(`/proc/${p.pid}/stat`);
    if (text) ticks[p.name] = cpuTicksOf(text);
  }
  return { ticks, machine: machineTicksOf(read('/proc/stat') ?? ''), atMs: performance.now() };
}

/** Ticks per second of /proc's CPU times. */
export function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** RSS in MiB per kind (the sum over that kind's processes) and of the network (all but the driver). */
export type RssByKind = Partial<Record<ProcessKind | 'network', number>>;

export function rssByKind(processes: ProcessRef[]): RssByKind {
  const kib: RssByKind = {};
  for (const p of processes) {
    const text = read(`/proc/${p.pid}/status`);
    if (!text) continue;
    const rss = rssKiBOf(text);
    kib[p.kind] = (kib[p.kind] ?? 0) + rss;
    if (p.kind !== 'driver') kib.network = (kib.network ?? 0) + rss;
  }
  return Object.fromEntries(Object.entries(kib).map(([k, v]) => [k, Math.round((v ?? 0) / 1024)]));
}

/** The larger of two RSS records, kind by kind. */
export function peakOf(a: RssByKind, b: RssByKind): RssByKind {
  const out: RssByKind = { ...a };
  for (const [k, v] of Object.entries(b) as Array<[keyof RssByKind, number]>) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}

/** Samples RSS per kind every `intervalMs` until stopped; returns the peak of each kind. */
export function sampleMemory(processes: ProcessRef[], intervalMs = 500): { stop: () => RssByKind } {
  let peak = rssByKind(processes);
  const timer = setInterval(() => {
    peak = peakOf(peak, rssByKind(processes));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peakOf(peak, rssByKind(processes));
    },
  };
}
