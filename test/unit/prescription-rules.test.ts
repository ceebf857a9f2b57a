import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import { applyDispense, dispenseRefusal, verifyStatusAt } from '../../chaincode/src/rules/dispensing';
import { findDuplicates, suppliesOverlap } from '../../chaincode/src/rules/duplicates';
import { blindOf, isValidIdCardNumber, patientRefOf } from '../../chaincode/src/rules/patient-ref';
import { isUncovered, maxDaysFor, prescribeItems } from '../../chaincode/src/rules/prescription-limits';
import { DAY_MS, validUntilMs, validityAt, validityDays } from '../../chaincode/src/rules/validity';
import { T0, entriesOf, limits, rxItem as item, rxRecord as rx } from '../support/rx-fixtures';

const catalogue = { versionId: 'CAT-1', drugs: entriesOf(), limits };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ChaincodeError ? err.code : 'not a ChaincodeError';
  }
  return undefined;
}

describe('validity window', () => {
  it('is 3 days for ordinary, 1 day for emergency and the longest supply for long prescriptions', () => {
    expect(validityDays('ORDINARY', [{ days: 7 }])).to.equal(3);
    expect(validityDays('EMERGENCY', [{ days: 3 }])).to.equal(1);
    expect(validityDays('LONG', [{ days: 30 }, { days: 60 }])).to.equal(60);
    expect(validUntilMs('ORDINARY', T0, [{ days: 7 }])).to.equal(T0 + 3 * DAY_MS);
  });

  it('is valid from the issue instant until 1 ms before validUntil, expired at validUntil', () => {
    const until = validUntilMs('ORDINARY', T0, [{ days: 7 }]);
    expect(validityAt(T0, until, T0 - 1)).to.equal('NOT_YET_VALID');
    expect(validityAt(T0, until, T0)).to.equal('VALID');
    expect(validityAt(T0, until, until - 1)).to.equal('VALID');
    expect(validityAt(T0, until, until)).to.equal('EXPIRED');
  });
});

describe('item limits at issue (RX-04, RX-07, RX-09)', () => {
  const req = (drugCode: string, days: number) => [{ drugCode, quantity: 10, dose: '1 tab', days }];

  it('takes each kind’s maximum days from the catalogue', () => {
    expect(maxDaysFor('ORDINARY', limits)).to.equal(7);
    expect(maxDaysFor('EMERGENCY', limits)).to.equal(3);
    expect(maxDaysFor('LONG', limits)).to.equal(90);
  });

  for (const [kind, max] of [['ORDINARY', 7], ['EMERGENCY', 3], ['LONG', 90]] as const) {
    it(`${kind}: ${max} days pass, ${max + 1} are refused as RULE`, () => {
      expect(prescribeItems(req('AMLO5', max), kind, catalogue, [])[0].days).to.equal(max);
      expect(codeOf(() => prescribeItems(req('AMLO5', max + 1), kind, catalogue, []))).to.equal('RULE');
    });
  }

  it('refuses a drug the version does not list', () => {
    expect(() => prescribeItems(req('NOPE', 1), 'ORDINARY', catalogue, [])).to.throw(/NOPE is not listed in catalogue version CAT-1/);
  });

  it('needs the patient’s self-pay confirmation for an out-of-catalogue drug and a class C one, not for A or B', () => {
    expect(() => prescribeItems(req('INSIMP', 5), 'ORDINARY', catalogue, [])).to.throw(/\[RULE\].*outside the insurance catalogue/);
    const [confirmed] = prescribeItems(req('INSIMP', 5), 'ORDINARY', catalogue, ['INSIMP']);
    expect(confirmed).to.deep.include({ coverage: { class: 'NONE', selfPayRatioBp: 10_000 }, selfPayConfirmed: true });
    const withC = { ...catalogue, drugs: entriesOf([{ drugCode: 'SILD50', name: 'sildenafil', genericGroup: 'SILDENAFIL', coverage: { class: 'C' } }]) };
    expect(() => prescribeItems(req('SILD50', 5), 'ORDINARY', withC, [])).to.throw(/\[RULE\] items\[0\]\.drugCode SILD50 is a class C drug the fund does not pay for; the patient must confirm/);
    expect(prescribeItems(req('SILD50', 5), 'ORDINARY', withC, ['SILD50'])[0].selfPayConfirmed).to.equal(true);
    expect(isUncovered({ class: 'B', selfPayRatioBp: 9999, paymentStandardFen: 1 })).to.equal(false);
    expect(isUncovered({ class: 'A', selfPayRatioBp: 0, paymentStandardFen: 1 })).to.equal(false);
  });

  it('records the catalogue facts in force and starts remaining at the prescribed quantity', () => {
    const [amlo] = prescribeItems(req('AMLO5', 7), 'ORDINARY', catalogue, []);
    expect(amlo).to.deep.equal({
      drugCode: 'AMLO5',
      name: '苯磺酸氨氯地平片 5mg',
      quantity: 10,
      dose: '1 tab',
      days: 7,
      genericGroup: 'AMLODIPINE',
      coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 },
      monitored: false,
      selfPayConfirmed: false,
      remainingQuantity: 10,
    });
  });
});

