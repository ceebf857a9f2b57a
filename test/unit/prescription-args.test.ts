import { expect } from 'chai';
import { CatalogueApi } from '../../chaincode/src/api/catalogue-api';
import { PrescriptionApi } from '../../chaincode/src/api/prescription-api';
import { argsOf } from '../../chaincode/src/ledger/transaction-input';
import { catalogueEntriesOf } from '../../chaincode/src/rules/catalogue-entries';
import { checkDispenseRequest, checkIssueRequest } from '../../chaincode/src/rules/prescription-request';
import { catalogueV1, dispenseArgs, rxArgs } from '../support/rx-fixtures';

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
const parseCatalogue = (json: string) => catalogueEntriesOf(argsOf(CatalogueApi.PublishVersion, json).drugs);

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
    expect(ok.feeLines).to.deep.equal([{ item: 'AMLO5', unitPriceFen: 125, quantity: 4, amountFen: 500 }]);
    const bad = JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 4 }], feeLines: [{ item: 'x', unitPriceFen: 125, quantity: 4, amountFen: 499 }] });
    expect(() => parseDispense(bad)).to.throw(/^\[VALIDATION\] feeLines\[0\]\.amountFen: must equal unitPriceFen × quantity$/);
    const fractional = bad.replace('"unitPriceFen":125', '"unitPriceFen":124.75');
    expect(() => parseDispense(fractional)).to.throw(/feeLines\[0\]\.unitPriceFen: must be an integer from 0 to 100000000000/);
  });

  it('checks the fee-line arithmetic exactly at the largest amounts', () => {
    const line = (unitPriceFen: number, quantity: number, amountFen: number) =>
      JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: [{ item: 'x', unitPriceFen, quantity, amountFen }] });
    expect(() => parseDispense(line(1_000_000, 100_000, 100_000_000_000))).not.to.throw();
    expect(() => parseDispense(line(1_000_001, 100_000, 100_000_100_000))).to.throw(/feeLines\[0\]\.amountFen: must be an integer from 0 to 100000000000/);
    expect(() => parseDispense(line(0, 5, 0))).not.to.throw();
  });

  it('takes no category on a dispense fee line (the claim derives drug) and 1 to 200 lines', () => {
    const lines = (n: number, extra: object = {}) =>
      JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: Array.from({ length: n }, () => ({ item: 'x', unitPriceFen: 1, quantity: 1, amountFen: 1, ...extra })) });
    expect(() => parseDispense(lines(1, { category: 'drug' }))).to.throw(/^\[VALIDATION\] feeLines\[0\]\.category: is not an allowed field$/);
    expect(() => parseDispense(lines(200))).not.to.throw();
    expect(() => parseDispense(lines(201))).to.throw(/feeLines: must be a list of 1 to 200 entries/);
    expect(() => parseDispense(lines(0))).to.throw(/feeLines: must be a list of 1 to 200 entries/);
  });

  it('refuses a dispense naming one drug on two lines', () => {
    const twice = JSON.stringify({ rxId: 'RX-1', dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 1 }, { drugCode: 'AMLO5', quantity: 2 }], feeLines: [{ item: 'x', unitPriceFen: 1, quantity: 3, amountFen: 3 }] });
    expect(() => parseDispense(twice)).to.throw(/items\[1\]\.drugCode: repeats the drug of items\[0\]/);
  });
});

describe('catalogue argument checks', () => {
  const version = (overrides: Record<string, unknown>) => () => parseCatalogue(JSON.stringify({ ...catalogueV1, ...overrides }));
  const drug = catalogueV1.drugs[2];

  it('keeps self-pay ratios as integer basis points 0..10 000', () => {
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 10_000 }] })).not.to.throw();
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 0 }] })).not.to.throw();
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 10_001 }] })).to.throw(/drugs\[0\]\.selfPayRatioBp: must be an integer from 0 to 10000/);
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 0.1 }] })).to.throw(/selfPayRatioBp/);
  });

  it('refuses repeated drugs, substitutes outside the version and bad dates or limits', () => {
    expect(version({ drugs: [drug, drug] })).to.throw(/^\[VALIDATION\] drugs\[1\]\.drugCode: repeats the drug of drugs\[0\]; list each drug once$/);
    expect(version({ drugs: [{ ...drug, substitutes: ['GONE'] }] })).to.throw(/drugs\[0\]\.substitutes\[0\]: must name another drug of this version/);
    expect(version({ drugs: [{ ...drug, substitutes: ['MET500'] }] })).to.throw(/drugs\[0\]\.substitutes\[0\]: must name another drug/);
    expect(version({ effectiveFrom: '2026-02-30' })).to.throw(/effectiveFrom: must be a date YYYY-MM-DD/);
    expect(version({ limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3 } })).to.throw(/limits\.longMaxDays: is required/);
    expect(version({ limits: { ...catalogueV1.limits, longMaxDays: 366 } })).to.throw(/limits\.longMaxDays: must be a days’ supply from 1 to 365/);
  });

  it('fills left-out substitutes and monitored, and accepts up to 2 000 drugs', () => {
    const bare = { drugCode: 'X1', name: 'x', genericGroup: 'G', inCatalogue: true, selfPayRatioBp: 0 };
    expect(parseCatalogue(JSON.stringify({ ...catalogueV1, drugs: [bare] }))).to.deep.equal([{ ...bare, substitutes: [], monitored: false }]);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...bare, drugCode: `D${i}` }));
    expect(version({ drugs: many(2000) })).not.to.throw();
    expect(version({ drugs: many(2001) })).to.throw(/drugs: must be a list of 1 to 2000 entries/);
    expect(version({ drugs: [{ ...bare, substitutes: ['X1', 'X1'] }] })).to.throw(/substitutes: must not list an entry twice/);
  });
});
