/** Policy: the transactions of the Policy contract, each with its argument schema. */
import { Type, type TSchema } from '@sinclair/typebox';
import { FEE_CATEGORIES } from '../model/encounter';
import { PERSONAL_ACCOUNT_USE, REVIEW_ACTIONS, type PolicyRecord } from '../model/policy';
import { Closed, Code, DiagnosisPrefix, Distinct, Fen, IsoDate, MAX_FEN, OneOf, RatioBp, Region } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** One value per institution level (PM-26, PM-31). */
const ByLevel = <S extends TSchema>(value: S) => Closed({ basic: value, secondary: value, tertiary: value });

/** Contradictions one policy may list (SR-08), and items or categories per contradiction. */
export const MAX_CONTRADICTIONS = 200;
export const MAX_CONTRADICTED_ITEMS = 50;

const Action = Type.Optional(OneOf(REVIEW_ACTIONS));
const WindowDays = Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'a window of 1 to 366 days' }));

/** Smart review's rules per rule id; a rule or field left out takes its default (rules/review-rules.ts). */
const ReviewRulesArg = Closed({
  'SR-03': Type.Optional(Closed({ action: Action, repeatExamDays: WindowDays })),
  'SR-04': Type.Optional(Closed({ action: Action, windowDays: WindowDays })),
  'SR-08': Type.Optional(
    Closed({
      action: Action,
      contradictions: Type.Optional(
        Type.Array(
          Closed({
            diagnosisPrefix: DiagnosisPrefix,
            itemCodes: Distinct(Code, 0, MAX_CONTRADICTED_ITEMS),
            categories: Distinct(OneOf(FEE_CATEGORIES), 0, FEE_CATEGORIES.length),
          }),
          { maxItems: MAX_CONTRADICTIONS },
        ),
      ),
    }),
  ),
  'SR-18': Type.Optional(Closed({ action: Action })),
  'RX-12': Type.Optional(Closed({ action: Action })),
});

/** The terms of a new policy version; the caller's region is its certificate's, the version the next one. */
export const SetArgs = Closed({
  effectiveFrom: IsoDate,
  ratioBpByLevel: ByLevel(RatioBp),
  deductibleFenByLevel: ByLevel(Fen),
  annualCapFen: Type.Integer({ minimum: 1, maximum: MAX_FEN }),
  crossRegionFiledRatioBp: RatioBp,
  crossRegionUnfiledRatioBp: RatioBp,
  reviewThresholds: Closed({
    stayWarnDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    manualReviewTotalFen: Type.Integer({ minimum: 1, maximum: MAX_FEN }),
    /** 0 when absent: no auto-approval. */
    autoApproveMaxFen: Type.Optional(Fen),
  }),
  reviewRules: Type.Optional(ReviewRulesArg),
  personalAccountUse: OneOf(PERSONAL_ACCOUNT_USE),
});

export const PolicyApi = {
  Set: submitTx('Policy:Set', { args: SetArgs, result: returns<PolicyRecord>() }),
  Get: evaluateTx('Policy:Get', {
    args: Closed({ region: Region, version: Type.Integer({ minimum: 1, maximum: 999_999 }) }),
    result: returns<PolicyRecord>(),
  }),
  /** The version in force on a date; without one, on today's date in China (when the transaction runs). */
  InForce: evaluateTx('Policy:InForce', { args: Closed({ region: Region, date: Type.Optional(IsoDate) }), result: returns<PolicyRecord>() }),
  List: evaluateTx('Policy:List', { args: Closed({ region: Region }), result: returns<PolicyRecord[]>() }),
} as const;
