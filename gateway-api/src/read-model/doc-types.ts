/**
 * The docTypes whose world-state keys hold records (composite key `\u0000<docType>\u0000<id>\u0000`):
 * every record store's, as the chaincode lists them once (stores/doc-types.ts, which Audit:History
 * serves too). Every other composite key in the namespace is an index entry, whose "docType" is
 * the index name; the read model keeps records only.
 */
import { DOC_TYPES } from '@rxchain/chaincode/dist/shared';

export const RECORD_DOC_TYPES: readonly string[] = DOC_TYPES;

const RECORD_SET: ReadonlySet<string> = new Set(RECORD_DOC_TYPES);

export const isRecordDocType = (docType: string): boolean => RECORD_SET.has(docType);
