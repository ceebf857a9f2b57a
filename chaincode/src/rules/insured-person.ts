/**
 * Insured persons (XR-01, XR-05): who may write the record, the moves of its status, and the
 * personal account that claims draw down and a rejection gives back. Pure: the contracts read
 * and save the records.
 */
import { MAX_FEN } from '../api/kit';
import { conflict, forbidden, ruleViolation, type FieldError } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { InsuranceScheme, InsuredPersonRecord, InsuredStatus } from '../model/insured-person';

/** A new enrolment in the insurer's region; a patient already insured anywhere cannot be enrolled again. */
export function enrolled(
  existing: InsuredPersonRecord | undefined,
  enrolment: { patientRef: string; scheme: InsuranceScheme; personalAccountFen?: number },
  insurerRegion: string,
  stamp: Stamp,
): InsuredPersonRecord {
  if (existing) {
    throw conflict(
      existing.insuredRegion === insurerRegion
        ? `patient ${existing.patientRef} is already enrolled in region ${insurerRegion}`
        : `patient ${existing.patientRef} is insured in region ${existing.insuredRegion}; one person is insured in one region`,
    );
  }
  return {
    docType: 'insured-person',
    patientRef: enrolment.patientRef,
    insuredRegion: insurerRegion,
    scheme: enrolment.scheme,
    status: 'ACTIVE',
    personalAccountFen: enrolment.personalAccountFen ?? 0,
    statusChanges: [],
    credits: [],
    enrolled: stamp,
    updated: stamp,
  };
}

/** An enrolment list names each person once: a transaction does not see its own writes, so a repeat would not be caught as enrolled. */
export function repeatedEnrolments(persons: readonly { patientRef: string }[]): FieldError[] {
  const first = new Map<string, number>();
  const errors: FieldError[] = [];
  persons.forEach(({ patientRef }, i) => {
    const earlier = first.get(patientRef);
    if (earlier === undefined) first.set(patientRef, i);
    else errors.push({ field: `persons[${i}].patientRef`, message: `must not repeat persons[${earlier}].patientRef` });
  });
  return errors;
}

/** Only the insurer of the person's insured region writes their record. */
export function checkInsurerOf(person: Pick<InsuredPersonRecord, 'patientRef' | 'insuredRegion'>, insurerRegion: string): void {
  if (person.insuredRegion !== insurerRegion) {
    throw forbidden(`only the insurer of region ${person.insuredRegion} writes the record of patient ${person.patientRef}`);
  }
}

/** ACTIVE and SUSPENDED turn into each other or end; ENDED is final; setting the status it has is a conflict. */
export function withInsuredStatus(person: InsuredPersonRecord, status: InsuredStatus, reason: string, stamp: Stamp): InsuredPersonRecord {
  if (person.status === 'ENDED') throw conflict(`the insurance of patient ${person.patientRef} has ended; it cannot change status`);
  if (person.status === status) throw conflict(`the insurance of patient ${person.patientRef} is already ${status}`);
  return { ...person, status, statusChanges: [...person.statusChanges, { status, reason, recorded: stamp }], updated: stamp };
}

/** Money into the personal account, once per reference, never onto ended insurance or beyond what the arithmetic is safe for. */
export function credited(person: InsuredPersonRecord, amountFen: number, reference: string, stamp: Stamp): InsuredPersonRecord {
  if (person.status === 'ENDED') throw conflict(`the insurance of patient ${person.patientRef} has ended; its account takes no credits`);
  if (person.credits.some((c) => c.reference === reference)) throw conflict(`credit ${reference} was already made to the account of patient ${person.patientRef}`);
  const balanceAfterFen = person.personalAccountFen + amountFen;
  if (balanceAfterFen > MAX_FEN) throw ruleViolation(`the personal account of patient ${person.patientRef} would exceed ${MAX_FEN} fen`);
  return { ...person, personalAccountFen: balanceAfterFen, credits: [...person.credits, { amountFen, reference, balanceAfterFen, recorded: stamp }], updated: stamp };
}

/** The record a claim for this patient is paid on (XR-01); RULE when there is none on the chain or the insurance is not ACTIVE. */
export function insuredForClaim(person: InsuredPersonRecord | undefined, patientRef: string): InsuredPersonRecord {
  if (!person) throw ruleViolation(`XR-01: patient ${patientRef} is not insured on the chain: no insured-person record`);
  if (person.status !== 'ACTIVE') throw ruleViolation(`XR-01: the insurance of patient ${patientRef} in region ${person.insuredRegion} is ${person.status}`);
  return person;
}

/** The account after a claim drew `amountFen` from it (the split never draws more than the balance). */
export function drawnDown(person: InsuredPersonRecord, amountFen: number, stamp: Stamp): InsuredPersonRecord {
  if (amountFen > person.personalAccountFen) throw new Error(`drawnDown: ${amountFen} fen exceeds the balance of ${person.personalAccountFen}`);
  return { ...person, personalAccountFen: person.personalAccountFen - amountFen, updated: stamp };
}

/** The account after a rejected claim gave back what it drew. */
export function givenBack(person: InsuredPersonRecord, amountFen: number, stamp: Stamp): InsuredPersonRecord {
  return { ...person, personalAccountFen: person.personalAccountFen + amountFen, updated: stamp };
}
