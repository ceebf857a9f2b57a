/** Audit: the transactions of the Audit contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { HistoryEntry } from '../model/audit';
import { DOC_TYPES } from '../stores/doc-types';
import { Closed, OneOf } from './kit';
import { evaluateTx, returns } from './transaction';

/** Record ids of every store, the longest being a benefit year's region:year:patientRef. */
const RecordId = Type.String({ pattern: '^[A-Za-z0-9._:-]{1,128}$', description: '1-128 letters, digits, dot, colon, dash or underscore' });

export const AuditApi = {
  History: evaluateTx('Audit:History', {
    args: Closed({ docType: OneOf(DOC_TYPES), id: RecordId }),
    result: returns<HistoryEntry<unknown>[]>(),
  }),
} as const;
