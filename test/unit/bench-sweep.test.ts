import { expect } from 'chai';
import { checkTargets, peakOf, peaksOf, ratiosToBaselinePeak, sweepOf } from '../../bench/sweep';
import type { WorkloadResult } from '../../bench/stats';

const step = (name: string, concurrency: number, throughput: number, p99: number): WorkloadResult => ({
  name,
  description: '',
  concurrency,
  durationSeconds: 10,
  successes: throughput * 10,
  failures: { mvcc: 0, endorsement: 0, timeout: 0, rejected: 0, other: 0 },
  throughput,
  latencyMs: { p50: p99 / 2, p95: p99, p99, mean: p99 / 2, max: p99 },
});

describe('bench: reading a concurrency sweep', () => {
  it('the peak is the step with the highest throughput, and the knee the fewest workers reaching 95 % of it', () => {
    const p = peakOf([step('w', 64, 50, 2000), step('w', 1, 5, 200), step('w', 8, 30, 400), step('w', 32, 48, 900), step('w', 128, 49, 4000)])!;
    expect(p.peak).to.deep.equal({ concurrency: 64, throughput: 50, p50: 1000, p99: 2000 });
    // 48 ≥ 0.95 × 50 = 47.5: 32 workers already reach the plateau.
    expect(p.knee).to.deep.equal({ concurrency: 32, throughput: 48, p99: 900 });
    expect(p.p99GrowthPastKnee).to.equal(4.44);
  });

  it('exactly 95 % of the peak is the knee; just under is not', () => {
    expect(peakOf([step('w', 1, 95, 10), step('w', 8, 100, 20)])!.knee.concurrency).to.equal(1);
    expect(peakOf([step('w', 1, 94.9, 10), step('w', 8, 100, 20)])!.knee.concurrency).to.equal(8);
  });

  it('a tie for the peak goes to fewer workers; a single step is its own peak and knee', () => {
    expect(peakOf([step('w', 8, 40, 10), step('w', 32, 40, 30)])!.peak.concurrency).to.equal(8);
    const one = peakOf([step('w', 8, 40, 10)])!;
    expect([one.peak.concurrency, one.knee.concurrency, one.p99GrowthPastKnee]).to.deep.equal([8, 8, 1]);
    expect(peakOf([])).to.equal(undefined);
  });

  it('targets compare peaks, each workload at its own peak, and are left out when a side did not run', () => {
    const peaks = peaksOf([
      step('baseline', 8, 30, 100), step('baseline', 32, 50, 300),
      step('issue-rest', 8, 41, 300), step('issue-rest', 32, 38, 900),
      step('read-rest', 8, 160, 50), step('read-direct', 8, 200, 30),
    ]);
    expect(ratiosToBaselinePeak(peaks)).to.deep.equal({ baseline: 1, 'issue-rest': 0.82, 'read-rest': 3.2, 'read-direct': 4 });
    expect(checkTargets(peaks)).to.deep.equal([
      { workload: 'issue-rest', against: 'baseline', ratio: 0.82, atLeast: 0.8, met: true },
      { workload: 'read-rest', against: 'read-direct', ratio: 0.8, atLeast: 0.8, met: true },
    ]);
  });

  it('--sweep takes positive whole worker counts, sorted and once each', () => {
    expect(sweepOf('32,1,8,8')).to.deep.equal([1, 8, 32]);
    for (const bad of ['', '0', '1,x', '2.5', '-4']) expect(() => sweepOf(bad), bad).to.throw(/--sweep wants worker counts/);
  });
});
