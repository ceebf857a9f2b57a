/**
 * Designation (定点) rules: which level an institution kind may have, when an agreement's terms
 * are acceptable, whether an institution may act on a day, and the records registration and
 * renewal write. Pure; the Institution contract reads and saves.
 */
import { conflict, validationError } from '../ledger/errors';
import type { Stamp } from '../model/audit';
import type { AgreementTerm, InstitutionGrade, InstitutionKind, InstitutionRecord } from '../model/institution';
import { INSTITUTION_LEVELS, type InstitutionLevel } from '../model/policy';

/**
 * The levels of the fund's level table (PM-26, PM-31) each kind may be registered at. A hospital
 * is graded basic (一级), secondary (二级) or tertiary (三级). A community clinic (社区卫生服务中心)
 * is primary care by definition. A retail pharmacy has no hospital grade, but the fund must still
 * pick a row for its outpatient claims: national practice (门诊共济 at designated pharmacies) pays
 * them as primary-level care, and nothing in our source documents says otherwise, so it is basic.
 */
export const LEVELS_OF_KIND: Record<InstitutionKind, readonly InstitutionLevel[]> = {
  hospital: INSTITUTION_LEVELS,
  communityClinic: ['basic'],
  pharmacy: ['basic'],
};

/** VALIDATION unless the kind may have the level. */
export function checkKindLevel(kind: InstitutionKind, level: InstitutionLevel): void {
  const allowed = LEVELS_OF_KIND[kind];
  if (!allowed.includes(level)) throw validationError('level', `must be ${allowed.join(' or ')} for a ${kind}, not ${level}`);
}

/** An agreement's term runs forwards and has not already ended: an insurer does not sign an expired agreement. */
export function checkAgreementTerm(term: AgreementTerm, today: string): void {
  if (term.validTo < term.validFrom) throw validationError('agreement.validTo', `must not be before agreement.validFrom (${term.validFrom})`);
  if (term.validTo < today) throw validationError('agreement.validTo', `must not be in the past (today is ${today} in China)`);
}

/**
 * Whether a designated institution may act on a China date (CR-10): its agreement must be in
 * its validity period and ACTIVE, or SUSPENDED with the suspension over (it ends at midnight
 * China time after suspendedUntil). Returns the refusal's reason, naming the sanction's own
 * rule and reason when there is one, or undefined.
 */
export function agreementRefusal(
  institution: Pick<InstitutionRecord, 'institutionId' | 'agreement'> & Partial<Pick<InstitutionRecord, 'sanctions'>>,
  today: string,
): string | undefined {
  const { agreement, institutionId } = institution;
  const basis = (action: 'SUSPEND' | 'REVOKE'): string => {
    const sanction = [...(institution.sanctions ?? [])].reverse().find((s) => s.action === action);
    return sanction ? ` (${sanction.ruleId}: ${sanction.reason})` : '';
  };
  if (agreement.status === 'REVOKED') return `CR-10: the designation agreement of ${institutionId} is revoked${basis('REVOKE')}`;
  if (agreement.status === 'SUSPENDED' && (agreement.suspendedUntil === undefined || today <= agreement.suspendedUntil)) {
    const until = agreement.suspendedUntil ? ` until ${agreement.suspendedUntil} inclusive` : '';
    return `CR-10: the designation agreement of ${institutionId} is suspended${until}${basis('SUSPEND')}`;
  }
  if (today < agreement.validFrom) return `CR-10: the designation agreement of ${institutionId} starts on ${agreement.validFrom}`;
  if (today > agreement.validTo) return `CR-10: the designation agreement of ${institutionId} ended on ${agreement.validTo}`;
  return undefined;
}

export interface Registration {
  institutionId: string;
  name: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  region: string;
  grade: InstitutionGrade;
  agreement: AgreementTerm;
}

/** A newly designated institution: its agreement ACTIVE, no sanctions. */
export function registeredInstitution(input: Registration, today: string, stamp: Stamp): InstitutionRecord {
  checkKindLevel(input.kind, input.level);
  checkAgreementTerm(input.agreement, today);
  const { number, validFrom, validTo } = input.agreement;
  return {
    docType: 'institution',
    institutionId: input.institutionId,
    name: input.name,
    kind: input.kind,
    level: input.level,
    region: input.region,
    grade: input.grade,
    agreement: { number, validFrom, validTo, status: 'ACTIVE' },
    sanctions: [],
    registered: stamp,
    updated: stamp,
  };
}

export interface InstitutionChanges {
  name?: string;
  level?: InstitutionLevel;
  grade?: InstitutionGrade;
  /** A renewal: the new agreement's number and term. */
  agreement?: AgreementTerm;
}

/** The fields an update changes, in a fixed order (for the event). */
export const changedFields = (changes: InstitutionChanges): (keyof InstitutionChanges)[] =>
  (['name', 'level', 'grade', 'agreement'] as const).filter((field) => changes[field] !== undefined);

/**
 * The institution after its insurer changed its name, level or grade, or renewed its agreement.
 * A renewal replaces the number and term but not the status: a suspension is a sanction that a
 * new agreement does not lift. A revoked institution is final (CONFLICT).
 */
export function updatedInstitution(record: InstitutionRecord, changes: InstitutionChanges, today: string, stamp: Stamp): InstitutionRecord {
  if (changedFields(changes).length === 0) throw validationError('args', 'must change at least one of name, level, grade or agreement');
  if (record.agreement.status === 'REVOKED') throw conflict(`the designation agreement of ${record.institutionId} is revoked; a revoked institution is not changed`);
  const level = changes.level ?? record.level;
  checkKindLevel(record.kind, level);
  if (changes.agreement) checkAgreementTerm(changes.agreement, today);
  const next: InstitutionRecord = {
    ...record,
    name: changes.name ?? record.name,
    level,
    grade: changes.grade ?? record.grade,
    updated: stamp,
  };
  if (changes.agreement) {
    const { number, validFrom, validTo } = changes.agreement;
    next.agreement = { ...record.agreement, number, validFrom, validTo };
  }
  return next;
}
