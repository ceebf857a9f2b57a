/**
 * The small and the large data set side by side (bench/generator/comparison.ts): reports given in
 * pairs, small then large, each pair run back to back on the same machine.
 *
 *   node -r ts-node/register/transpile-only bench/generator/compare.ts small-1.json large-1.json [small-2.json large-2.json …] > comparison.md
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchReport } from '../report';
import { comparison, type ReportPair } from './comparison';

const files = process.argv.slice(2);
if (files.length === 0 || files.length % 2 !== 0) throw new Error('usage: compare.ts <small.json> <large.json> [<small.json> <large.json> …]');
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport;
const pairs: ReportPair[] = [];
for (let i = 0; i < files.length; i += 2) {
  pairs.push({ label: `${path.basename(files[i])} vs ${path.basename(files[i + 1])}`, small: read(files[i]), large: read(files[i + 1]) });
}
console.log(comparison(pairs));
