/**
 * The small and the large data set side by side, from bench reports run in pairs (small, large)
 * on the same machine: per pair, each workload's throughput, median latency and CPU per
 * transaction in both and the ratios large / small; over several pairs, the means and the spread
 * of the per-pair ratios (the machine's speed drifts between runs, so one pair says little), and
 * the peak RSS per process kind. Issue 15's target: per-operation cost within 10 %.
 */
import type { BenchReport } from '../report';
import type { ProcessKind, RssByKind } from '../proc';
import type { WorkloadResult } from '../stats';

export interface ReportPair {
  label: string;
  small: BenchReport;
  large: BenchReport;
}

const round = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const history = (r: BenchReport): number => (r.settings.history as { totalRecords?: number } | undefined)?.totalRecords ?? 0;
/** Whose patients the live workloads acted for (reports before this field: new ones on a fresh network, history on the large one). */
const patients = (r: BenchReport): string => (typeof r.settings.patients === 'string' ? r.settings.patients : history(r) > 0 ? 'history' : 'new');
/** The baseline at the same number of workers (a sweep runs each workload at several). */
const baseOf = (r: BenchReport, concurrency: number): number => r.results.find((w) => w.name === 'baseline' && w.concurrency === concurrency)?.throughput ?? 0;
const keyOf = (w: WorkloadResult): string => `${w.name}@${w.concurrency}`;
const cpuOf = (w: WorkloadResult, kind?: ProcessKind): number | undefined => (kind ? w.cpu?.msPerTx[kind] : w.cpu?.networkMsPerTx);
const range = (xs: number[]): string => (xs.length > 1 ? `${round(Math.min(...xs))}–${round(Math.max(...xs))}` : round(xs[0]));

/** Each kind's highest RSS over all the run's workloads. */
export function peakRssOf(report: BenchReport): RssByKind {
  const out: RssByKind = {};
  for (const byKind of Object.values(report.peakRssMiB ?? {})) {
    for (const [kind, mib] of Object.entries(byKind) as Array<[keyof RssByKind, number]>) out[kind] = Math.max(out[kind] ?? 0, mib);
  }
  return out;
}

function pairTable({ label, small, large }: ReportPair): string[] {
  const lines = [
    `## ${label}`,
    '',
    ...[small, large].map(
      (r, i) =>
        `${i === 0 ? 'Small' : 'Large'}: ${r.startedAt}, ${history(r)} imported history records, the live workloads for ${patients(r)} patients, load average ${JSON.stringify(r.settings.loadAverageAtStart)}.`,
    ),
    '',
    '| workload | workers | small tx/s | large tx/s | small p50 ms | large p50 ms | tx/s large / small | p50 large / small | (tx/s ÷ baseline) large / small | network CPU ms/tx small → large | CPU large / small |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of small.results) {
    const l = large.results.find((w) => keyOf(w) === keyOf(s));
    if (!l) continue;
    const normalised = l.throughput / baseOf(large, l.concurrency) / (s.throughput / baseOf(small, s.concurrency));
    const cpuS = cpuOf(s);
    const cpuL = cpuOf(l);
    const cpu = cpuS && cpuL ? `${cpuS} → ${cpuL} | ${round(cpuL / cpuS)}` : '– | –';
    lines.push(
      `| ${s.name} | ${s.concurrency} | ${s.throughput} | ${l.throughput} | ${round(s.latencyMs.p50, 0)} | ${round(l.latencyMs.p50, 0)} | ${round(l.throughput / s.throughput)} | ${round(l.latencyMs.p50 / s.latencyMs.p50)} | ${round(normalised)} | ${cpu} |`,
    );
  }
  const rss = (r: BenchReport) => r.peakNetworkRssMiB;
  if (rss(small) && rss(large)) lines.push('', `Peak RSS of the network: small ${rss(small)} MiB, large ${rss(large)} MiB (${round(rss(large)! / rss(small)!)}×).`);
  return lines;
}

/** Means over the pairs of every workload and step that all of them ran. */
function meansTable(pairs: ReportPair[]): string[] {
  const lines = [
    `## Means of ${pairs.length} pairs`,
    '',
    'Ratios are of the means; the spread is of the per-pair ratios. CPU ms per committed transaction (per answer for reads).',
    '',
    '| workload | workers | small tx/s | large tx/s | large / small | per pair | p50 ms small → large | network CPU small → large | peers | chaincode servers |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const cpuCell = (s: WorkloadResult[], l: WorkloadResult[], kind?: ProcessKind): string => {
    const cs = s.map((w) => cpuOf(w, kind)).filter((x): x is number => x !== undefined);
    const cl = l.map((w) => cpuOf(w, kind)).filter((x): x is number => x !== undefined);
    return cs.length && cl.length ? `${round(mean(cs), 1)} → ${round(mean(cl), 1)} (${round(mean(cl) / mean(cs))})` : '–';
  };
  for (const first of pairs[0].small.results) {
    const small = pairs.map((p) => p.small.results.find((w) => keyOf(w) === keyOf(first)));
    const large = pairs.map((p) => p.large.results.find((w) => keyOf(w) === keyOf(first)));
    if (small.some((w) => !w) || large.some((w) => !w)) continue;
    const s = small as WorkloadResult[];
    const l = large as WorkloadResult[];
    const ts = mean(s.map((w) => w.throughput));
    const tl = mean(l.map((w) => w.throughput));
    const perPair = s.map((w, i) => l[i].throughput / w.throughput);
    lines.push(
      `| ${first.name} | ${first.concurrency} | ${round(ts, 1)} | ${round(tl, 1)} | **${round(tl / ts)}** | ${range(perPair)} | ${round(mean(s.map((w) => w.latencyMs.p50)), 0)} → ${round(mean(l.map((w) => w.latencyMs.p50)), 0)} | ${cpuCell(s, l)} | ${cpuCell(s, l, 'peer')} | ${cpuCell(s, l, 'chaincode')} |`,
    );
  }
  const kinds = [...new Set(pairs.flatMap((p) => [...Object.keys(peakRssOf(p.small)), ...Object.keys(peakRssOf(p.large))]))] as Array<keyof RssByKind>;
  lines.push('', '| peak RSS, MiB (highest over the run, range over the pairs) | small | large | large / small |', '|---|---|---|---|');
  for (const kind of kinds) {
    const s = pairs.map((p) => peakRssOf(p.small)[kind]).filter((x): x is number => x !== undefined);
    const l = pairs.map((p) => peakRssOf(p.large)[kind]).filter((x): x is number => x !== undefined);
    if (!s.length || !l.length) continue;
    lines.push(`| ${kind} | ${Math.min(...s)}–${Math.max(...s)} | ${Math.min(...l)}–${Math.max(...l)} | ${round(mean(l) / mean(s))} |`);
  }
  return lines;
}

export function comparison(pairs: ReportPair[]): string {
  if (pairs.length === 0) throw new Error('no pair of reports to compare');
  const sections = pairs.map(pairTable);
  if (pairs.length > 1) sections.push(meansTable(pairs));
  return sections.map((s) => s.join('\n')).join('\n\n');
}