describe('duplicate prescriptions (SR-04)', () => {
  // T0 is 2026-03-01 in China; rxItem supplies 7 days, so RX-1 covers 1 to 7 March.
  const supplied = (days: number) => rx({ items: [{ ...item('AMLO5', 'AMLODIPINE', 90), days }] });

  it('matches the same drug and the same generic group at another institution', () => {
    const other = rx({ prescriber: { doctorId: 'DOC-2', institutionId: 'H2', region: '310000' } });
    expect(findDuplicates([{ drugCode: 'AMLO5', genericGroup: 'AMLODIPINE', days: 7 }], '2026-03-05', [other], 30)).to.deep.equal([
      { rxId: 'RX-1', institutionId: 'H2', drugCode: 'AMLO5', otherDrugCode: 'AMLO5', matchedOn: 'drugCode' },
    ]);
    expect(findDuplicates([{ drugCode: 'AMLO5-G', genericGroup: 'AMLODIPINE' }], '2026-03-05', [other], 30)[0]).to.include({ matchedOn: 'genericGroup', otherDrugCode: 'AMLO5' });
    expect(findDuplicates([{ drugCode: 'MET500', genericGroup: 'METFORMIN' }], '2026-03-05', [other], 30)).to.deep.equal([]);
  });

  it('counts a supply overlapping by one day, not one starting the day after the other ends', () => {
    expect(suppliesOverlap('2026-03-01', 7, '2026-03-07', 1)).to.equal(true);
    expect(suppliesOverlap('2026-03-01', 7, '2026-03-08', 30)).to.equal(false);
    expect(suppliesOverlap('2026-03-07', 3, '2026-03-01', 7)).to.equal(true);
    expect(suppliesOverlap('2026-03-08', 3, '2026-03-01', 7)).to.equal(false);
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-07', [rx()], 30)).to.have.length(1);
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-08', [rx()], 30)).to.deep.equal([]);
  });

  it('counts a prescription issued 30 days before, not one 31 days before (window 30)', () => {
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-31', [supplied(60)], 30)).to.have.length(1);
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-04-01', [supplied(60)], 30)).to.deep.equal([]);
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-04-01', [supplied(60)], 31)).to.have.length(1);
  });

  it('counts filled, partly filled and expired prescriptions; only a revoked one no longer counts', () => {
    const expired = rx({ kind: 'ORDINARY', validUntil: new Date(T0 + 3 * DAY_MS).toISOString() });
    for (const other of [rx({ status: 'DISPENSED' }), rx({ status: 'PARTIALLY_DISPENSED' }), expired]) {
      expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-05', [other], 30), other.status).to.have.length(1);
    }
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-05', [rx({ status: 'REVOKED' })], 30)).to.deep.equal([]);
  });

  it('leaves out the prescription itself and any issued after the date checked', () => {
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-03-01', [rx()], 30, 'RX-1')).to.deep.equal([]);
    expect(findDuplicates([{ drugCode: 'AMLO5', days: 7 }], '2026-02-28', [rx()], 30)).to.deep.equal([]);
  });

  it('PreCheck, knowing no days yet, asks about a one-day supply from the date', () => {
    expect(findDuplicates([{ drugCode: 'AMLO5' }], '2026-03-07', [rx()], 30)).to.have.length(1);
    expect(findDuplicates([{ drugCode: 'AMLO5' }], '2026-03-08', [rx()], 30)).to.deep.equal([]);
  });
});

