import { expect } from 'chai';
import type { TFunction } from 'i18next';
import { ApiFailure } from '../../console/src/api/client';
import { bodyFieldOf, messageOf, namePathOf } from '../../console/src/components/messages';
import { zhCN } from '../../console/src/i18n/zh-CN';
import { workingDaysLeft } from '../../console/src/components/working-days';

/** A stand-in t(): the zh-CN string of the key (or its defaultValue), with its {{placeholders}} filled. */
const t = ((key: string, options: Record<string, unknown> = {}) => {
  const found = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), zhCN);
  const text = typeof found === 'string' ? found : String(options.defaultValue ?? key);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
}) as unknown as TFunction;

describe('console: failures in words', () => {
  it('turns an API field into the form’s name path', () => {
    expect(namePathOf('items[0].quantity')).to.deep.equal(['items', 0, 'quantity']);
    expect(namePathOf('patient.idNumber')).to.deep.equal(['patient', 'idNumber']);
    expect(namePathOf('feeLines[2].unitPriceFen')).to.deep.equal(['feeLines', 2, 'unitPriceFen']);
    // The gateway's own check names the body's fields "body.…", the chaincode's without it: both are the form's.
    expect(namePathOf(bodyFieldOf('body.subjects[0].id'))).to.deep.equal(['subjects', 0, 'id']);
    expect(bodyFieldOf('items[1].note')).to.equal('items[1].note');
    expect(bodyFieldOf('query.body')).to.equal('query.body');
  });

  it('says a lost dispense race is “already dispensed”, whichever way the chaincode put it', () => {
    for (const message of ['prescription RX-1 is already fully dispensed', 'items[0].quantity 7 exceeds the 0 remaining of XC09AA02 on RX-1']) {
      expect(messageOf(new ApiFailure(409, 'CONFLICT', message), t)).to.match(/^已全部调配/);
    }
  });

  it('names a 422’s rule in a sentence, and falls back to the message for a rule it has no words for', () => {
    const hit = new ApiFailure(422, 'RULE', 'the patient holds active prescription(s) RX-9 for the same drug or generic group (SR-04); give duplicateOverrideReason to issue anyway');
    expect(messageOf(hit, t)).to.equal(`${zhCN.rules['SR-04']} (SR-04)`);
    expect(messageOf(new ApiFailure(422, 'RULE', 'the claim total is zero: nothing to reimburse'), t)).to.contain('the claim total is zero');
  });

  it('counts the fields of a 400 and never shows a raw code for the others', () => {
    const invalid = new ApiFailure(400, 'VALIDATION', 'invalid', [{ field: 'items[0].days', message: 'too long' }, { field: 'kind', message: 'bad' }]);
    expect(messageOf(invalid, t)).to.contain('2');
    for (const status of [0, 401, 403, 404, 503]) expect(messageOf(new ApiFailure(status, 'X', 'raw'), t)).to.not.contain('raw');
  });
});

describe('console: the complaint clock', () => {
  const weekends = { holidays: [], extraWorkdays: [] };
  it('counts working days after today up to the due date, on the region’s calendar', () => {
    // 2026-12-01 is a Tuesday; filed then, due 7 working days later on Thursday 2026-12-10.
    expect(workingDaysLeft('2026-12-01', '2026-12-10', weekends)).to.equal(7);
    expect(workingDaysLeft('2026-12-10', '2026-12-10', weekends)).to.equal(0);
    expect(workingDaysLeft('2026-12-04', '2026-12-10', { holidays: ['2026-12-07'], extraWorkdays: ['2026-12-05'] })).to.equal(4);
  });
  it('is negative by the working days past the due date', () => {
    expect(workingDaysLeft('2026-12-11', '2026-12-10', weekends)).to.equal(-1);
    expect(workingDaysLeft('2026-12-14', '2026-12-10', weekends)).to.equal(-2);
  });
});
