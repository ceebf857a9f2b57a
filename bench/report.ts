import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KINDS, type RssByKind } from './proc';
import type { LagSummary } from './read-model-lag';
import type { WorkloadResult } from './stats';
import { peakOf, type TargetCheck, type WorkloadPeak } from './sweep';

export interface BenchReport {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  settings: Record<string, unknown>;
  /** One entry per workload and step (concurrency). */
  results: WorkloadResult[];
  /** Each workload's peak and knee over the sweep, with its peak as a ratio to the baseline's peak. */
  peaks?: Array<WorkloadPeak & { ratioToBaselinePeak?: number }>;
  /** The issue's targets, from the peaks. */
  targets?: TargetCheck[];
  /** Peak RSS per process kind, MiB, while each workload ran (set-up of every step included), and when all had run. */
  peakRssMiB?: Record<string, RssByKind>;
  rssAtEndMiB?: RssByKind;
  /** The machine's load average (1, 5, 15 min) at the start and at the end. */
  loadAverage?: { start: number[]; end: number[] };
  /** Peak RSS of every network process together (CAs, orderers, peers, chaincode servers, gateway), sampled by scripts/bench.sh. */
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

/** Every step's throughput and p99 relative to the baseline's step at the same concurrency in the same run. */
export function withRatios(results: WorkloadResult[]): WorkloadResult[] {
  return results.map((r) => {
    const base = results.find((b) => b.name === 'baseline' && b.concurrency === r.concurrency);
    if (!base || base.throughput === 0) return r;
    return {
      ...r,
      ratioToBaseline: {
        throughput: Math.round((r.throughput / base.throughput) * 100) / 100,
        p99: base.latencyMs.p99 ? Math.round((r.latencyMs.p99 / base.latencyMs.p99) * 100) / 100 : 0,
      },
    };
  });
}

const pct = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v * 100)} %`);
const cell = (v: number | undefined) => (v === undefined ? '–' : String(v));

function sweepTable(results: WorkloadResult[]): string[] {
  return [
    '| workload | workers | ops/s | × baseline (same workers) | p50 ms | p95 ms | p99 ms | ok | committed tx | failures | machine CPU busy | of it not ours | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const f = r.failures;
      const failures = `mvcc ${f.mvcc} · endorse ${f.endorsement} · timeout ${f.timeout} · rejected ${f.rejected} · other ${f.other}`;
      return `| ${r.name} | ${r.concurrency} | ${r.throughput} | ${r.ratioToBaseline?.throughput ?? '–'} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.successes} | ${r.committedTx ?? '–'} | ${failures} | ${pct(r.cpu?.machineBusy)} | ${pct(r.cpu?.notOursBusy)} | ${r.loadAverage?.[0] ?? '–'} |`;
    }),
  ];
}

function peaksTable(report: BenchReport): string[] {
  if (!report.peaks?.length) return [];
  const lines = [
    '**Peaks and knees.** Knee: the lowest concurrency reaching ≥ 95 % of the workload\'s peak throughput; past it more workers',
    'only add latency (p99 growth: p99 at the largest step ÷ p99 at the knee).',
    '',
    '| workload | peak ops/s | at workers | p50 / p99 ms at peak | knee (workers) | ops/s / p99 ms at knee | p99 growth past knee | peak × baseline peak |',
    '|---|---|---|---|---|---|---|---|',
    ...report.peaks.map(
      (p) =>
        `| ${p.name} | ${p.peak.throughput} | ${p.peak.concurrency} | ${p.peak.p50} / ${p.peak.p99} | ${p.knee.concurrency} | ${p.knee.throughput} / ${p.knee.p99} | ${p.p99GrowthPastKnee}× | ${cell(p.ratioToBaselinePeak)} |`,
    ),
    '',
  ];
  const baseline = report.peaks.find((p) => p.name === 'baseline');
  const baselineAtPeak = baseline && report.results.find((r) => r.name === 'baseline' && r.concurrency === baseline.peak.concurrency);
  if (report.targets?.length || baselineAtPeak?.cpu) {
    lines.push('**Targets (issue 15), peak against peak in this run:**', '', '| target | measured | needed | met |', '|---|---|---|---|');
    for (const t of report.targets ?? []) lines.push(`| ${t.workload} ÷ ${t.against} | ${t.ratio} | ≥ ${t.atLeast} | ${t.met ? 'yes' : 'no'} |`);
    if (baselineAtPeak?.cpu) {
      const { oursBusy, machineBusy } = baselineAtPeak.cpu;
      lines.push(
        `| the machine's CPU the baseline used at its peak (${baselineAtPeak.concurrency} workers; network and driver; the machine was ${pct(machineBusy)} busy) | ${pct(oursBusy)} | ≥ 85 % | ${oursBusy >= 0.85 ? 'yes' : 'no'} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

