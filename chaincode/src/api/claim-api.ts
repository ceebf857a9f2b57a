/** Claim: the transactions of the Claim contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import { CLAIM_REF_TYPES, CLAIM_STATUSES, ENCOUNTER_TYPES, REVIEW_DECISIONS, type ClaimRecord } from '../model/claim';
import { INSTITUTION_LEVELS } from '../model/policy';
import { ClaimFeeLine, FeeLines } from './fee-lines';
import { Closed, Fen, Id, IsoDate, OneOf, Paging, PatientRef, Region, Sha256Hex, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** Which side of a claim a region is on: where the care was given, or where the patient is insured. */
export const REGION_SIDES = ['treatment', 'insured'] as const;

/**
 * A claim as submitted. Dispense claims leave out encounterType, admissionDate and feeLines (the
 * dispense record prices them); encounter claims need encounterType and feeLines, and an
 * inpatient stay its admissionDate (rules/claim-arguments.ts).
 */
const SubmitArgs = Closed({
  claimId: Id,
  refType: OneOf(CLAIM_REF_TYPES),
  refId: Id,
  invoiceHash: Sha256Hex,
  patientRef: PatientRef,
  insuredRegion: Region,
  institutionLevel: OneOf(INSTITUTION_LEVELS),
  encounterType: Type.Optional(OneOf(ENCOUNTER_TYPES)),
  /** Date of care; for a stay, the discharge date. */
  serviceDate: IsoDate,
  admissionDate: Type.Optional(IsoDate),
  feeLines: Type.Optional(FeeLines(ClaimFeeLine)),
  /** Most the patient wants paid from the personal account; 0 when absent. */
  personalAccountRequestFen: Type.Optional(Fen),
});

export const ClaimApi = {
  Submit: submitTx('Claim:Submit', { args: SubmitArgs, result: returns<ClaimRecord>() }),
  Review: submitTx('Claim:Review', {
    args: Closed({ claimId: Id, decision: OneOf(REVIEW_DECISIONS), reason: Type.Optional(Text(500)) }),
    result: returns<ClaimRecord>(),
  }),
  Get: evaluateTx('Claim:Get', { args: Closed({ claimId: Id }), result: returns<ClaimRecord>() }),
  /** A region's claims on one side (treatment by default); status filters the treatment side's queue. */
  ListByRegion: evaluateTx('Claim:ListByRegion', {
    args: Closed({ region: Region, side: Type.Optional(OneOf(REGION_SIDES)), status: Type.Optional(OneOf(CLAIM_STATUSES)), ...Paging }),
    result: returns<Page<ClaimRecord>>(),
  }),
  ListByInstitution: evaluateTx('Claim:ListByInstitution', {
    args: Closed({ institutionId: Id, ...Paging }),
    result: returns<Page<ClaimRecord>>(),
  }),
} as const;
