/** Complaint: patient complaints answered within 7 working days on the region's calendar (PT-06). */
import { Type } from '@sinclair/typebox';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_OUTCOMES,
  COMPLAINT_TARGET_TYPES,
  type CalendarRecord,
  type ComplaintRecord,
  type ComplaintView,
  type OverdueList,
} from '../model/complaint';
import { Closed, Distinct, Id, IsoDate, OneOf, PatientRef, Region, Sha256Hex } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

/** A claim holds at most 200 fee lines, numbered from 1. */
const MAX_FEE_LINE_NO = 200;
/** Days one calendar may list as holidays, and as make-up working days: a few years ahead. */
const MAX_CALENDAR_DAYS = 1000;

const FeeLineRef = Closed({ claimId: Id, lineNo: Type.Integer({ minimum: 1, maximum: MAX_FEE_LINE_NO }) });

export const ComplaintApi = {
  File: submitTx('Complaint:File', {
    args: Closed({
      complaintId: Id,
      patientRef: PatientRef,
      targetType: OneOf(COMPLAINT_TARGET_TYPES),
      targetId: Id,
      category: OneOf(COMPLAINT_CATEGORIES),
      feeLineRef: Type.Optional(FeeLineRef),
      detailHash: Type.Optional(Sha256Hex),
    }),
    result: returns<ComplaintRecord>(),
  }),
  Respond: submitTx('Complaint:Respond', {
    args: Closed({ complaintId: Id, outcome: OneOf(COMPLAINT_OUTCOMES), responseHash: Sha256Hex }),
    result: returns<ComplaintRecord>(),
  }),
  Get: evaluateTx('Complaint:Get', { args: Closed({ complaintId: Id }), result: returns<ComplaintView>() }),
  ListOverdue: evaluateTx('Complaint:ListOverdue', { args: Closed({ region: Region }), result: returns<OverdueList>() }),
  /** Replaces the caller's region's calendar. */
  SetCalendar: submitTx('Complaint:SetCalendar', {
    args: Closed({ holidays: Distinct(IsoDate, 0, MAX_CALENDAR_DAYS), extraWorkdays: Distinct(IsoDate, 0, MAX_CALENDAR_DAYS) }),
    result: returns<CalendarRecord>(),
  }),
  GetCalendar: evaluateTx('Complaint:GetCalendar', { args: Closed({ region: Region }), result: returns<CalendarRecord>() }),
} as const;
