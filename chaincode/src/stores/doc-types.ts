/**
 * Every record store, by the docType its keys carry: what the audit trail can read the history
 * of. A store added to the chaincode is added here, and the Audit schema follows.
 */
import type { Context } from 'fabric-contract-api';
import type { HistoryEntry } from '../model/audit';
import { importBatches } from './archive';
import { batches } from './batches';
import { catalogueDrugs, catalogueVersions } from './catalogue';
import { benefitYears, claims } from './claims';
import { cases } from './cases';
import { calendars, complaints } from './complaints';
import { clearingReturns } from './clearing-returns';
import { dispenses } from './dispenses';
import { encounters } from './encounters';
import { filings } from './filings';
import { institutions } from './institutions';
import { insuredPersons } from './insured-persons';
import { membershipProposals, memberships } from './membership';
import { policies } from './policies';
import { practitioners } from './practitioners';
import { prescriptions } from './prescriptions';
import { probes } from './probes';
import { transfers } from './transfers';

/** What the audit trail needs of a store, whatever its record type. */
export interface HistoryReader {
  readonly docType: string;
  history(ctx: Context, id: string): Promise<HistoryEntry<unknown>[]>;
}

/** What an index rebuild needs of a store (ledger/record-store.ts). */
export interface IndexedStore {
  readonly docType: string;
  indexNames(): string[];
  idPage(ctx: Context, paging: { pageSize?: number; bookmark?: string }): Promise<{ ids: string[]; bookmark: string }>;
  rebuildIndex(ctx: Context, indexName: string, ids: readonly string[]): Promise<{ written: number; missing: string[] }>;
}

const STORES: readonly (HistoryReader & IndexedStore)[] = [
  prescriptions,
  dispenses,
  encounters,
  insuredPersons,
  practitioners,
  institutions,
  catalogueVersions,
  catalogueDrugs,
  claims,
  benefitYears,
  transfers,
  batches,
  clearingReturns,
  filings,
  complaints,
  calendars,
  policies,
  probes,
  cases,
  memberships,
  membershipProposals,
  importBatches,
];

export const DOC_TYPES: readonly string[] = STORES.map((store) => store.docType);

/** The store of a docType the Audit schema admitted. */
export function storeOf(docType: string): HistoryReader {
  const store = STORES.find((s) => s.docType === docType);
  if (!store) throw new Error(`no record store has docType ${docType}`);
  return store;
}

/** The store that keeps an index, by the index's name; undefined for a name no store has. */
export const storeOfIndex = (indexName: string): IndexedStore | undefined => STORES.find((s) => s.indexNames().includes(indexName));

/** Every index name, store by store. */
export const INDEX_NAMES: readonly string[] = STORES.flatMap((s) => s.indexNames());
