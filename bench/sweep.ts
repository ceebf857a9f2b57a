/**
 * Reading a concurrency sweep: each workload's peak, its knee, and the targets as ratios
 * of peaks measured in the same run.
 */
import type { WorkloadResult } from './stats';

/** `--sweep 1,8,32`: positive whole numbers of workers, in ascending order, each once. */
export function sweepOf(text: string): number[] {
  const steps = text.split(',').filter(Boolean).map(Number);
  if (!steps.length || steps.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--sweep wants worker counts like 1,8,32; got "${text}"`);
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** Share of the peak throughput at which a step counts as having reached the plateau. */
export const KNEE_SHARE = 0.95;

export interface WorkloadPeak {
  name: string;
  /** The step with the highest throughput. */
  peak: { concurrency: number; throughput: number; p50: number; p99: number };
  /**
   * The knee: the lowest concurrency whose throughput is at least 95 % of the peak — past it,
   * more workers only add latency. `p99GrowthPastKnee`: p99 at the highest step ÷ p99 at the knee.
   */
  knee: { concurrency: number; throughput: number; p99: number };
  p99GrowthPastKnee: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Peak and knee of one workload's steps (any order); undefined when none ran. */
export function peakOf(steps: WorkloadResult[]): WorkloadPeak | undefined {
  if (steps.length === 0) return undefined;
  const byConcurrency = [...steps].sort((a, b) => a.concurrency - b.concurrency);
  // Ties go to the lower concurrency: the same throughput for fewer workers.
  const peak = byConcurrency.reduce((best, s) => (s.throughput > best.throughput ? s : best));
  const knee = byConcurrency.find((s) => s.throughput >= KNEE_SHARE * peak.throughput) ?? peak;
  const last = byConcurrency[byConcurrency.length - 1];
  return {
    name: peak.name,
    peak: { concurrency: peak.concurrency, throughput: peak.throughput, p50: peak.latencyMs.p50, p99: peak.latencyMs.p99 },
    knee: { concurrency: knee.concurrency, throughput: knee.throughput, p99: knee.latencyMs.p99 },
    p99GrowthPastKnee: knee.latencyMs.p99 > 0 ? round2(last.latencyMs.p99 / knee.latencyMs.p99) : 0,
  };
}

/** Every workload's peak, in the order the workloads first appear. */
export function peaksOf(results: WorkloadResult[]): WorkloadPeak[] {
  const names = [...new Set(results.map((r) => r.name))];
  return names.flatMap((n) => peakOf(results.filter((r) => r.name === n)) ?? []);
}

/** The targets (issue 15): a workload's peak against another's peak in the same run. */
export const TARGETS: Array<{ workload: string; against: string; atLeast: number }> = [
  { workload: 'issue-rest', against: 'baseline', atLeast: 0.8 },
  { workload: 'dispense-rest', against: 'baseline', atLeast: 0.95 },
  { workload: 'claim-to-remitted', against: 'baseline', atLeast: 0.45 },
  { workload: 'read-rest', against: 'read-direct', atLeast: 0.8 },
  { workload: 'verify-rest', against: 'verify-direct', atLeast: 0.8 },
];

export interface TargetCheck {
  workload: string;
  against: string;
  ratio: number;
  atLeast: number;
  met: boolean;
}

/** The targets whose two workloads both ran. */
export function checkTargets(peaks: WorkloadPeak[]): TargetCheck[] {
  const peakOfName = (n: string) => peaks.find((p) => p.name === n)?.peak.throughput;
  return TARGETS.flatMap(({ workload, against, atLeast }) => {
    const a = peakOfName(workload);
    const b = peakOfName(against);
    if (a === undefined || !b) return [];
    const ratio = round2(a / b);
    return [{ workload, against, ratio, atLeast, met: ratio >= atLeast }];
  });
}

/** Each workload's peak throughput as a ratio to the baseline's peak. */
export function ratiosToBaselinePeak(peaks: WorkloadPeak[]): Record<string, number> {
  const base = peaks.find((p) => p.name === 'baseline')?.peak.throughput;
  if (!base) return {};
  return Object.fromEntries(peaks.map((p) => [p.name, round2(p.peak.throughput / base)]));
}
