/**
 * What the benchmarked ledger holds, for the report: the data set, whose patients the live
 * workloads act for (new ones, or the generator's with history: BENCH_PATIENTS), and for the large
 * one the history the generator has loaded so far.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchRunDir } from '../network-settings';

export function dataSet(): Record<string, unknown> {
  const data = process.env.BENCH_DATA ?? 'small';
  const progressFile = path.join(benchRunDir, 'generator', 'progress.json');
  const base = { data, patients: process.env.BENCH_PATIENTS === 'history' ? 'history' : 'new', loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 10) / 10) };
  if (data !== 'large' || !fs.existsSync(progressFile)) return base;
  const p = JSON.parse(fs.readFileSync(progressFile, 'utf8')) as { records: Record<string, number>; doneBatches: number[]; size: object };
  return { ...base, history: { records: p.records, totalRecords: Object.values(p.records).reduce((a, b) => a + b, 0), batches: p.doneBatches.length, world: p.size } };
}
