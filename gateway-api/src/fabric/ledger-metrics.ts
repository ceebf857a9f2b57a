/** What the Fabric adapter reports about its calls; the HTTP layer backs it with Prometheus. */
import { AsyncLocalStorage } from 'node:async_hooks';

export type LedgerPhase = 'evaluate' | 'endorse' | 'submit' | 'commit';

export interface LedgerMetrics {
  /** Starts timing one phase of a call; the returned function stops it. */
  phase(name: LedgerPhase): () => void;
  /** An endorsed transaction went to ordering again after its commit status stayed silent. */
  resubmitted(): void;
}

export const noMetrics: LedgerMetrics = {
  phase: () => () => undefined,
  resubmitted: () => undefined,
};

/** One timed phase of one ledger call. */
export interface PhaseTiming {
  phase: LedgerPhase;
  ms: number;
}

const collected = new AsyncLocalStorage<PhaseTiming[]>();

/** Runs `fn`, noting into `phases` every phase the ledger calls made under it time (one request's). */
export function collectingPhases<T>(phases: PhaseTiming[], fn: () => T): T {
  return collected.run(phases, fn);
}

/** `metrics`, also noting each phase's duration among the phases being collected, if any are. */
export function withPhaseCollection(metrics: LedgerMetrics): LedgerMetrics {
  return {
    phase: (name) => {
      const stop = metrics.phase(name);
      const phases = collected.getStore();
      if (!phases) return stop;
      const started = performance.now();
      return () => {
        stop();
        phases.push({ phase: name, ms: performance.now() - started });
      };
    },
    resubmitted: () => metrics.resubmitted(),
  };
}
