/**
 * The small and the large data set side by side: each workload's throughput and median latency
 * in both runs, and the ratios large / small, raw and normalised by each run's own baseline (the
 * machine is shared, so its speed drifts between runs; the baseline's blind write does not read
 * the data set), and the network's CPU ms per transaction in both, which a busy machine moves
 * less than throughput. Issue 15's target: per-operation cost within 10 %.
 *
 *   node -r ts-node/register/transpile-only bench/generator/compare.ts small.json large.json > comparison.md
 */
import fs from 'node:fs';
import type { BenchReport } from '../report';

const [smallFile, largeFile] = process.argv.slice(2);
if (!smallFile || !largeFile) throw new Error('usage: compare.ts <small report.json> <large report.json>');
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport;
const small = read(smallFile);
const large = read(largeFile);
/** The baseline at the same number of workers (a sweep runs each workload at several). */
const baseOf = (r: BenchReport, concurrency: number) => r.results.find((w) => w.name === 'baseline' && w.concurrency === concurrency)?.throughput ?? 0;
const round = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

const history = (r: BenchReport) => (r.settings.history as { totalRecords?: number } | undefined)?.totalRecords ?? 0;
const lines = [
  `Small: ${small.startedAt}, ${history(small)} imported history records, load average ${JSON.stringify(small.settings.loadAverageAtStart)}.`,
  `Large: ${large.startedAt}, ${history(large)} imported history records, load average ${JSON.stringify(large.settings.loadAverageAtStart)}.`,
  '',
  '| workload | workers | small tx/s | large tx/s | small p50 ms | large p50 ms | tx/s large / small | p50 large / small | (tx/s ÷ baseline) large / small | network CPU ms/tx small → large | CPU large / small |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const s of small.results) {
  const l = large.results.find((w) => w.name === s.name && w.concurrency === s.concurrency);
  if (!l) continue;
  const normalised = l.throughput / baseOf(large, l.concurrency) / (s.throughput / baseOf(small, s.concurrency));
  const cpuS = s.cpu?.networkMsPerTx;
  const cpuL = l.cpu?.networkMsPerTx;
  const cpu = cpuS && cpuL ? `${cpuS} → ${cpuL} | ${round(cpuL / cpuS)}` : '– | –';
  lines.push(
    `| ${s.name} | ${s.concurrency} | ${s.throughput} | ${l.throughput} | ${round(s.latencyMs.p50, 0)} | ${round(l.latencyMs.p50, 0)} | ${round(l.throughput / s.throughput)} | ${round(l.latencyMs.p50 / s.latencyMs.p50)} | ${round(normalised)} | ${cpu} |`,
  );
}
const rss = (r: BenchReport) => r.peakNetworkRssMiB;
if (rss(small) && rss(large)) lines.push('', `Peak RSS of the network: small ${rss(small)} MiB, large ${rss(large)} MiB (${round(rss(large)! / rss(small)!)}×).`);
console.log(lines.join('\n'));