describe('verify status', () => {
  const until = T0 + 90 * DAY_MS;

  it('answers final states first, then time, then the prescriber', () => {
    expect(verifyStatusAt(rx({ status: 'REVOKED' }), until + 1, false)).to.equal('REVOKED');
    expect(verifyStatusAt(rx({ status: 'DISPENSED' }), until + 1, false)).to.equal('FULLY_DISPENSED');
    expect(verifyStatusAt(rx(), until, false)).to.equal('EXPIRED');
    expect(verifyStatusAt(rx(), T0 - 1, true)).to.equal('NOT_YET_VALID');
    expect(verifyStatusAt(rx(), until - 1, false)).to.equal('PRESCRIBER_SUSPENDED');
    expect(verifyStatusAt(rx({ status: 'PARTIALLY_DISPENSED' }), until - 1, true)).to.equal('VALID');
  });

  it('maps refusals to CONFLICT for final states and RULE otherwise', () => {
    expect(dispenseRefusal('RX-1', 'VALID')).to.equal(undefined);
    expect(dispenseRefusal('RX-1', 'REVOKED')?.code).to.equal('CONFLICT');
    expect(dispenseRefusal('RX-1', 'FULLY_DISPENSED')?.code).to.equal('CONFLICT');
    expect(dispenseRefusal('RX-1', 'EXPIRED')?.code).to.equal('RULE');
    expect(dispenseRefusal('RX-1', 'NOT_YET_VALID')?.code).to.equal('RULE');
    expect(dispenseRefusal('RX-1', 'PRESCRIBER_SUSPENDED')?.code).to.equal('RULE');
  });
});

describe('dispense arithmetic', () => {
  const items = [item('AMLO5', 'AMLODIPINE', 14, 4), item('MET500', 'METFORMIN', 28)];

  it('allows exactly the remaining quantity and refuses one more as CONFLICT', () => {
    const outcome = applyDispense('RX-1', items, [{ drugCode: 'AMLO5', quantity: 4 }]);
    expect(outcome.dispensed).to.deep.equal([{ drugCode: 'AMLO5', quantity: 4, remainingAfter: 0 }]);
    expect(outcome.status).to.equal('PARTIALLY_DISPENSED');
    expect(() => applyDispense('RX-1', items, [{ drugCode: 'AMLO5', quantity: 5 }])).to.throw(/\[CONFLICT\] items\[0\]\.quantity 5 exceeds the 4 remaining/);
  });

  it('is DISPENSED when every item reaches zero', () => {
    const outcome = applyDispense('RX-1', items, [
      { drugCode: 'AMLO5', quantity: 4 },
      { drugCode: 'MET500', quantity: 28 },
    ]);
    expect(outcome.status).to.equal('DISPENSED');
    expect(outcome.items.map((i) => i.remainingQuantity)).to.deep.equal([0, 0]);
  });

  it('refuses a drug not on the prescription and leaves the input untouched', () => {
    expect(codeOf(() => applyDispense('RX-1', items, [{ drugCode: 'AMOX250', quantity: 1 }]))).to.equal('RULE');
    applyDispense('RX-1', items, [{ drugCode: 'MET500', quantity: 8 }]);
    expect(items[1].remainingQuantity).to.equal(28);
  });
});

describe('patient pseudonym', () => {
  const salt = 'ab'.repeat(32);

  it('is a deterministic HMAC that changes with the salt and the document type', () => {
    const ref = patientRefOf(salt, 'ID_CARD', '11010519491231002X');
    expect(ref).to.match(/^[0-9a-f]{64}$/);
    expect(patientRefOf(salt, 'ID_CARD', '11010519491231002X')).to.equal(ref);
    expect(patientRefOf('cd'.repeat(32), 'ID_CARD', '11010519491231002X')).not.to.equal(ref);
    expect(patientRefOf(salt, 'PASSPORT', '11010519491231002X')).not.to.equal(ref);
    expect(blindOf(salt, ref)).to.match(/^[0-9a-f]{64}$/).and.not.equal(ref);
  });

  it('checks the identity card check character', () => {
    expect(isValidIdCardNumber('11010519491231002X')).to.equal(true);
    expect(isValidIdCardNumber('310104198001011239')).to.equal(true);
    expect(isValidIdCardNumber('310104198001011238')).to.equal(false);
    expect(isValidIdCardNumber('3101041980010112')).to.equal(false);
  });
});
