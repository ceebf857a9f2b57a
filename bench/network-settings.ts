import fs from 'node:fs';
import path from 'node:path';

/** The run folder of the benchmarked network (scripts/bench.sh sets it). */
export const benchRunDir = process.env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '.run', 'bench');

export interface NetworkSettings {
  batchTimeout: string;
  batchMaxMessages: string;
}

/**
 * The block-cutting settings the benchmarked channel was really created with, from the configtx.yaml
 * the orderer org generated in its folder (scripts/lib/nodes.sh write_configtx; `<run>/channel/` before network.yaml).
 */
export function networkSettings(runDir = benchRunDir): NetworkSettings {
  const orgs = path.join(runDir, 'orgs');
  const candidates = [...(fs.existsSync(orgs) ? fs.readdirSync(orgs).map((org) => path.join(orgs, org, 'channel', 'configtx.yaml')) : []), path.join(runDir, 'channel', 'configtx.yaml')];
  const file = candidates.find((f) => fs.existsSync(f));
  const text = file ? fs.readFileSync(file, 'utf8') : '';
  return {
    batchTimeout: /BatchTimeout:\s*(\S+)/.exec(text)?.[1] ?? 'unknown',
    batchMaxMessages: /MaxMessageCount:\s*(\S+)/.exec(text)?.[1] ?? 'unknown',
  };
}

/** Peak RSS of all network processes, as sampled by scripts/bench.sh while the run lasted. */
export function peakNetworkRssMiB(runDir = benchRunDir): number | undefined {
  const file = path.join(runDir, 'peak-rss-kib');
  return fs.existsSync(file) ? Math.round(Number(fs.readFileSync(file, 'utf8')) / 1024) : undefined;
}
