/** JSON arguments of the Prescription contract, checked field by field before any state is read. */
import { validationError } from '../ledger/errors';
import type { DispenseFeeLine } from '../model/dispense';
import { PRESCRIPTION_KINDS, type PrescriptionKind } from '../model/prescription';
import type { ItemRequest } from '../rules/prescription-limits';
import { CODE, DIAGNOSIS, ID, Obj } from './args';

/** 处方管理办法 art. 6: at most five drugs on one Western or patent-medicine prescription. */
const MAX_ITEMS = 5;
const MAX_QUANTITY = 100_000;
/** Longest days' supply accepted at all; the catalogue's per-kind limits are checked later. */
const MAX_DAYS = 365;
const MAX_FEE_LINES = 200;
/** 1 000 000 000 CNY in fen; unit price × quantity is checked exactly with BigInt. */
const MAX_FEN = 100_000_000_000;

export interface IssueInput {
  rxId: string;
  kind: PrescriptionKind;
  items: ItemRequest[];
  diagnosisCodes: string[];
  chronicDisease?: string;
  selfPayConfirmed: string[];
  duplicateOverrideReason?: string;
}

export interface DispenseInput {
  dispenseId: string;
  items: { drugCode: string; quantity: number }[];
  feeLines: DispenseFeeLine[];
}

const ISSUE_FIELDS = ['rxId', 'kind', 'items', 'diagnosisCodes', 'chronicDisease', 'selfPayConfirmed', 'duplicateOverrideReason'] as const;
const ITEM_FIELDS = ['drugCode', 'quantity', 'dose', 'days'] as const;
const DISPENSE_FIELDS = ['dispenseId', 'items', 'feeLines'] as const;
const DISPENSE_ITEM_FIELDS = ['drugCode', 'quantity'] as const;
const FEE_LINE_FIELDS = ['item', 'unitPriceFen', 'quantity', 'amountFen'] as const;

function refuseRepeatedDrugs(codes: readonly string[], path: string): void {
  const i = codes.findIndex((code, j) => codes.indexOf(code) !== j);
  if (i >= 0) throw validationError(`${path}[${i}].drugCode ${codes[i]} appears twice; give one line per drug`);
}

export function parseIssueInput(json: string): IssueInput {
  const f = Obj.parse(json, 'rx', ISSUE_FIELDS);
  const rxId = f.str('rxId', ID);
  const kind = f.oneOf('kind', PRESCRIPTION_KINDS);
  const items = f.objects('items', 1, MAX_ITEMS, ITEM_FIELDS).map(
    (item): ItemRequest => ({
      drugCode: item.str('drugCode', CODE),
      quantity: item.int('quantity', 1, MAX_QUANTITY),
      dose: item.text('dose', 64),
      days: item.int('days', 1, MAX_DAYS),
    }),
  );
  const codes = items.map((item) => item.drugCode);
  refuseRepeatedDrugs(codes, 'rx.items');
  const selfPayConfirmed = f.optional('selfPayConfirmed', (n) => f.strings(n, 0, MAX_ITEMS, CODE)) ?? [];
  const stray = selfPayConfirmed.find((code) => !codes.includes(code));
  if (stray !== undefined) throw validationError(`rx.selfPayConfirmed names ${stray}, which is not among rx.items`);
  const chronicDisease = f.optional('chronicDisease', (n) => f.str(n, DIAGNOSIS));
  if (kind === 'LONG' && chronicDisease === undefined) throw validationError('rx.chronicDisease is required for a LONG prescription (RX-09)');
  const input: IssueInput = {
    rxId,
    kind,
    items,
    diagnosisCodes: f.strings('diagnosisCodes', 1, 10, DIAGNOSIS),
    selfPayConfirmed,
  };
  if (chronicDisease !== undefined) input.chronicDisease = chronicDisease;
  const override = f.optional('duplicateOverrideReason', (n) => f.text(n, 500));
  if (override !== undefined) input.duplicateOverrideReason = override;
  return input;
}

/** The drug codes a doctor wants checked before prescribing. */
export function parsePreCheckInput(json: string): string[] {
  const f = Obj.parse(json, 'precheck', ['items']);
  const codes = f.objects('items', 1, MAX_ITEMS, ['drugCode']).map((item) => item.str('drugCode', CODE));
  refuseRepeatedDrugs(codes, 'precheck.items');
  return codes;
}

export function parseDispenseInput(json: string): DispenseInput {
  const f = Obj.parse(json, 'dispense', DISPENSE_FIELDS);
  const dispenseId = f.str('dispenseId', ID);
  const items = f.objects('items', 1, MAX_ITEMS, DISPENSE_ITEM_FIELDS).map((item) => ({
    drugCode: item.str('drugCode', CODE),
    quantity: item.int('quantity', 1, MAX_QUANTITY),
  }));
  refuseRepeatedDrugs(
    items.map((item) => item.drugCode),
    'dispense.items',
  );
  const feeLines = f.objects('feeLines', 1, MAX_FEE_LINES, FEE_LINE_FIELDS).map((line, i): DispenseFeeLine => {
    const fee: DispenseFeeLine = {
      item: line.text('item', 128),
      unitPriceFen: line.int('unitPriceFen', 0, MAX_FEN),
      quantity: line.int('quantity', 1, MAX_QUANTITY),
      amountFen: line.int('amountFen', 0, MAX_FEN),
    };
    if (BigInt(fee.unitPriceFen) * BigInt(fee.quantity) !== BigInt(fee.amountFen)) {
      throw validationError(`dispense.feeLines[${i}].amountFen must equal unitPriceFen × quantity`);
    }
    return fee;
  });
  return { dispenseId, items, feeLines };
}
