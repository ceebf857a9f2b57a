/**
 * The docTypes whose world-state keys hold records (chaincode/src/ledger/state.ts recordKey:
 * composite key `\u0000<docType>\u0000<id>\u0000`). Every other composite key in the namespace is
 * an index entry, whose "docType" is the index name; the read model keeps records only, so this
 * list decides what is a record. A new record type in the chaincode must be added here.
 */
export const RECORD_DOC_TYPES = [
  'prescription',
  'dispense',
  'practitioner',
  'catalogue',
  'claim',
  'benefit-year',
  'transfer',
  'batch',
  'policy',
  'filing',
  'complaint',
  'calendar',
  'probe',
] as const;

export type RecordDocType = (typeof RECORD_DOC_TYPES)[number];

const RECORD_SET: ReadonlySet<string> = new Set(RECORD_DOC_TYPES);

export const isRecordDocType = (docType: string): docType is RecordDocType => RECORD_SET.has(docType);

/**
 * The docTypes the chaincode's `Audit:History` serves (its TRACEABLE set), so the only ones
 * /oversight/verify can re-read on the chain; benefit years and calendars have no history read.
 */
export const CHAIN_HISTORY_DOC_TYPES: readonly RecordDocType[] = [
  'prescription',
  'dispense',
  'practitioner',
  'catalogue',
  'claim',
  'transfer',
  'batch',
  'filing',
  'complaint',
  'policy',
  'probe',
];
