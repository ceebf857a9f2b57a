/**
 * Cross-field rules of the Claim contract's arguments, the part a schema cannot say: which
 * fields each kind of claim takes, the dates of a stay, the queue a status filters.
 */
import type { ArgsOf } from '../api/transaction';
import type { ClaimApi } from '../api/claim-api';
import { forbidden, invalidFields, validationError } from '../ledger/errors';
import type { Staff } from '../ledger/parties';
import type { ClaimRefType, ClaimStatus, EncounterType, FeeLineInput } from '../model/claim';
import { amountErrors } from './claim-lines';

type SubmitArgs = ArgsOf<typeof ClaimApi.Submit>;

interface SubmissionBase extends Omit<SubmitArgs, 'refType' | 'encounterType' | 'feeLines' | 'personalAccountRequestFen'> {
  encounterType: EncounterType;
  personalAccountRequestFen: number;
}

/** A submission whose fields agree with each other; an encounter claim carries its own fee lines. */
export type ClaimSubmission = (SubmissionBase & { refType: 'dispense' }) | (SubmissionBase & { refType: 'encounter'; feeLines: FeeLineInput[] });

const DISPENSE_OMITS = ['encounterType', 'admissionDate', 'feeLines'] as const;

/** The submission checked field against field and against today's China date. */
export function submissionOf(args: SubmitArgs, today: string): ClaimSubmission {
  const { refType, encounterType, feeLines, personalAccountRequestFen = 0, ...rest } = args;
  if (rest.serviceDate > today) throw validationError('serviceDate', `must not be after today (${today}): ${rest.serviceDate} is`);
  if (refType === 'dispense') {
    // A pharmacy claim is priced by the dispense on the ledger, never by what the claimant says.
    for (const name of DISPENSE_OMITS) {
      if (args[name] !== undefined) throw validationError(name, 'must be omitted for a dispense claim: it comes from the dispense record');
    }
    return { ...rest, refType, encounterType: 'pharmacy', personalAccountRequestFen };
  }
  if (encounterType === undefined) throw validationError('encounterType', 'is required for an encounter claim');
  if (feeLines === undefined) throw validationError('feeLines', 'is required for an encounter claim');
  const errors = amountErrors(feeLines);
  if (errors.length > 0) throw invalidFields(errors);
  if (encounterType === 'inpatient') {
    if (rest.admissionDate === undefined) throw validationError('admissionDate', 'is required for an inpatient claim');
    if (rest.admissionDate > rest.serviceDate) throw validationError('admissionDate', 'must not be after serviceDate (the discharge date)');
  } else if (rest.admissionDate !== undefined) {
    throw validationError('admissionDate', 'applies to inpatient claims only');
  }
  return { ...rest, refType, encounterType, feeLines, personalAccountRequestFen };
}

/** Pharmacies claim for their dispenses, hospitals for their encounters. */
export function checkClaimant(staff: Pick<Staff, 'kind'>, refType: ClaimRefType): void {
  if (refType === 'dispense' && staff.kind !== 'pharmacy') throw forbidden('only pharmacy staff claim for dispenses');
  if (refType === 'encounter' && staff.kind !== 'hospital') throw forbidden('only hospital staff claim for encounters');
}

/** Status queues are kept for the treatment side only, where claims are reviewed. */
export function checkRegionListing(side: 'treatment' | 'insured', status: ClaimStatus | undefined): void {
  if (status !== undefined && side !== 'treatment') throw validationError('status', 'filters the treatment side only: leave it out or set side to treatment');
}
