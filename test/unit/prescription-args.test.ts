import { expect } from 'chai';
import { CatalogueApi } from '../../chaincode/src/api/catalogue-api';
import { PrescriptionApi } from '../../chaincode/src/api/prescription-api';
import { argsOf } from '../../chaincode/src/ledger/transaction-input';
import { catalogueDrugsOf } from '../../chaincode/src/rules/catalogue-entries';
import { checkDispenseRequest, checkIssueRequest } from '../../chaincode/src/rules/prescription-request';
import { drugs, dispenseArgs, rxArgs } from '../support/rx-fixtures';

/** What the contracts do with an argument before reading any state: the schema, then the cross-field rules. */
const parseIssue = (json: string) => {
  const input = argsOf(PrescriptionApi.Issue, json);
  checkIssueRequest(input);
  return input;
};
const parseDispense = (json: string) => {
  const input = argsOf(PrescriptionApi.Dispense, json);
  checkDispenseRequest(input);
  return input;
};
const parseBatch = (json: string) => {
  const input = argsOf(CatalogueApi.AddDrugs, json);
  return catalogueDrugsOf(input.versionId, input.drugs);
};

const item = { drugCode: 'AMLO5', quantity: 14, dose: '5mg qd', days: 7 };
const issue = (overrides: Record<string, unknown>) => () => parseIssue(rxArgs('RX-1', overrides));

