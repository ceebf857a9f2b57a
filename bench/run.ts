/**
 * The benchmark: runs each workload closed-loop at each concurrency of the sweep for a fixed time
 * on the running network (scripts/bench.sh brings one up), and reports per step throughput,
 * failures by cause, latency percentiles (at the lowest step also by phase), CPU per committed
 * transaction per process kind and the machine's CPU use; per workload its peak, knee and peak
 * RSS per process kind; and the targets as ratios of peaks measured in the same run.
 *
 *   npm run bench -- --duration 10 --sweep 1,8,32,64,128 --only baseline,issue-rest,verify-rest
 *   npm run bench -- --duration 20 --concurrency 8 --only baseline,verify-rest --trace-sizes 1000,10000
 */
import os from 'node:os';
import path from 'node:path';
import { runWorkload, type Workload } from './driver';
import { dataSet } from './generator/data-set';
import { machineInfo, markdownTable, withRatios, writeReport, type BenchReport } from './report';
import { benchRunDir, networkSettings, peakNetworkRssMiB } from './network-settings';
import { networkProcesses, rssByKind, sampleMemory } from './proc';
import { sampleReadModelLag } from './read-model-lag';
import { checkTargets, peaksOf, ratiosToBaselinePeak, sweepOf } from './sweep';
import { workloads } from './workloads';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Workloads during which the read model's lag is sampled: the claim load. */
const LAG_SAMPLED = ['claim-to-remitted'];

const loadAverage = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

async function main(): Promise<void> {
  const duration = Number(arg('duration', process.env.BENCH_DURATION ?? '20'));
  const concurrency = arg('concurrency', process.env.BENCH_CONCURRENCY ?? '8');
  const sweep = sweepOf(arg('sweep', process.env.BENCH_SWEEP ?? concurrency));
  const only = arg('only', process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const outDir = arg('out', path.resolve(__dirname, 'results'));
  const traceSizes = arg('trace-sizes', process.env.BENCH_TRACE_SIZES ?? '1000').split(',').filter(Boolean).map(Number);
  const all: Workload[] = await workloads(traceSizes);
  const selected = only.length ? all.filter((w) => only.includes(w.name)) : all;
  if (!selected.some((w) => w.name === 'baseline')) selected.unshift(all[0]);
  const processes = networkProcesses(benchRunDir);

  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    machine: machineInfo(),
    settings: { durationSeconds: duration, sweep, traceSizes, catalogueSize: process.env.BENCH_CATALOGUE_SIZE ?? 'demo', ...dataSet(), ...networkSettings() },
    results: [],
    peakRssMiB: {},
    loadAverage: { start: loadAverage(), end: [] },
  };
  const failedSetups: string[] = [];
  for (const w of selected) {
    const memory = sampleMemory(processes);
    for (const workers of sweep) {
      process.stdout.write(`running ${w.name} (${workers} workers, ${duration} s) … `);
      // The read model's lag behind the chain is sampled while the claim load runs (after its set-up).
      let lag: ReturnType<typeof sampleReadModelLag> | undefined;
      const timed: Workload = LAG_SAMPLED.includes(w.name)
        ? {
            ...w,
            prepare: async (step) => {
              const op = await w.prepare(step);
              lag = sampleReadModelLag(process.env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:3000');
              return op;
            },
          }
        : w;
      try {
        const result = await runWorkload(timed, { concurrency: workers, durationSeconds: duration }, processes);
        report.results.push(result);
        const cpu = result.cpu ? `; machine CPU ${Math.round(result.cpu.machineBusy * 100)} %, network ${result.cpu.networkMsPerTx} ms CPU/tx` : '';
        console.log(`${result.throughput} /s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.successes} ok${cpu}`);
        if (lag) {
          const summary = await lag.stop();
          (report.readModelLag ??= {})[sweep.length > 1 ? `${w.name} at ${workers} workers` : w.name] = summary;
          console.log(`  read-model lag: blocks p50 ${summary.lagBlocks.p50}, p99 ${summary.lagBlocks.p99}, max ${summary.lagBlocks.max}; seconds p50 ${summary.lagSeconds.p50}, p99 ${summary.lagSeconds.p99}, max ${summary.lagSeconds.max}`);
        }
      } catch (err) {
        await lag?.stop();
        // A workload whose set-up fails is reported as such, and its larger steps skipped; the others still run.
        console.log(`set-up failed: ${(err as Error).message}`);
        failedSetups.push(`${w.name} at ${workers} workers: ${(err as Error).message}`);
        break;
      }
    }
    report.peakRssMiB![w.name] = memory.stop();
  }
  report.rssAtEndMiB = rssByKind(processes);
  report.loadAverage!.end = loadAverage();
  report.results = withRatios(report.results);
  const ratios = ratiosToBaselinePeak(peaksOf(report.results));
  report.peaks = peaksOf(report.results).map((p) => ({ ...p, ratioToBaselinePeak: ratios[p.name] }));
  report.targets = checkTargets(report.peaks);
  report.peakNetworkRssMiB = peakNetworkRssMiB();
  const files = writeReport(report, outDir);
  console.log(`\n${markdownTable(report)}`);
  if (failedSetups.length) {
    console.log(`workloads that could not run:\n  ${failedSetups.join('\n  ')}`);
    process.exitCode = 1;
  }
  console.log(`results: ${files.json}\n         ${files.md}\n         ${files.svg}`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
