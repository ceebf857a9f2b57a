/**
 * What a claim rests on, read from the dispense or encounter record and never from the
 * claimant: the patient, the dates of care, and the fee lines with their coverage. Only the
 * record's own institution may claim it.
 */
import { fieldErrors } from '../api/checker';
import { FeeLines, RecordedDispenseLine } from '../api/fee-lines';
import { forbidden, ruleViolation } from '../ledger/errors';
import type { ClaimRefType, ClaimSourceLine, DispenseForClaim, EncounterType } from '../model/claim';
import type { Coverage } from '../model/coverage';
import type { EncounterRecord } from '../model/encounter';
import { amountErrors } from './claim-lines';
import { chinaDateOf } from './dates';
import { periodOf } from './encounter-record';

export interface ClaimSource {
  refType: ClaimRefType;
  refId: string;
  /** The transaction that wrote the record. */
  refTxId: string;
  patientRef: string;
  encounterType: EncounterType;
  /** China date of care: the dispense date, the visit, or a stay's discharge. */
  serviceDate: string;
  admissionDate?: string;
  /** The first and last China date of care: the dispense date, the visit, or the stay. */
  period: { from: string; to: string };
  /** The record's own diagnoses (an encounter's); a dispense's are its prescription's. */
  diagnosisCodes: string[];
  /** The prescriptions whose drugs the lines bill, each once. */
  rxIds: string[];
  lines: ClaimSourceLine[];
}

const DispenseLines = FeeLines(RecordedDispenseLine);

/**
 * A pharmacy's claim on its dispense. The record is checked as strictly as an argument: every
 * line must name its drug and coverage and be priced exactly, or the claim is refused (RULE:
 * the record, made before the chain priced dispenses, cannot vouch for what the fund would pay).
 */
export function dispenseSource(dispense: DispenseForClaim, claimantInstitutionId: string): ClaimSource {
  if (dispense.pharmacyId !== claimantInstitutionId) {
    throw forbidden(`dispense ${dispense.dispenseId} was made by ${dispense.pharmacyId}, not ${claimantInstitutionId}`);
  }
  const errors = fieldErrors(DispenseLines, dispense.feeLines, 'feeLines');
  if (errors.length === 0) errors.push(...amountErrors(dispense.feeLines));
  if (errors.length > 0) {
    throw ruleViolation(`dispense ${dispense.dispenseId} cannot be claimed: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
  const serviceDate = chinaDateOf(Date.parse(dispense.dispensed.at));
  return {
    refType: 'dispense',
    refId: dispense.dispenseId,
    refTxId: dispense.dispensed.txId,
    patientRef: dispense.patientRef,
    encounterType: 'pharmacy',
    serviceDate,
    period: { from: serviceDate, to: serviceDate },
    diagnosisCodes: [],
    rxIds: [dispense.rxId],
    // The schema check above proved drugCode and coverage present on every line.
    lines: dispense.feeLines.map(({ item, unitPriceFen, quantity, amountFen, drugCode, coverage }) => ({
      item,
      unitPriceFen,
      quantity,
      amountFen,
      category: 'drug',
      drugCode,
      rxId: dispense.rxId,
      coverage: coverage as Coverage,
      coverageSource: 'dispense',
    })),
  };
}

/** A hospital's claim on its encounter, priced by the lines it recorded then (RX-03). */
export function encounterSource(encounter: EncounterRecord, claimantInstitutionId: string): ClaimSource {
  if (encounter.institutionId !== claimantInstitutionId) {
    throw forbidden(`encounter ${encounter.encounterId} was recorded by ${encounter.institutionId}, not ${claimantInstitutionId}`);
  }
  const serviceDate = encounter.serviceDate ?? encounter.dischargeDate;
  if (serviceDate === undefined) throw new Error(`encounter ${encounter.encounterId} has neither a service nor a discharge date`);
  const rxIds = encounter.feeLines.flatMap((line) => (line.rxId === undefined ? [] : [line.rxId]));
  const source: ClaimSource = {
    refType: 'encounter',
    refId: encounter.encounterId,
    refTxId: encounter.recorded.txId,
    patientRef: encounter.patientRef,
    encounterType: encounter.type,
    serviceDate,
    period: periodOf(encounter),
    diagnosisCodes: [...encounter.diagnosisCodes],
    rxIds: [...new Set(rxIds)],
    lines: encounter.feeLines.map(({ item, unitPriceFen, quantity, amountFen, category, drugCode, rxId, itemCode, coverage, coverageSource }) => ({
      item,
      unitPriceFen,
      quantity,
      amountFen,
      category,
      ...(drugCode === undefined ? {} : { drugCode }),
      ...(rxId === undefined ? {} : { rxId }),
      ...(itemCode === undefined ? {} : { itemCode }),
      coverage,
      coverageSource,
    })),
  };
  if (encounter.admissionDate !== undefined) source.admissionDate = encounter.admissionDate;
  return source;
}
