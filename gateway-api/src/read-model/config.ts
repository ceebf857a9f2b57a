import path from 'node:path';
import type { DatabaseLocation } from './database';

export interface ReadModelConfig {
  enabled: boolean;
  database: DatabaseLocation;
  /** MSP whose enrolled admin the follower runs as: the regulator sees every public record. */
  serviceMsp: string;
  /** An enrolled user to run as instead of that MSP's first admin. */
  serviceUser?: string;
}

/**
 * RXCHAIN_READ_MODEL=off disables the read model; RXCHAIN_DATABASE_URL (postgres://…) uses a
 * PostgreSQL server instead of the embedded PGlite database in RXCHAIN_READ_MODEL_DIR
 * (default <run dir>/read-model/pgdata, wiped with the network by `npm run network:clean`).
 */
export function loadReadModelConfig(env: NodeJS.ProcessEnv = process.env): ReadModelConfig {
  const flag = (env.RXCHAIN_READ_MODEL ?? 'on').toLowerCase();
  if (!['on', 'off'].includes(flag)) throw new Error(`RXCHAIN_READ_MODEL must be on or off, got ${env.RXCHAIN_READ_MODEL}`);
  const url = env.RXCHAIN_DATABASE_URL ?? '';
  if (url !== '' && !/^postgres(ql)?:\/\//.test(url)) throw new Error('RXCHAIN_DATABASE_URL must be a postgres:// or postgresql:// URL');
  const runDir = env.RXCHAIN_RUN_DIR ?? path.resolve(__dirname, '..', '..', '..', '.run');
  const dataDir = env.RXCHAIN_READ_MODEL_DIR ?? path.join(runDir, 'read-model', 'pgdata');
  return {
    enabled: flag === 'on',
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir },
    serviceMsp: env.RXCHAIN_READ_MODEL_MSP ?? 'RegulatorMSP',
    ...(env.RXCHAIN_READ_MODEL_USER ? { serviceUser: env.RXCHAIN_READ_MODEL_USER } : {}),
  };
}
