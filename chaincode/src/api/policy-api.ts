/** Policy: the transactions of the Policy contract, each with its argument schema. */
import { Type, type TSchema } from '@sinclair/typebox';
import { PERSONAL_ACCOUNT_USE, type PolicyRecord } from '../model/policy';
import { Closed, Fen, IsoDate, MAX_FEN, OneOf, RatioBp, Region } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** One value per institution level (PM-26, PM-31). */
const ByLevel = <S extends TSchema>(value: S) => Closed({ basic: value, secondary: value, tertiary: value });

/** The terms of a new policy version; the caller's region is its certificate's, the version the next one. */
const SetArgs = Closed({
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