const PHASE_COLUMNS = ['evaluate', 'endorse', 'order', 'commit', 'in-gateway', 'rest'];

function phasesTable(results: WorkloadResult[]): string[] {
  const lowest = Math.min(...results.map((r) => r.concurrency));
  const rows = results.filter((r) => r.concurrency === lowest && r.phasesMs?.operations);
  if (!rows.length) return [];
  return [
    `**Latency at ${lowest} worker${lowest === 1 ? '' : 's'} by phase**, p50 / p99 ms, summed over an operation's calls. endorse: proposal → endorsed;`,
    "order: the endorsed transaction handed to ordering (fabric-gateway's submit); commit: waiting for its commit status; evaluate: a",
    "query (in a REST write: the gateway's read-your-writes height checks); in-gateway: the REST gateway's own time less its Fabric",
    'calls (authentication, validation, its wait for other peers before endorsing, JSON); rest: client and HTTP, or for the direct',
    "path fabric-gateway's own work. REST phases come from the gateway's Server-Timing header.",
    '',
    `| workload | ops | tx per op | total | ${PHASE_COLUMNS.join(' | ')} |`,
    `|---|---|---|---|${PHASE_COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) => {
      const p = r.phasesMs?.phases ?? {};
      const cols = PHASE_COLUMNS.map((c) => (p[c] ? `${p[c].p50} / ${p[c].p99}` : '–'));
      return `| ${r.name} | ${r.phasesMs?.operations} | ${r.phasesMs?.commitsPerOperation} | ${r.latencyMs.p50} / ${r.latencyMs.p99} | ${cols.join(' | ')} |`;
    }),
    '',
  ];
}

const CPU_KINDS = KINDS.filter((k) => k !== 'other');

function cpuTable(results: WorkloadResult[], cores: number): string[] {
  const rows = results.filter((r) => r.cpu);
  if (!rows.length) return [];
  return [
    '**CPU ms per committed transaction by process kind** (per answered operation for reads, which commit nothing), from',
    '`/proc/<pid>/stat` before and after the timed part of each step; machine CPU busy from `/proc/stat` (all cores, anyone\'s work,',
    `ours = the network's and the driver's share of all cores). Ceiling = ${cores} cores × 1000 ms/s ÷ network CPU ms per tx (the load`,
    'driver excluded, then included). Busiest host: with one organisation per host (its peer, chaincode server and CA; each orderer',
    `and the gateway on their own), the host that spent most per tx; one org per host = ${cores} cores × 1000 ÷ its ms per tx, what each`,
    'host given these cores could carry if nothing but CPU were in the way. A step where most operations failed spent its CPU on work',
    'that never committed: its per-tx figures say so, not what a transaction costs.',
    '',
    `| workload | workers | ok / failed | ${CPU_KINDS.join(' | ')} | network | machine busy | ours | ceiling tx/s | with driver | busiest host ms/tx | one org per host tx/s |`,
    `|---|---|---|${CPU_KINDS.map(() => '---').join('|')}|---|---|---|---|---|---|---|`,
    ...rows.map((r) => {
      const c = r.cpu!;
      const failed = Object.values(r.failures).reduce((s, v) => s + v, 0);
      return `| ${r.name} | ${r.concurrency} | ${r.successes} / ${failed} | ${CPU_KINDS.map((k) => cell(c.msPerTx[k])).join(' | ')} | ${c.networkMsPerTx} | ${pct(c.machineBusy)} | ${pct(c.oursBusy)} | ${c.ceilingTxPerSecond} | ${c.ceilingWithDriverTxPerSecond} | ${c.busiestHost ? `${c.busiestHost.host} ${c.busiestHost.msPerTx}` : '–'} | ${c.ceilingOneOrgPerHostTxPerSecond || '–'} |`;
    }),
    '',
  ];
}

function memoryTable(report: BenchReport): string[] {
  const entries = Object.entries(report.peakRssMiB ?? {});
  if (!entries.length) return [];
  const kinds = [...CPU_KINDS, 'network'] as const;
  const row = (label: string, m: RssByKind) => `| ${label} | ${kinds.map((k) => cell(m[k])).join(' | ')} |`;
  return [
    '**Peak RSS by process kind, MiB** (sum over the kind\'s processes at the sampled moment; network = all but the driver; sampled',
    'every 500 ms while the workload ran, set-up included):',
    '',
    `| workload | ${kinds.join(' | ')} |`,
    `|---|${kinds.map(() => '---').join('|')}|`,
    ...entries.map(([name, m]) => row(name, m)),
    ...(report.rssAtEndMiB ? [row('at the end', report.rssAtEndMiB)] : []),
    '',
  ];
}

export function markdownTable(report: BenchReport): string {
  const m = report.machine;
  const load = report.loadAverage ? `; load average ${report.loadAverage.start.join(' ')} at the start, ${report.loadAverage.end.join(' ')} at the end` : '';
  return [
    `Run ${report.startedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; settings ${JSON.stringify(report.settings)}` +
      (report.peakNetworkRssMiB ? `; peak RSS of the network ${report.peakNetworkRssMiB} MiB` : '') +
      load,
    '',
    ...sweepTable(report.results),
    '',
    ...peaksTable(report),
    ...phasesTable(report.results),
    ...cpuTable(report.results, m.cpus),
    ...memoryTable(report),
    ...Object.entries(report.readModelLag ?? {}).map(
      ([name, l]) =>
        `Read-model lag during ${name} (${l.samples} samples of /health every ${l.intervalMs} ms, ${l.blocksSeen} blocks): ` +
        `blocks p50 ${l.lagBlocks.p50}, p99 ${l.lagBlocks.p99}, max ${l.lagBlocks.max}; seconds p50 ${l.lagSeconds.p50}, p99 ${l.lagSeconds.p99}, max ${l.lagSeconds.max}\n`,
    ),
  ].join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * One row per workload, two line charts in it: throughput and p99 latency against the number of
 * workers (log scale), each on its own y scale from 0 to its maximum. A sweep of one step draws dots.
 */
export function svgChart(results: WorkloadResult[]): string {
  const names = [...new Set(results.map((r) => r.name))];
  const workers = [...new Set(results.map((r) => r.concurrency))].sort((a, b) => a - b);
  const labelW = 170;
  const chartW = 330;
  const gap = 60;
  const rowH = 110;
  const plotH = 70;
  const top = 40;
  const width = labelW + 2 * chartW + gap + 30;
  const height = top + names.length * rowH + 20;
  const lo = Math.log2(workers[0] ?? 1);
  const hi = Math.log2(workers[workers.length - 1] ?? 1);
  const xOf = (c: number, x0: number) => x0 + (hi > lo ? ((Math.log2(c) - lo) / (hi - lo)) * (chartW - 40) : (chartW - 40) / 2);
  const panel = (steps: WorkloadResult[], value: (r: WorkloadResult) => number, x0: number, y0: number, colour: string) => {
    const max = Math.max(1e-9, ...steps.map(value));
    const yOf = (v: number) => y0 + plotH - (v / max) * plotH;
    const pts = steps.map((r) => [xOf(r.concurrency, x0), yOf(value(r)), value(r)] as const);
    return [
      `<line x1="${x0}" y1="${y0 + plotH}" x2="${x0 + chartW - 40}" y2="${y0 + plotH}" stroke="#999"/>`,
      `<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 + plotH}" stroke="#999"/>`,
      ...workers.map((c) => `<text x="${xOf(c, x0).toFixed(1)}" y="${y0 + plotH + 13}" text-anchor="middle" fill="#666">${c}</text>`),
      pts.length > 1 ? `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>` : '',
      ...pts.map(([x, y, v]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${colour}"/><text x="${x.toFixed(1)}" y="${(y - 5).toFixed(1)}" text-anchor="middle">${v}</text>`),
    ].join('');
  };
  const rows = names
    .map((name, i) => {
      const steps = results.filter((r) => r.name === name).sort((a, b) => a.concurrency - b.concurrency);
      const y0 = top + i * rowH + 16;
      const knee = peakOf(steps)?.knee.concurrency ?? steps[0].concurrency;
      const kx = xOf(knee, labelW).toFixed(1);
      return [
        `<text x="${labelW - 10}" y="${y0 + plotH / 2}" text-anchor="end" font-weight="bold">${esc(name)}</text>`,
        `<line x1="${kx}" y1="${y0}" x2="${kx}" y2="${y0 + plotH}" stroke="#888" stroke-dasharray="3,3"/><text x="${kx}" y="${y0 + plotH - 4}" dx="-3" text-anchor="end" fill="#666">knee</text>`,
        panel(steps, (r) => r.throughput, labelW, y0, '#2b7bb9'),
        panel(steps, (r) => r.latencyMs.p99, labelW + chartW + gap, y0, '#d9534f'),
      ].join('\n');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="white"/>
<text x="${labelW}" y="20" font-weight="bold" font-size="13">operations/s by workers (claims paid/s, answers/s)</text>
<text x="${labelW + chartW + gap}" y="20" font-weight="bold" font-size="13">p99 latency, ms, by workers</text>
<text x="${labelW}" y="34" fill="#666">workers on a log scale; dashed: the knee (fewest workers reaching 95 % of the peak)</text>
${rows}
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
