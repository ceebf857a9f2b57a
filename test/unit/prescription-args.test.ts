import { expect } from 'chai';
import { parseCatalogueVersion } from '../../chaincode/src/contracts/catalogue-contract';
import { parseDispenseInput, parseIssueInput, parsePreCheckInput } from '../../chaincode/src/validation/prescription';
import { catalogueV1, dispenseArgs, rxArgs } from '../support/rx-fixtures';

const item = { drugCode: 'AMLO5', quantity: 14, dose: '5mg qd', days: 7 };
const issue = (overrides: Record<string, unknown>) => () => parseIssueInput(rxArgs('RX-1', overrides));

describe('prescription argument checks', () => {
  it('parses a well-formed issue request', () => {
    const input = parseIssueInput(rxArgs('RX-1', { selfPayConfirmed: ['MET500'] }));
    expect(input).to.deep.include({ rxId: 'RX-1', kind: 'ORDINARY', diagnosisCodes: ['I10'], selfPayConfirmed: ['MET500'] });
    expect(input.items).to.have.length(2);
  });

  it('takes quantities as integers from 1 to 100 000, naming the field', () => {
    expect(issue({ items: [{ ...item, quantity: 100_000 }] })).not.to.throw();
    expect(issue({ items: [{ ...item, quantity: 0 }] })).to.throw(/\[VALIDATION\] rx\.items\[0\]\.quantity must be an integer from 1 to 100000/);
    expect(issue({ items: [{ ...item, quantity: 100_001 }] })).to.throw(/rx\.items\[0\]\.quantity/);
    expect(issue({ items: [{ ...item, quantity: 1.5 }] })).to.throw(/rx\.items\[0\]\.quantity/);
    expect(issue({ items: [{ ...item, quantity: '14' }] })).to.throw(/rx\.items\[0\]\.quantity/);
  });

  it('refuses unknown fields, bad codes, repeated drugs and more than five items', () => {
    expect(issue({ patientName: 'x' })).to.throw(/rx has unknown field\(s\): patientName/);
    expect(issue({ items: [{ ...item, drugCode: 'AM LO' }] })).to.throw(/rx\.items\[0\]\.drugCode must be/);
    expect(issue({ items: [item, item] })).to.throw(/rx\.items\[1\]\.drugCode AMLO5 appears twice/);
    const six = ['A', 'B', 'C', 'D', 'E', 'F'].map((drugCode) => ({ ...item, drugCode }));
    expect(issue({ items: six })).to.throw(/rx\.items must be a list of 1 to 5 entries/);
    expect(issue({ diagnosisCodes: [] })).to.throw(/rx\.diagnosisCodes must be a list/);
    expect(issue({ kind: 'WEEKLY' })).to.throw(/rx\.kind must be one of ORDINARY, EMERGENCY, LONG/);
  });

  it('needs chronicDisease for a LONG prescription and self-pay confirmations for listed items only', () => {
    expect(issue({ kind: 'LONG' })).to.throw(/rx\.chronicDisease is required for a LONG prescription/);
    expect(issue({ kind: 'LONG', chronicDisease: 'I10.x00x002' })).not.to.throw();
    expect(issue({ selfPayConfirmed: ['INSIMP'] })).to.throw(/rx\.selfPayConfirmed names INSIMP, which is not among rx\.items/);
  });

  it('refuses non-JSON input', () => {
    expect(() => parseIssueInput('{rxId')).to.throw(/\[VALIDATION\] rx must be a JSON object/);
    expect(() => parseIssueInput('[]')).to.throw(/rx must be an object/);
  });

  it('checks pre-check drug lists', () => {
    expect(parsePreCheckInput('{"items":[{"drugCode":"AMLO5"},{"drugCode":"MET500"}]}')).to.deep.equal(['AMLO5', 'MET500']);
    expect(() => parsePreCheckInput('{"items":[]}')).to.throw(/precheck\.items must be a list of 1 to 5/);
  });

  it('requires every fee line to be unit price × quantity in integer fen', () => {
    const ok = parseDispenseInput(dispenseArgs('D-1', [{ drugCode: 'AMLO5', quantity: 4 }], 125));
    expect(ok.feeLines).to.deep.equal([{ item: 'AMLO5', unitPriceFen: 125, quantity: 4, amountFen: 500 }]);
    const bad = JSON.stringify({ dispenseId: 'D-1', items: [{ drugCode: 'AMLO5', quantity: 4 }], feeLines: [{ item: 'x', unitPriceFen: 125, quantity: 4, amountFen: 499 }] });
    expect(() => parseDispenseInput(bad)).to.throw(/dispense\.feeLines\[0\]\.amountFen must equal unitPriceFen × quantity/);
    const fractional = bad.replace('"unitPriceFen":125', '"unitPriceFen":124.75');
    expect(() => parseDispenseInput(fractional)).to.throw(/dispense\.feeLines\[0\]\.unitPriceFen must be an integer/);
  });
});

describe('catalogue argument checks', () => {
  const version = (overrides: Record<string, unknown>) => () => parseCatalogueVersion(JSON.stringify({ ...catalogueV1, ...overrides }));
  const drug = catalogueV1.drugs[2];

  it('keeps self-pay ratios as integer basis points 0..10 000', () => {
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 10_000 }] })).not.to.throw();
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 10_001 }] })).to.throw(/catalogue\.drugs\[0\]\.selfPayRatioBp must be an integer from 0 to 10000/);
    expect(version({ drugs: [{ ...drug, selfPayRatioBp: 0.1 }] })).to.throw(/selfPayRatioBp/);
  });

  it('refuses repeated drugs, substitutes outside the version and bad dates or limits', () => {
    expect(version({ drugs: [drug, drug] })).to.throw(/catalogue\.drugs\[1\]\.drugCode MET500 is listed twice/);
    expect(version({ drugs: [{ ...drug, substitutes: ['GONE'] }] })).to.throw(/substitutes names GONE/);
    expect(version({ drugs: [{ ...drug, substitutes: ['MET500'] }] })).to.throw(/substitutes names MET500/);
    expect(version({ effectiveFrom: '2026-02-30' })).to.throw(/catalogue\.effectiveFrom must be a date/);
    expect(version({ limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3 } })).to.throw(/catalogue\.limits\.longMaxDays is required/);
  });
});