describe('prescription argument checks', () => {
  it('parses a well-formed issue request', () => {
    const input = parseIssue(rxArgs('RX-1', { selfPayConfirmed: ['MET500'] }));
    expect(input).to.deep.include({ rxId: 'RX-1', kind: 'ORDINARY', diagnosisCodes: ['I10'], selfPayConfirmed: ['MET500'] });
    expect(input.items).to.have.length(2);
  });

  it('takes quantities as integers from 1 to 100 000, naming the field', () => {
    expect(issue({ items: [{ ...item, quantity: 100_000 }] })).not.to.throw();
    expect(issue({ items: [{ ...item, quantity: 1 }] })).not.to.throw();
    expect(issue({ items: [{ ...item, quantity: 0 }] })).to.throw(/^\[VALIDATION\] items\[0\]\.quantity: must be an integer from 1 to 100000$/);
    expect(issue({ items: [{ ...item, quantity: 100_001 }] })).to.throw(/items\[0\]\.quantity/);
    expect(issue({ items: [{ ...item, quantity: 1.5 }] })).to.throw(/items\[0\]\.quantity/);
    expect(issue({ items: [{ ...item, quantity: '14' }] })).to.throw(/items\[0\]\.quantity/);
  });

  it('takes days from 1 to 365', () => {
    expect(issue({ items: [{ ...item, days: 365 }] })).not.to.throw();
    expect(issue({ items: [{ ...item, days: 366 }] })).to.throw(/items\[0\]\.days: must be a days’ supply from 1 to 365/);
    expect(issue({ items: [{ ...item, days: 0 }] })).to.throw(/items\[0\]\.days/);
  });

  it('refuses unknown fields, bad codes, repeated drugs and more than five items', () => {
    expect(issue({ patientName: 'x' })).to.throw(/^\[VALIDATION\] patientName: is not an allowed field$/);
    expect(issue({ items: [{ ...item, drugCode: 'AM LO' }] })).to.throw(/items\[0\]\.drugCode: must be 1-40 letters, digits, dot, dash or underscore/);
    expect(issue({ items: [item, item] })).to.throw(/^\[VALIDATION\] items\[1\]\.drugCode: repeats the drug of items\[0\]; give one line per drug$/);
    expect(issue({ items: [item, { ...item, quantity: 2 }] }), 'the same drug with another quantity').to.throw(/items\[1\]\.drugCode: repeats/);
    const five = ['A', 'B', 'C', 'D', 'E'].map((drugCode) => ({ ...item, drugCode }));
    expect(issue({ items: five })).not.to.throw();
    const six = ['A', 'B', 'C', 'D', 'E', 'F'].map((drugCode) => ({ ...item, drugCode }));
    expect(issue({ items: six })).to.throw(/items: must be a list of 1 to 5 entries/);
    expect(issue({ diagnosisCodes: [] })).to.throw(/diagnosisCodes: must be a list of 1 to 10 entries/);
    expect(issue({ diagnosisCodes: ['I10', 'I10'] })).to.throw(/diagnosisCodes: must not list an entry twice/);
    expect(issue({ kind: 'WEEKLY' })).to.throw(/kind: must be one of ORDINARY, EMERGENCY, LONG/);
  });

  it('needs chronicDisease for a LONG prescription and self-pay confirmations for listed items only', () => {
    expect(issue({ kind: 'LONG' })).to.throw(/^\[VALIDATION\] chronicDisease: is required for a LONG prescription \(RX-09\)$/);
    expect(issue({ kind: 'LONG', chronicDisease: 'I10.x00x002' })).not.to.throw();
    expect(issue({ kind: 'ORDINARY', chronicDisease: 'I10' }), 'a chronic disease on an ordinary prescription is no error').not.to.throw();
    expect(issue({ selfPayConfirmed: ['INSIMP'] })).to.throw(/^\[VALIDATION\] selfPayConfirmed\[0\]: must name a drug among items$/);
    expect(issue({ selfPayConfirmed: ['MET500', 'INSIMP'] })).to.throw(/selfPayConfirmed\[1\]/);
    expect(issue({ selfPayConfirmed: [] })).not.to.throw();
  });

  it('names every cross-field refusal at once', () => {
    let details: { field: string }[] = [];
    try {
      parseIssue(rxArgs('RX-1', { kind: 'LONG', items: [item, item], selfPayConfirmed: ['INSIMP'] }));
    } catch (err) {
      details = (err as { details: { field: string }[] }).details;
    }
    expect(details.map((d) => d.field)).to.deep.equal(['items[1].drugCode', 'selfPayConfirmed[0]', 'chronicDisease']);
  });

  it('refuses non-JSON input', () => {
    expect(() => parseIssue('{rxId')).to.throw(/^\[VALIDATION\] args: must be a JSON object$/);
    expect(() => parseIssue('[]')).to.throw(/must be an object/);
  });

  it('checks pre-check drug lists', () => {
    expect(argsOf(PrescriptionApi.PreCheck, '{"items":[{"drugCode":"AMLO5"},{"drugCode":"MET500"}]}').items.map((i) => i.drugCode)).to.deep.equal(['AMLO5', 'MET500']);
    expect(() => argsOf(PrescriptionApi.PreCheck, '{"items":[]}')).to.throw(/items: must be a list of 1 to 5 entries/);
    expect(() => argsOf(PrescriptionApi.PreCheck, '{"items":[{"drugCode":"AMLO5"},{"drugCode":"AMLO5"}]}')).to.throw(/items: must not list an entry twice/);
    expect(() => argsOf(PrescriptionApi.PreCheck, '{"items":[{"drugCode":"AMLO5","quantity":1}]}')).to.throw(/items\[0\]\.quantity: is not an allowed field/);
  });

  it('requires every fee line to be unit price × quantity in integer fen', () => {
    const ok = parseDispense(dispenseArgs('RX-1', 'D-1', [{ drugCode: 'AMLO5', quantity: 4 }], 125));
    expect(ok.feeLines).to.deep.equal([{ drugCode: 'AMLO5', unitPriceFen: 125, quantity: 4, amountFen: 500 }]);
    const bad = JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 4 }], feeLines: [{ drugCode: 'AMLO5', unitPriceFen: 125, quantity: 4, amountFen: 499 }] });
    expect(() => parseDispense(bad)).to.throw(/^\[VALIDATION\] feeLines\[0\]\.amountFen: must equal unitPriceFen × quantity$/);
    const fractional = bad.replace('"unitPriceFen":125', '"unitPriceFen":124.75');
    expect(() => parseDispense(fractional)).to.throw(/feeLines\[0\]\.unitPriceFen: must be an integer from 0 to 100000000000/);
  });

  it('checks the fee-line arithmetic exactly at the largest amounts', () => {
    const line = (unitPriceFen: number, quantity: number, amountFen: number) =>
      JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity }], feeLines: [{ drugCode: 'AMLO5', unitPriceFen, quantity, amountFen }] });
    expect(() => parseDispense(line(1_000_000, 100_000, 100_000_000_000))).not.to.throw();
    expect(() => parseDispense(line(1_000_001, 100_000, 100_000_100_000))).to.throw(/feeLines\[0\]\.amountFen: must be an integer from 0 to 100000000000/);
    expect(() => parseDispense(line(0, 5, 0))).not.to.throw();
  });

  /** A dispense of AMLO5 × 4 and MET500 × 2 with the given fee lines. */
  const withLines = (feeLines: object[]) =>
    JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 4 }, { drugCode: 'MET500', quantity: 2 }], feeLines });
  const amlo = { drugCode: 'AMLO5', unitPriceFen: 100, quantity: 4, amountFen: 400 };
  const met = { drugCode: 'MET500', unitPriceFen: 50, quantity: 2, amountFen: 100 };

  it('takes one fee line per dispensed item, in any order, with no category and no free-text item', () => {
    expect(parseDispense(withLines([met, amlo])).feeLines).to.have.length(2);
    expect(() => parseDispense(withLines([amlo, { ...met, category: 'drug' }]))).to.throw(/^\[VALIDATION\] feeLines\[1\]\.category: is not an allowed field$/);
    expect(() => parseDispense(withLines([amlo, { ...met, item: 'x' }]))).to.throw(/feeLines\[1\]\.item: is not an allowed field/);
    expect(() => parseDispense(withLines([]))).to.throw(/feeLines: must be a list of 1 to 5 entries/);
  });

  it('refuses a line for anything but a dispensed drug (RX-12: a health supplement), a line without a drug, or a repeated line', () => {
    const supplement = { drugCode: 'BJP-0001', unitPriceFen: 99_000, quantity: 1, amountFen: 99_000 };
    expect(() => parseDispense(withLines([amlo, met, supplement]))).to.throw(/^\[VALIDATION\] feeLines\[2\]\.drugCode: must be a dispensed drug of this prescription$/);
    const unnamed = { unitPriceFen: 99_000, quantity: 1, amountFen: 99_000 };
    expect(() => parseDispense(withLines([amlo, met, unnamed]))).to.throw(/feeLines\[2\]\.drugCode: is required/);
    expect(() => parseDispense(withLines([amlo, amlo, met]))).to.throw(/^\[VALIDATION\] feeLines\[1\]\.drugCode: repeats the drug of feeLines\[0\]; give one line per dispensed drug$/);
  });

  it('refuses a line whose quantity is not the dispensed quantity, and a dispensed item without a line', () => {
    expect(() => parseDispense(withLines([amlo, { ...met, quantity: 3, amountFen: 150 }]))).to.throw(/^\[VALIDATION\] feeLines\[1\]\.quantity: must equal the dispensed quantity of MET500 \(2\)$/);
    expect(() => parseDispense(withLines([{ ...amlo, quantity: 3, amountFen: 300 }, met]))).to.throw(/feeLines\[0\]\.quantity: must equal the dispensed quantity of AMLO5 \(4\)/);
    expect(() => parseDispense(withLines([amlo]))).to.throw(/^\[VALIDATION\] feeLines: must include a line for items\[1\] \(MET500\)$/);
  });

  it('refuses a dispense naming one drug on two lines', () => {
    const twice = JSON.stringify({
      rxId: 'RX-1',
      dispenseId: 'D-1',
      items: [{ drugCode: 'AMLO5', quantity: 1 }, { drugCode: 'AMLO5', quantity: 2 }],
      feeLines: [{ drugCode: 'AMLO5', unitPriceFen: 1, quantity: 1, amountFen: 1 }],
    });
    expect(() => parseDispense(twice)).to.throw(/items\[1\]\.drugCode: repeats the drug of items\[0\]/);
  });
});

