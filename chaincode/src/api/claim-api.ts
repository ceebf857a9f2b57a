/** Claim: the transactions of the Claim contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import { CLAIM_REF_TYPES, CLAIM_STATUSES, REVIEW_DECISIONS, type ClaimRecord } from '../model/claim';
import { Closed, Fen, Id, OneOf, Paging, Region, Sha256Hex, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** Which side of a claim a region is on: where the care was given, or where the patient is insured. */
export const REGION_SIDES = ['treatment', 'insured'] as const;

/**
 * A claim names what it is for and nothing it could be paid on: the patient, dates and fee lines
 * come from the dispense or encounter record, the level and treatment region from the
 * institution record, the insured region and account from the insured-person record.
 */
const SubmitArgs = Closed({
  claimId: Id,
  refType: OneOf(CLAIM_REF_TYPES),
  /** dispenseId (pharmacy claims) or encounterId (hospital claims). */
  refId: Id,
  invoiceHash: Sha256Hex,
  /** Most the patient wants paid from the personal account; honoured up to the patient share and the balance; 0 when absent. */
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
