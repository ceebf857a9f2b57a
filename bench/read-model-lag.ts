/**
 * Read-model lag under load: while a workload runs, samples the gateway's /health every 100 ms —
 * the chain height its ledger reads (`ledger.height`) and the read model's checkpoint
 * (`readModel.processedHeight`) — and reports the lag in blocks per sample, and per block the
 * seconds from the sample that first saw it on the chain to the sample that saw it applied
 * (so the seconds figure resolves to the 100 ms sampling interval).
 */
import { percentile } from './stats';

export interface LagSummary {
  samples: number;
  blocksSeen: number;
  lagBlocks: { p50: number; p99: number; max: number };
  lagSeconds: { p50: number; p99: number; max: number };
  intervalMs: number;
  /** Samples in which /health had no read-model figures (read model off or starting). */
  missing: number;
}

interface Health {
  ledger?: { height?: string | number };
  readModel?: { processedHeight?: string | null };
}

export function sampleReadModelLag(gatewayUrl: string, intervalMs = 100): { stop: () => Promise<LagSummary> } {
  const lags: number[] = [];
  const firstSeen = new Map<number, number>();
  const seconds: number[] = [];
  /** The next block number not yet seen on the chain; blocks applied before sampling began are not counted. */
  let nextToTrack: number | undefined;
  let missing = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        const health = (await (await fetch(`${gatewayUrl}/health`)).json()) as Health;
        const now = performance.now();
        const height = Number(health.ledger?.height ?? NaN);
        const processed = Number(health.readModel?.processedHeight ?? NaN);
        if (Number.isFinite(height) && Number.isFinite(processed)) {
          nextToTrack ??= processed;
          for (; nextToTrack < height; nextToTrack++) firstSeen.set(nextToTrack, now);
          lags.push(Math.max(0, height - processed));
          // Blocks below the checkpoint are applied: each one's lag is from when it was first seen.
          for (const [b, seen] of firstSeen) {
            if (b < processed) {
              seconds.push((now - seen) / 1000);
              firstSeen.delete(b);
            }
          }
        } else missing++;
      } catch {
        missing++;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - t))));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      const blocks = [...lags].sort((a, b) => a - b);
      const secs = [...seconds].sort((a, b) => a - b);
      const round = (v: number) => Math.round(v * 100) / 100;
      return {
        samples: lags.length,
        blocksSeen: seconds.length,
        lagBlocks: { p50: percentile(blocks, 50), p99: percentile(blocks, 99), max: blocks[blocks.length - 1] ?? 0 },
        lagSeconds: { p50: round(percentile(secs, 50)), p99: round(percentile(secs, 99)), max: round(secs[secs.length - 1] ?? 0) },
        intervalMs,
        missing,
      };
    },
  };
}
