/**
 * A priced fee line, as a dispense records it and a claim submits it: one schema and one set of
 * limits for both, so a line the pharmacy may record is a line the claim accepts. That the amount
 * is unit price × quantity is a cross-field rule (rules/claim-lines.ts).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { FEE_CATEGORIES } from '../model/claim';
import { Closed, Fen, OneOf, Text } from './kit';

export const MAX_FEE_LINES = 200;
/** Units on one line; a prescription item's quantity has the same bound, so no dispensed line exceeds it. */
export const MAX_LINE_QUANTITY = 100_000;

export const LineQuantity = Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY });

/** The fields every priced line has. */
export const PricedLineFields = {
  item: Text(128),
  unitPriceFen: Fen,
  quantity: LineQuantity,
  amountFen: Fen,
};

/** A dispense's line: what the pharmacy charged; its category is always drug. */
export const DispenseFeeLine = Closed(PricedLineFields);

/** A line of an encounter claim, with the category the patient's record shows (PT-02). */
export const ClaimFeeLine = Closed({ ...PricedLineFields, category: OneOf(FEE_CATEGORIES) });

/** 1 to MAX_FEE_LINES lines of a kind. */
export const FeeLines = <S extends TSchema>(line: S) => Type.Array(line, { minItems: 1, maxItems: MAX_FEE_LINES });
