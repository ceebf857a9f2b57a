/**
 * The reverse trace's arithmetic: which receipts fall in a period, their count and sum, and one
 * page of them in time order. It works on the payee index's entries alone, so an institution
 * with 10 000 receipts is counted and summed without reading 10 000 transfer records.
 */
import { validationError } from '../ledger/errors';

export interface Receipt {
  transferId: string;
  /** China date of the transfer, YYYY-MM-DD. */
  date: string;
  /** When it was executed (tx time, ISO 8601 UTC): the order of the trace. */
  at: string;
  amountFen: number;
}

export interface ReceiptsPage {
  count: number;
  totalFen: number;
  /** Transfer ids of this page, oldest first. */
  pageIds: string[];
  /** Where the next page starts; '' when this page is the last. */
  bookmark: string;
}

/** The position of a receipt in the trace's order; also the bookmark format. */
export const receiptPosition = (r: Receipt): string => `${r.at}|${r.transferId}`;

/** China dates, both inclusive; a missing end leaves the period open on that side. */
export interface Period {
  from?: string;
  to?: string;
}

/** A period must not end before it begins. */
export function checkPeriod(period: Period): void {
  if (period.from !== undefined && period.to !== undefined && period.to < period.from) {
    throw validationError('to', `must not be before from (${period.from})`);
  }
}

export const inPeriod = (date: string, period: Period): boolean =>
  (period.from === undefined || period.from <= date) && (period.to === undefined || date <= period.to);

/** Receipts dated within the period; the page holds those after `bookmark`. */
export function receiptsPage(receipts: Receipt[], period: Period, pageSize: number, bookmark: string): ReceiptsPage {
  const matching = receipts.filter((r) => inPeriod(r.date, period));
  const ordered = matching.map((r) => ({ id: r.transferId, position: receiptPosition(r) })).sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const rest = bookmark === '' ? ordered : ordered.filter((r) => r.position > bookmark);
  const page = rest.slice(0, pageSize);
  return {
    count: matching.length,
    totalFen: matching.reduce((sum, r) => sum + r.amountFen, 0),
    pageIds: page.map((r) => r.id),
    bookmark: rest.length > pageSize ? page[page.length - 1].position : '',
  };
}
