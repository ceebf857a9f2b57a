import type { SqlDatabase } from '../../gateway-api/src/read-model/database';

/** A switch a test arms to fail the checkpoint update; off by default. */
export interface CheckpointFault {
  on: boolean;
}

/**
 * The database, failing the checkpoint update inside a block's transaction while `fault` is on:
 * a crash between a block's rows (projections included) and its checkpoint.
 */
export function failingCheckpoint(db: SqlDatabase, fault: CheckpointFault): SqlDatabase {
  return {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => {
            if (fault.on && /^UPDATE checkpoint/.test(sql)) throw new Error('simulated crash between the rows and the checkpoint of a block');
            return tx.query(sql, params);
          },
        }),
      ),
    close: () => db.close(),
  };
}
