/**
 * Priced fee lines, as a dispense and an encounter record them: one set of limits for both. That
 * the amount is unit price × quantity is a cross-field rule (rules/claim-lines.ts). Claims carry
 * no lines of their own: they copy them from these records.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { COVERAGE_CLASSES } from '../model/coverage';
import { FEE_CATEGORIES } from '../model/encounter';
import { Closed, Code, Fen, OneOf, RatioBp, Text } from './kit';

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

/** A dispense's line as the pharmacy sends it: what it charged; its category is always drug. */
export const DispenseFeeLine = Closed(PricedLineFields);

/** How the catalogue covers a drug (model/coverage.ts), as a record carries it. */
export const LineCoverage = Closed({ class: OneOf(COVERAGE_CLASSES), selfPayRatioBp: RatioBp, paymentStandardFen: Type.Optional(Fen) });

/**
 * A dispense's line as the ledger must hold it for a claim to rest on it: the dispensed drug and
 * its coverage, which the chain set at dispense (issue 11). A record without them (made before)
 * cannot be claimed: the chain cannot vouch for its coverage.
 */
export const RecordedDispenseLine = Closed({ ...PricedLineFields, drugCode: Code, coverage: LineCoverage });

/**
 * A line of an encounter with its category (PT-02); a drug line names its drug
 * (rules/encounter-lines.ts), an exam line its exam item's code, any other line may name its item's code.
 */
export const EncounterFeeLine = Closed({ ...PricedLineFields, category: OneOf(FEE_CATEGORIES), drugCode: Type.Optional(Code), itemCode: Type.Optional(Code) });

/** 1 to MAX_FEE_LINES lines of a kind. */
export const FeeLines = <S extends TSchema>(line: S) => Type.Array(line, { minItems: 1, maxItems: MAX_FEE_LINES });