describe('catalogue argument checks', () => {
  const batch = (list: object[]) => () => parseBatch(JSON.stringify({ versionId: 'CAT-1', drugs: list }));
  const b = drugs[2]; // MET500, class B 5 %
  const withCoverage = (coverage: object) => batch([{ ...b, coverage }]);

  it('keeps class B self-pay ratios strictly between 0 and 10 000 basis points', () => {
    expect(withCoverage({ class: 'B', selfPayRatioBp: 1, paymentStandardFen: 1 })).not.to.throw();
    expect(withCoverage({ class: 'B', selfPayRatioBp: 9999, paymentStandardFen: 1 })).not.to.throw();
    expect(withCoverage({ class: 'B', selfPayRatioBp: 0, paymentStandardFen: 1 })).to.throw(/^\[VALIDATION\] drugs\[0\]\.coverage\.selfPayRatioBp: must be from 1 to 9999 basis points for class B$/);
    expect(withCoverage({ class: 'B', selfPayRatioBp: 10_000, paymentStandardFen: 1 })).to.throw(/selfPayRatioBp: must be from 1 to 9999/);
    expect(withCoverage({ class: 'B', paymentStandardFen: 1 })).to.throw(/selfPayRatioBp: must be from 1 to 9999/);
    expect(withCoverage({ class: 'B', selfPayRatioBp: 10_001, paymentStandardFen: 1 })).to.throw(/drugs\[0\]\.coverage\.selfPayRatioBp: must be an integer from 0 to 10000/);
    expect(withCoverage({ class: 'B', selfPayRatioBp: 0.1, paymentStandardFen: 1 })).to.throw(/selfPayRatioBp/);
  });

  it('fixes the ratio of classes A, C and NONE, and needs a payment standard of at least 1 fen for A and B only', () => {
    expect(parseBatch(JSON.stringify({ versionId: 'CAT-1', drugs: [{ ...b, coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 1 } }] }))[0].coverage).to.deep.equal({ class: 'A', selfPayRatioBp: 0, paymentStandardFen: 1 });
    expect(withCoverage({ class: 'A', selfPayRatioBp: 1, paymentStandardFen: 5 })).to.throw(/selfPayRatioBp: must be 0 \(or left out\) for class A/);
    expect(withCoverage({ class: 'C', selfPayRatioBp: 9999 })).to.throw(/selfPayRatioBp: must be 10000 \(or left out\) for class C/);
    expect(withCoverage({ class: 'NONE', selfPayRatioBp: 10_000, paymentStandardFen: 150_000 })).not.to.throw();
    expect(withCoverage({ class: 'A' })).to.throw(/^\[VALIDATION\] drugs\[0\]\.coverage\.paymentStandardFen: is required for class A$/);
    expect(withCoverage({ class: 'B', selfPayRatioBp: 500 })).to.throw(/paymentStandardFen: is required for class B/);
    expect(withCoverage({ class: 'A', paymentStandardFen: 0 })).to.throw(/paymentStandardFen: must be a payment standard per unit from 1 to 100000000000 fen/);
    expect(withCoverage({ class: 'X', paymentStandardFen: 1 })).to.throw(/coverage\.class: must be one of A, B, C, NONE/);
    expect(withCoverage({ class: 'A', paymentStandardFen: 1, ratio: 0 })).to.throw(/coverage\.ratio: is not an allowed field/);
  });

  it('refuses repeated drugs and a drug its own substitute, leaving other substitutes to sealing', () => {
    expect(batch([b, b])).to.throw(/^\[VALIDATION\] drugs\[1\]\.drugCode: repeats the drug of drugs\[0\]; list each drug once$/);
    expect(batch([{ ...b, substitutes: ['MET500'] }])).to.throw(/drugs\[0\]\.substitutes\[0\]: must name another drug of this version/);
    expect(batch([{ ...b, substitutes: ['NOT-YET-UPLOADED'] }])).not.to.throw();
    expect(batch([{ ...b, substitutes: ['X1', 'X1'] }])).to.throw(/substitutes: must not list an entry twice/);
  });

  it('fills left-out substitutes and monitored, and takes 1 to 200 drugs a batch', () => {
    const bare = { drugCode: 'X1', name: 'x', genericGroup: 'G', coverage: { class: 'NONE' } };
    expect(parseBatch(JSON.stringify({ versionId: 'CAT-1', drugs: [bare] }))).to.deep.equal([
      { docType: 'catalogue-drug', versionId: 'CAT-1', drugCode: 'X1', name: 'x', genericGroup: 'G', coverage: { class: 'NONE', selfPayRatioBp: 10_000 }, substitutes: [], monitored: false, indications: [], healthSupplement: false },
    ]);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...bare, drugCode: `D${i}` }));
    expect(batch(many(200))).not.to.throw();
    expect(batch(many(201))).to.throw(/drugs: must be a list of 1 to 200 entries/);
    expect(batch([])).to.throw(/drugs: must be a list of 1 to 200 entries/);
  });

  it('opens a version for 1 to 5 000 drugs with real dates and limits', () => {
    const version = (overrides: object) => () => argsOf(CatalogueApi.OpenVersion, JSON.stringify({ versionId: 'CAT-1', effectiveFrom: '2026-04-01', limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 90 }, drugCount: 5000, ...overrides }));
    expect(version({})).not.to.throw();
    expect(version({ drugCount: 5001 })).to.throw(/drugCount: must be a drug count from 1 to 5000/);
    expect(version({ drugCount: 0 })).to.throw(/drugCount/);
    expect(version({ effectiveFrom: '2026-02-30' })).to.throw(/effectiveFrom: must be a date YYYY-MM-DD/);
    expect(version({ limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3 } })).to.throw(/limits\.longMaxDays: is required/);
    expect(version({ limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 366 } })).to.throw(/limits\.longMaxDays: must be a days’ supply from 1 to 365/);
    expect(version({ drugs: [] })).to.throw(/drugs: is not an allowed field/);
  });
});
