import { causeOf, summarise, type FailureCause, type WorkloadResult } from './stats';

export interface Workload {
  name: string;
  description: string;
  /** Prepares data; returns the operation each worker repeats (called with a worker-local counter). */
  prepare: () => Promise<(worker: number, iteration: number) => Promise<void>>;
  notes?: string;
}

/**
 * Runs a workload closed-loop: `concurrency` workers each issue the next operation as soon as
 * the previous answers, until the duration is up. Bounded in time and count by construction.
 */
export async function runWorkload(w: Workload, concurrency: number, durationSeconds: number): Promise<WorkloadResult> {
  const op = await w.prepare();
  const latencies: number[] = [];
  const failures: Record<FailureCause, number> = { mvcc: 0, endorsement: 0, timeout: 0, rejected: 0, other: 0 };
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        try {
          await op(worker, i);
          latencies.push(performance.now() - t0);
        } catch (err) {
          failures[causeOf(err)]++;
          firstError ??= (err as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const result: WorkloadResult = {
    name: w.name,
    description: w.description,
    concurrency,
    durationSeconds: Math.round(elapsed * 10) / 10,
    successes: latencies.length,
    failures,
    throughput: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: summarise(latencies),
  };
  const notes = [w.notes, firstError ? `first error: ${firstError.slice(0, 160)}` : undefined].filter(Boolean).join('; ');
  if (notes) result.notes = notes;
  return result;
}
