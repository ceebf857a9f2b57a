/**
 * The benchmark: runs each workload closed-loop at a fixed concurrency for a fixed time on the
 * running network (scripts/bench.sh brings one up), and reports throughput, failures by cause
 * and latency percentiles, each also as a ratio to the baseline measured in the same run.
 *
 *   npm run bench -- --duration 20 --concurrency 8 --only baseline,verify-rest --trace-sizes 1000,10000
 */
import path from 'node:path';
import { runWorkload, type Workload } from './driver';
import { dataSet } from './generator/data-set';
import { machineInfo, markdownTable, withRatios, writeReport, type BenchReport } from './report';
import { networkSettings, peakNetworkRssMiB } from './network-settings';
import { sampleReadModelLag } from './read-model-lag';
import { workloads } from './workloads';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Workloads during which the read model's lag is sampled: the claim load. */
const LAG_SAMPLED = ['claim-to-remitted'];

async function main(): Promise<void> {
  const duration = Number(arg('duration', process.env.BENCH_DURATION ?? '20'));
  const concurrency = Number(arg('concurrency', process.env.BENCH_CONCURRENCY ?? '8'));
  const only = arg('only', process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  const outDir = arg('out', path.resolve(__dirname, 'results'));
  const traceSizes = arg('trace-sizes', process.env.BENCH_TRACE_SIZES ?? '1000').split(',').filter(Boolean).map(Number);
  const all: Workload[] = await workloads(concurrency, traceSizes);
  const selected = only.length ? all.filter((w) => only.includes(w.name)) : all;
  if (!selected.some((w) => w.name === 'baseline')) selected.unshift(all[0]);

  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    machine: machineInfo(),
    settings: { durationSeconds: duration, concurrency, traceSizes, catalogueSize: process.env.BENCH_CATALOGUE_SIZE ?? 'demo', ...dataSet(), ...networkSettings() },
    results: [],
  };
  const failedSetups: string[] = [];
  for (const w of selected) {
    process.stdout.write(`running ${w.name} (${concurrency} workers, ${duration} s) … `);
    // The read model's lag behind the chain is sampled while the claim load runs (after its set-up).
    let lag: ReturnType<typeof sampleReadModelLag> | undefined;
    const timed: Workload = LAG_SAMPLED.includes(w.name)
      ? {
          ...w,
          prepare: async () => {
            const op = await w.prepare();
            lag = sampleReadModelLag(process.env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:3000');
            return op;
          },
        }
      : w;
    try {
      const result = await runWorkload(timed, concurrency, duration);
      report.results.push(result);
      console.log(`${result.throughput} /s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.successes} ok`);
      if (lag) {
        const summary = await lag.stop();
        (report.readModelLag ??= {})[w.name] = summary;
        console.log(`  read-model lag: blocks p50 ${summary.lagBlocks.p50}, p99 ${summary.lagBlocks.p99}, max ${summary.lagBlocks.max}; seconds p50 ${summary.lagSeconds.p50}, p99 ${summary.lagSeconds.p99}, max ${summary.lagSeconds.max}`);
      }
    } catch (err) {
      await lag?.stop();
      // A workload whose set-up fails is reported as such; the others still run.
      console.log(`set-up failed: ${(err as Error).message}`);
      failedSetups.push(`${w.name}: ${(err as Error).message}`);
    }
  }
  report.results = withRatios(report.results);
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
