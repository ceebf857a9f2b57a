import { expect } from 'chai';
import { comparison, peakRssOf } from '../../bench/generator/comparison';
import type { BenchReport } from '../../bench/report';
import type { WorkloadResult } from '../../bench/stats';

const result = (name: string, concurrency: number, throughput: number, peerMs: number): WorkloadResult => ({
  name,
  description: name,
  concurrency,
  durationSeconds: 10,
  successes: throughput * 10,
  failures: {} as WorkloadResult['failures'],
  throughput,
  latencyMs: { p50: 1000 / throughput, p95: 0, p99: 0, mean: 0, max: 0 },
  cpu: { msPerTx: { peer: peerMs, chaincode: 10 }, networkMsPerTx: peerMs + 10 } as WorkloadResult['cpu'],
});

const report = (records: number, issue: number, peerMs: number, peerRss: number): BenchReport => ({
  startedAt: '2026-12-01T00:00:00Z',
  machine: { cpus: 2, cpuModel: 'x', memoryGiB: 24, node: 'v20', platform: 'linux' },
  settings: { history: { totalRecords: records }, loadAverageAtStart: [1, 1, 1] },
  results: [result('baseline', 8, 50, 15), result('issue-rest', 8, issue, peerMs)],
  peakRssMiB: { baseline: { peer: peerRss - 100, chaincode: 500 }, 'issue-rest': { peer: peerRss, chaincode: 520 } },
});

describe('bench: small vs large data set comparison', () => {
  it('takes each kind\'s highest RSS over the run\'s workloads', () => {
    expect(peakRssOf(report(0, 25, 40, 700))).to.deep.equal({ peer: 700, chaincode: 520 });
  });

  it('one pair: the ratios of that pair, no means', () => {
    const md = comparison([{ label: 'one', small: report(0, 25, 40, 700), large: report(1_000_000, 20, 50, 1000) }]);
    expect(md).to.include('| issue-rest | 8 | 25 | 20 | 40 | 50 | 0.80 | 1.25 | 0.80 | 50 → 60 | 1.20 |');
    expect(md).to.include('Large: 2026-12-01T00:00:00Z, 1000000 imported history records, the live workloads for history patients');
    expect(md).to.include('Small: 2026-12-01T00:00:00Z, 0 imported history records, the live workloads for new patients');
    expect(md).to.not.include('Means of');
  });

  it('several pairs: means, the ratio of the means, the per-pair spread, CPU by kind and peak RSS', () => {
    const md = comparison([
      { label: 'a', small: report(0, 25, 40, 700), large: report(1_000_000, 20, 50, 1000) },
      { label: 'b', small: report(0, 35, 40, 740), large: report(1_000_000, 35, 30, 1100) },
    ]);
    expect(md).to.include('## Means of 2 pairs');
    // (20 + 35) / 2 ÷ (25 + 35) / 2 = 0.92; per pair 0.80 and 1.00; peers 40 → 40 ms
    expect(md).to.match(/\| issue-rest \| 8 \| 30\.0 \| 27\.5 \| \*\*0\.92\*\* \| 0\.80–1\.00 \| \d+ → \d+ \| 50\.0 → 50\.0 \(1\.00\) \| 40\.0 → 40\.0 \(1\.00\) \| 10\.0 → 10\.0 \(1\.00\) \|/);
    expect(md).to.include('| peer | 700–740 | 1000–1100 | 1.46 |');
  });

  it('refuses an empty list', () => {
    expect(() => comparison([])).to.throw(/no pair/);
  });
});
