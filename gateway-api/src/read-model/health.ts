import type { ReadModelService } from './service';

/** The read model's part of /health: how far it has applied the chain, and on what database. */
export function readModelHealth({ readModel }: { readModel?: ReadModelService }): { readModel: Record<string, unknown> } {
  if (!readModel) return { readModel: { state: 'off' } };
  const s = readModel.status();
  return {
    readModel: {
      state: s.state,
      processedHeight: s.processedHeight,
      chainHeight: s.chainHeight,
      lagBlocks: s.lagBlocks,
      database: s.database,
      ...(s.error ? { error: s.error } : {}),
    },
  };
}
