/** Latency and outcome bookkeeping for one workload run. */
import type { RssByKind, StepCpu } from './proc';

export type FailureCause = 'mvcc' | 'endorsement' | 'timeout' | 'rejected' | 'other';

export interface WorkloadResult {
  name: string;
  description: string;
  concurrency: number;
  durationSeconds: number;
  successes: number;
  failures: Record<FailureCause, number>;
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  ratioToBaseline?: { throughput: number; p99: number };
  /** Transactions the successful operations committed (0 for reads). */
  committedTx?: number;
  /** Per phase, p50/p99/mean ms over the successful operations (bench/phases.ts). */
  phasesMs?: { operations: number; commitsPerOperation: number; phases: Record<string, { p50: number; p99: number; mean: number }> };
  /** CPU per process kind during the timed part (bench/proc.ts), per committed tx (per operation for reads). */
  cpu?: StepCpu;
  /** Peak RSS per process kind during the timed part, MiB. */
  peakRssMiB?: RssByKind;
  /** The machine's load average (1, 5, 15 min) when the step ended. */
  loadAverage?: number[];
  notes?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarise(latencies: number[]): WorkloadResult['latencyMs'] {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(mean),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

/** Sorts a failure into the causes the report counts, from HTTP status or Fabric error text. */
export function causeOf(err: unknown): FailureCause {
  const e = err as { status?: number; code?: string; message?: string; details?: unknown };
  const text = `${e.code ?? ''} ${e.message ?? ''} ${JSON.stringify(e.details ?? '')}`;
  if (/MVCC|concurrent transaction|validationCode":1[12]\b|IDEMPOTENCY_IN_PROGRESS/i.test(text)) return 'mvcc';
  if (e.status === 503 || /UNAVAILABLE|DEADLINE|timeout|ETIMEDOUT|ECONNRESET/i.test(text)) return 'timeout';
  if (/ENDORSE|endorsement/i.test(text)) return 'endorsement';
  if (e.status !== undefined && e.status >= 400 && e.status < 500) return 'rejected';
  return 'other';
}
