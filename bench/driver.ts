import os from 'node:os';
import { summarisePhases, withPhases, type OperationPhases } from './phases';
import { clockTicks, cpuBetween, cpuSnapshot, sampleMemory, type ProcessRef } from './proc';
import { causeOf, summarise, type FailureCause, type WorkloadResult } from './stats';

/** What a workload is prepared for: one step of the run. */
export interface Step {
  concurrency: number;
  durationSeconds: number;
}

export interface Workload {
  name: string;
  description: string;
  /** Prepares data for a step; returns the operation each worker repeats (called with a worker-local counter). */
  prepare: (step: Step) => Promise<(worker: number, iteration: number) => Promise<void>>;
  notes?: string;
}

const CLOCK_TICKS = clockTicks();

/** Thrown by an operation whose worker has used up the data prepared for it: that worker stops, the others go on. */
export class WorkerDone extends Error {}

/**
 * Runs a workload closed-loop: `concurrency` workers each issue the next operation as soon as
 * the previous answers, until the duration is up. Bounded in time and count by construction.
 * While it runs (set-up excluded) the CPU and memory of `processes` are measured, and each
 * operation's phases collected.
 */
export async function runWorkload(w: Workload, step: Step, processes: ProcessRef[] = []): Promise<WorkloadResult> {
  const { concurrency, durationSeconds } = step;
  const op = await w.prepare(step);
  const ops: Array<{ latencyMs: number; phases: OperationPhases }> = [];
  const failures: Record<FailureCause, number> = { mvcc: 0, endorsement: 0, timeout: 0, rejected: 0, other: 0 };
  let firstError: string | undefined;
  let done = 0;
  const memory = sampleMemory(processes);
  const cpuBefore = cpuSnapshot(processes);
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          const { phases } = await withPhases(() => op(worker, i));
          ops.push({ latencyMs: performance.now() - t0, phases });
        } catch (err) {
          if (err instanceof WorkerDone) {
            done++;
            break;
          }
          failures[causeOf(err)]++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = cpuSnapshot(processes);
  const peakRssMiB = memory.stop();
  const committedTx = ops.reduce((s, o) => s + o.phases.commits, 0);
  const result: WorkloadResult = {
    name: w.name,
    description: w.description,
    concurrency,
    durationSeconds: Math.round(elapsed * 10) / 10,
    successes: ops.length,
    failures,
    throughput: Math.round((ops.length / elapsed) * 10) / 10,
    latencyMs: summarise(ops.map((o) => o.latencyMs)),
    committedTx,
    phasesMs: summarisePhases(ops),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
  if (processes.length) {
    result.cpu = cpuBetween(cpuBefore, cpuAfter, processes, committedTx || ops.length, os.cpus().length, CLOCK_TICKS);
    result.peakRssMiB = peakRssMiB;
  }
  const notes = [
    w.notes,
    done ? `${done} of ${concurrency} workers used up their prepared data before the end` : undefined,
    firstError ? `first error: ${firstError.slice(0, 160)}` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  if (notes) result.notes = notes;
  return result;
}
