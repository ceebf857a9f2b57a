import { PGlite } from '@electric-sql/pglite';
import fs from 'node:fs';
import pg from 'pg';

/** Runs SQL; the same surface inside and outside a transaction. */
export interface SqlExecutor {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * The read model's database: embedded PGlite or a PostgreSQL server. The rest of the read model
 * only sees this interface, so the SQL it writes must run on both (it is plain PostgreSQL).
 */
export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseLocation = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export async function openDatabase(location: DatabaseLocation): Promise<SqlDatabase> {
  return location.kind === 'pglite' ? openPglite(location.dataDir) : openPostgres(location.url);
}

async function openPglite(dataDir: string): Promise<SqlDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(dataDir);
  const run = async <R extends object>(executor: Pick<PGlite, 'query'>, sql: string, params?: unknown[]): Promise<R[]> =>
    (await executor.query<R>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    // PGlite is one connection: its transaction() holds the connection's lock, so queries from
    // elsewhere (routes) wait for the block being applied instead of slipping into it.
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => run(tx, sql, params) })),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<SqlDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server emits here; without a listener that would crash the
  // gateway. The next query gets a fresh connection (and its own error if the server is gone).
  pool.on('error', () => undefined);
  // Fail at start-up, not on the first block, when the server is unreachable.
  (await pool.connect()).release();
  const run = async <R extends object>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]): Promise<R[]> =>
    (await client.query<R>(sql, params)).rows;
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that cannot even roll back is dropped rather than handed out again.
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
