/**
 * Where one operation's time went: the driver collects, per operation, the phases its calls
 * report — the direct path times fabric-gateway's separate steps itself, the REST path reads
 * the gateway's Server-Timing header — and summarises them per phase.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { summarise, type WorkloadResult } from './stats';

/**
 * endorse: proposal to endorsed transaction; order: the endorsed transaction handed to ordering
 * (fabric-gateway's submit); commit: waiting for the commit status; evaluate: a query (for a write
 * through the gateway: its read-your-writes height checks); gateway: the REST gateway's whole time.
 */
export type Phase = 'endorse' | 'order' | 'commit' | 'evaluate' | 'gateway';

export type OperationPhases = Partial<Record<Phase, number>> & { commits: number };

const current = new AsyncLocalStorage<OperationPhases>();

/** Runs one operation, collecting the phases of every call it makes. */
export async function withPhases<T>(fn: () => Promise<T>): Promise<{ value: T; phases: OperationPhases }> {
  const phases: OperationPhases = { commits: 0 };
  const value = await current.run(phases, fn);
  return { value, phases };
}

function note(into: OperationPhases | undefined, phase: Phase, ms: number): void {
  if (!into) return;
  into[phase] = (into[phase] ?? 0) + ms;
  if (phase === 'commit') into.commits++;
}

/** Adds a phase's duration to the operation being collected (none outside the driver's timed loop). */
export function notePhase(phase: Phase, ms: number): void {
  note(current.getStore(), phase, ms);
}

/** `notePhase` for the operation running now, for callbacks that run outside its context (socket events). */
export function phaseNoter(): (phase: Phase, ms: number) => void {
  const into = current.getStore();
  return (phase, ms) => note(into, phase, ms);
}

/** The gateway's names for its phases (http/server-timing.ts) in ours: its `submit` is ordering. */
const GATEWAY_PHASES: Record<string, Phase> = { evaluate: 'evaluate', endorse: 'endorse', submit: 'order', commit: 'commit', gateway: 'gateway' };

/** The phases of a Server-Timing header (`name;dur=ms` entries, repeated names adding up); unknown names are skipped. */
export function parseServerTiming(header: string | undefined): Array<[Phase, number]> {
  if (!header) return [];
  const out: Array<[Phase, number]> = [];
  for (const entry of header.split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const phase = GATEWAY_PHASES[name.trim()];
    const dur = params.map((p) => /^\s*dur=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (phase && dur !== undefined) out.push([phase, Number(dur)]);
  }
  return out;
}

export type PhaseSummary = NonNullable<WorkloadResult['phasesMs']>;

/**
 * Per phase, the distribution over operations of the time spent in it; `rest` is what no phase
 * covers (client and HTTP for the REST path; for the REST gateway's own time, `gateway` minus its
 * Fabric phases is `in-gateway`: authentication, validation, the wait for other peers before
 * endorsing, JSON). Phases are summed over an operation's calls (claim-to-remitted: two or three).
 */
export function summarisePhases(ops: Array<{ latencyMs: number; phases: OperationPhases }>): PhaseSummary {
  if (ops.length === 0) return { operations: 0, commitsPerOperation: 0, phases: {} };
  const fabric: Phase[] = ['evaluate', 'endorse', 'order', 'commit'];
  const names = new Set<string>();
  const rows = ops.map(({ latencyMs, phases }) => {
    const row: Record<string, number> = {};
    let covered = 0;
    for (const p of fabric) {
      if (phases[p] === undefined) continue;
      row[p] = phases[p];
      covered += phases[p];
    }
    if (phases.gateway !== undefined) {
      row['in-gateway'] = Math.max(0, phases.gateway - covered);
      covered = phases.gateway;
    }
    row.rest = Math.max(0, latencyMs - covered);
    for (const k of Object.keys(row)) names.add(k);
    return row;
  });
  const phases: PhaseSummary['phases'] = {};
  for (const name of names) {
    const { p50, p99, mean } = summarise(rows.map((r) => r[name] ?? 0));
    phases[name] = { p50, p99, mean };
  }
  const commits = ops.reduce((s, o) => s + o.phases.commits, 0);
  return { operations: ops.length, commitsPerOperation: Math.round((commits / ops.length) * 100) / 100, phases };
}
