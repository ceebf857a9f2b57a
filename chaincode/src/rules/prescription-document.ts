/**
 * The prescription as the doctor signs it off: its content, the hash a printed or relayed copy
 * is checked against, and the record Issue writes.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json';
import type { Stamp } from '../model/audit';
import type { DuplicateHit, PrescriptionRecord } from '../model/prescription';

export type RxContent = Pick<
  PrescriptionRecord,
  'rxId' | 'prescriber' | 'patientRef' | 'kind' | 'chronicDisease' | 'diagnosisCodes' | 'items' | 'catalogueVersion' | 'issuedAt' | 'validUntil'
>;

/**
 * sha256 of the canonical JSON of what the doctor signed off (see PrescriptionRecord.docHash):
 * of each item only what was prescribed, not the catalogue facts or what is left.
 */
export function docHashOf(rx: RxContent): string {
  const content = {
    rxId: rx.rxId,
    prescriber: rx.prescriber,
    patientRef: rx.patientRef,
    kind: rx.kind,
    chronicDisease: rx.chronicDisease,
    diagnosisCodes: rx.diagnosisCodes,
    items: rx.items.map(({ drugCode, quantity, dose, days }) => ({ drugCode, quantity, dose, days })),
    catalogueVersion: rx.catalogueVersion,
    issuedAt: rx.issuedAt,
    validUntil: rx.validUntil,
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * The record of a newly issued prescription. Issued over duplicates (the caller has checked the
 * override reason is there), it is flagged and keeps the reason and the duplicates it overrode.
 */
export function issuedPrescription(content: RxContent, stamp: Stamp, duplicates: readonly DuplicateHit[], overrideReason: string | undefined): PrescriptionRecord {
  const flagged = duplicates.length > 0;
  const rx: PrescriptionRecord = {
    docType: 'prescription',
    ...content,
    status: 'ISSUED',
    docHash: docHashOf(content),
    flagged,
    dispenseIds: [],
    issued: stamp,
    updated: stamp,
  };
  if (flagged && overrideReason !== undefined) rx.duplicateOverride = { reason: overrideReason, duplicates: [...duplicates] };
  return rx;
}
