import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LagSummary } from './read-model-lag';
import type { WorkloadResult } from './stats';

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  settings: Record<string, unknown>;
  results: WorkloadResult[];
  /** Peak RSS of every network process together (CAs, orderers, peers, chaincode servers, gateway). */
  peakNetworkRssMiB?: number;
  /** The read model's lag behind the chain, sampled during these workloads. */
  readModelLag?: Record<string, LagSummary>;
}

export function machineInfo(): BenchReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Every workload's throughput and p99 relative to the baseline measured in the same run. */
export function withRatios(results: WorkloadResult[]): WorkloadResult[] {
  const base = results.find((r) => r.name === 'baseline');
  if (!base || base.throughput === 0) return results;
  return results.map((r) => ({
    ...r,
    ratioToBaseline: {
      throughput: Math.round((r.throughput / base.throughput) * 100) / 100,
      p99: base.latencyMs.p99 ? Math.round((r.latencyMs.p99 / base.latencyMs.p99) * 100) / 100 : 0,
    },
  }));
}

export function markdownTable(report: BenchReport): string {
  const rows = report.results.map((r) => {
    const f = r.failures;
    const failures = `mvcc ${f.mvcc} · endorse ${f.endorsement} · timeout ${f.timeout} · rejected ${f.rejected} · other ${f.other}`;
    return `| ${r.name} | ${r.throughput} | ${r.ratioToBaseline?.throughput ?? '–'} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.ratioToBaseline?.p99 ?? '–'} | ${r.successes} | ${failures} |`;
  });
  const m = report.machine;
  return [
    `Run ${report.startedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; settings ${JSON.stringify(report.settings)}` +
      (report.peakNetworkRssMiB ? `; peak RSS of the network ${report.peakNetworkRssMiB} MiB` : ''),
    '',
    '| workload | tx/s | × baseline | p50 ms | p95 ms | p99 ms | p99 × baseline | ok | failures |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...Object.entries(report.readModelLag ?? {}).map(
      ([name, l]) =>
        `Read-model lag during ${name} (${l.samples} samples of /health every ${l.intervalMs} ms, ${l.blocksSeen} blocks): ` +
        `blocks p50 ${l.lagBlocks.p50}, p99 ${l.lagBlocks.p99}, max ${l.lagBlocks.max}; seconds p50 ${l.lagSeconds.p50}, p99 ${l.lagSeconds.p99}, max ${l.lagSeconds.max}\n`,
    ),
  ].join('\n');
}

/** A two-panel bar chart (throughput, p99 latency) as a standalone SVG. */
export function svgChart(results: WorkloadResult[]): string {
  const width = 900;
  const rowH = 26;
  const top = 40;
  const labelW = 200;
  const panelW = (width - labelW - 40) / 2;
  const height = top + results.length * rowH + 30;
  const maxTput = Math.max(1, ...results.map((r) => r.throughput));
  const maxP99 = Math.max(1, ...results.map((r) => r.latencyMs.p99));
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = results
    .map((r, i) => {
      const y = top + i * rowH;
      const tw = (r.throughput / maxTput) * (panelW - 60);
      const lw = (r.latencyMs.p99 / maxP99) * (panelW - 60);
      const x2 = labelW + panelW + 20;
      return [
        `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end">${esc(r.name)}</text>`,
        `<rect x="${labelW}" y="${y + 4}" width="${tw.toFixed(1)}" height="16" fill="#2b7bb9"/>`,
        `<text x="${labelW + tw + 4}" y="${y + 16}">${r.throughput}</text>`,
        `<rect x="${x2}" y="${y + 4}" width="${lw.toFixed(1)}" height="16" fill="#d9534f"/>`,
        `<text x="${x2 + lw + 4}" y="${y + 16}">${r.latencyMs.p99}</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${labelW}" y="24" font-weight="bold">committed tx/s (reads: answers/s)</text>
<text x="${labelW + panelW + 20}" y="24" font-weight="bold">p99 latency, ms</text>
${bars}
</svg>
`;
}

export function writeReport(report: BenchReport, dir: string): { json: string; md: string; svg: string } {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const files = {
    json: path.join(dir, `bench-${stamp}.json`),
    md: path.join(dir, `bench-${stamp}.md`),
    svg: path.join(dir, `bench-${stamp}.svg`),
  };
  fs.writeFileSync(files.json, JSON.stringify(report, null, 2));
  fs.writeFileSync(files.md, markdownTable(report));
  fs.writeFileSync(files.svg, svgChart(report.results));
  return files;
}
