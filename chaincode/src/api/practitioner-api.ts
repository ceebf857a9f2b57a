/** Practitioner: the transactions of the Practitioner contract, each with its argument schema. */
import { Type } from '@sinclair/typebox';
import type { PractitionerRecord } from '../model/practitioner';
import { MAX_DEDUCTION } from '../rules/practitioner-points';
import { Closed, Distinct, Id, RuleId, Text } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** References to case files and decisions kept elsewhere (document numbers, URLs). */
const Reference = Text(256);

export const PractitionerApi = {
  Register: submitTx('Practitioner:Register', {
    /** scope: the practice scope as registered (CR-02), labels such as 内科专业. */
    args: Closed({ doctorId: Id, institutionId: Id, scope: Distinct(Text(64), 1, 20) }),
    result: returns<PractitionerRecord>(),
  }),
  RecordViolation: submitTx('Practitioner:RecordViolation', {
    args: Closed({
      doctorId: Id,
      ruleId: RuleId,
      points: Type.Integer({ minimum: 1, maximum: MAX_DEDUCTION }),
      reason: Text(500),
      evidenceRef: Reference,
    }),
    result: returns<PractitionerRecord>(),
  }),
  Restore: submitTx('Practitioner:Restore', {
    args: Closed({ doctorId: Id, decisionRef: Reference, reason: Text(500) }),
    result: returns<PractitionerRecord>(),
  }),
  Get: evaluateTx('Practitioner:Get', { args: Closed({ doctorId: Id }), result: returns<PractitionerRecord>() }),
} as const;
