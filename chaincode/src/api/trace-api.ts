/** Trace: the investigators' queries over the money and the actors (FT-01). */
import { Type } from '@sinclair/typebox';
import { TIMELINE_ACTOR_TYPES, type FundFlow, type FundsReceived, type Timeline } from '../model/trace';
import { Closed, Fund, Id, IsoDate, OneOf, PageSize, Party } from './kit';
import { evaluateTx, returns } from './transaction';

/** The reverse trace pages in time order, so its bookmark is a receipt's position: `<executed at>|<transferId>`. */
const ReceiptBookmark = Type.String({
  pattern: '^(|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,12}Z\\|[A-Za-z0-9._:-]{1,64})$',
  description: 'the bookmark of the previous page',
});

export const TraceApi = {
  FundFlow: evaluateTx('Trace:FundFlow', { args: Closed({ claimId: Id }), result: returns<FundFlow>() }),
  /** An absent fromFund means any fund; an absent from or to leaves the period open on that side. */
  FundsReceived: evaluateTx('Trace:FundsReceived', {
    args: Closed({
      party: Party,
      fromFund: Type.Optional(Fund),
      from: Type.Optional(IsoDate),
      to: Type.Optional(IsoDate),
      pageSize: Type.Optional(PageSize),
      bookmark: Type.Optional(ReceiptBookmark),
    }),
    result: returns<FundsReceived>(),
  }),
  /** A patientRef's id must be a patientRef; the contract checks that pairing. */
  Timeline: evaluateTx('Trace:Timeline', { args: Closed({ actorType: OneOf(TIMELINE_ACTOR_TYPES), id: Id }), result: returns<Timeline>() }),
} as const;
