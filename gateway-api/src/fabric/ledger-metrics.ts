/** What the Fabric adapter reports about its calls; the HTTP layer backs it with Prometheus. */
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
