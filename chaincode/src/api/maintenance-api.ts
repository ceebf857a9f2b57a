/**
 * Maintenance: rebuilding an index on a ledger written by a chaincode version that did not have
 * it (stop 17's date-keyed indexes), a bounded page of records at a time.
 */
import { Type } from '@sinclair/typebox';
import { INDEX_NAMES } from '../stores/doc-types';
import { Closed, OneOf, Paging } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** Records one rebuild call takes: its reads and writes stay well inside one transaction. */
export const MAX_REBUILD_IDS = 200;

const RecordId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$', description: '1-128 letters, digits, dot, colon, dash or underscore' });

export interface IndexPage {
  index: string;
  docType: string;
  ids: string[];
  /** The next page's bookmark; empty on the last. */
  bookmark: string;
}

export interface IndexRebuild {
  index: string;
  docType: string;
  records: number;
  /** Entries written: missing ones, or ones whose summary differed. 0 on a second run. */
  written: number;
  /** Ids given that name no record. */
  missing: string[];
}

export const MaintenanceApi = {
  /** One page of the record ids of the store that keeps `index`, in key order (read-only: Fabric allows no writes after a paginated query). */
  IndexPage: evaluateTx('Maintenance:IndexPage', {
    args: Closed({ index: OneOf(INDEX_NAMES), ...Paging }),
    result: returns<IndexPage>(),
  }),
  /** Writes the entries `index` needs for these records where missing or different; idempotent and deterministic. */
  RebuildIndex: submitTx('Maintenance:RebuildIndex', {
    args: Closed({ index: OneOf(INDEX_NAMES), ids: Type.Array(RecordId, { minItems: 1, maxItems: MAX_REBUILD_IDS, uniqueItems: true }) }),
    result: returns<IndexRebuild>(),
  }),
} as const;
