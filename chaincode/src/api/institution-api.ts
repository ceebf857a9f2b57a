/** Institution: the registry of designated institutions, their agreements and sanctions (XR-03, CR-04, CR-10). */
import { Type } from '@sinclair/typebox';
import type { Page } from '../model/audit';
import { INSTITUTION_GRADES, INSTITUTION_KINDS, type InstitutionRecord } from '../model/institution';
import { INSTITUTION_LEVELS } from '../model/policy';
import { Closed, Id, IsoDate, OneOf, Paging, Region, RuleId, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

const Name = Text(200);
const Level = OneOf(INSTITUTION_LEVELS);
const Grade = OneOf(INSTITUTION_GRADES);
/** Agreement numbers are the insurance office's document numbers, often Chinese (沪医保协〔2026〕12号). */
const AgreementTerm = Closed({ number: Text(64), validFrom: IsoDate, validTo: IsoDate });
/** References to case files and decisions kept elsewhere (document numbers, URLs). */
const Reference = Text(256);
const Basis = { ruleId: RuleId, reason: Text(500), evidenceRef: Reference };

export const InstitutionApi = {
  /** The insurer of `region` designates an institution; its agreement starts ACTIVE. */
  Register: submitTx('Institution:Register', {
    args: Closed({ institutionId: Id, name: Name, kind: OneOf(INSTITUTION_KINDS), level: Level, region: Region, grade: Grade, agreement: AgreementTerm }),
    result: returns<InstitutionRecord>(),
  }),
  /** Name, level or grade changed, or the agreement renewed (a new number and term), by the insurer of its region. */
  Update: submitTx('Institution:Update', {
    args: Closed({
      institutionId: Id,
      name: Type.Optional(Name),
      level: Type.Optional(Level),
      grade: Type.Optional(Grade),
      agreement: Type.Optional(AgreementTerm),
    }),
    result: returns<InstitutionRecord>(),
  }),
  /** `until` is the last China date of the suspension. */
  Suspend: submitTx('Institution:Suspend', {
    args: Closed({ institutionId: Id, until: IsoDate, ...Basis }),
    result: returns<InstitutionRecord>(),
  }),
  Revoke: submitTx('Institution:Revoke', {
    args: Closed({ institutionId: Id, ...Basis }),
    result: returns<InstitutionRecord>(),
  }),
  Get: evaluateTx('Institution:Get', { args: Closed({ institutionId: Id }), result: returns<InstitutionRecord>() }),
  ListByRegion: evaluateTx('Institution:ListByRegion', {
    args: Closed({ region: Region, ...Paging }),
    result: returns<Page<InstitutionRecord>>(),
  }),
} as const;
