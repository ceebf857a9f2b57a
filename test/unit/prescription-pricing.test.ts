/** Dispense pricing (RX-12, PM-14): lines are the dispensed drugs × quantities at or below the payment standard recorded at issue. */
import { expect } from 'chai';
import { pricedLines } from '../../chaincode/src/rules/dispense-pricing';
import { FakeLedger } from '../support/fake-ledger';
import { catalogueV1, dispense, dispenseArgs, drugs, expectCode, issue, patientB, people, publishCatalogue, rxItem, rxcc, seededLedger, verify } from '../support/rx-fixtures';

const line = (drugCode: string, unitPriceFen: number, quantity: number) => ({ drugCode, unitPriceFen, quantity, amountFen: unitPriceFen * quantity });

describe('dispense pricing rule', () => {
  const capped = { ...rxItem('AMOX250', 'AMOXICILLIN', 12), coverage: { class: 'B' as const, selfPayRatioBp: 2000, paymentStandardFen: 45 } };
  const uncovered = { ...rxItem('INSIMP', 'INSULIN', 3), coverage: { class: 'NONE' as const, selfPayRatioBp: 10_000 } };

  it('accepts a unit price exactly at the payment standard and refuses 1 fen more, naming the field and the standard', () => {
    expect(pricedLines([capped], [line('AMOX250', 45, 12)])[0]).to.deep.include({ unitPriceFen: 45, amountFen: 540 });
    expect(() => pricedLines([capped], [line('AMOX250', 46, 12)])).to.throw(/^\[VALIDATION\] feeLines\[0\]\.unitPriceFen: must not exceed the payment standard of 45 fen$/);
    expect(pricedLines([capped], [line('AMOX250', 0, 12)])[0].amountFen, 'given away').to.equal(0);
  });

  it('lets a drug without a payment standard take any price: the patient pays it in full', () => {
    expect(pricedLines([uncovered], [line('INSIMP', 150_000, 3)])[0]).to.deep.include({ amountFen: 450_000, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } });
  });

  it('labels and covers each line from the prescription, and names every refused line at once', () => {
    const [priced] = pricedLines([capped, uncovered], [line('AMOX250', 40, 12)]);
    expect(priced).to.deep.equal({ item: 'AMOX250 tablet', drugCode: 'AMOX250', unitPriceFen: 40, quantity: 12, amountFen: 480, coverage: capped.coverage });
    expect(priced.coverage, 'a copy, not the prescription’s own object').not.to.equal(capped.coverage);
    let fields: string[] = [];
    try {
      pricedLines([capped], [line('AMOX250', 99, 12), line('SUPPLEMENT', 1, 1)]);
    } catch (err) {
      fields = (err as { details: { field: string }[] }).details.map((d) => d.field);
    }
    expect(fields).to.deep.equal(['feeLines[0].unitPriceFen', 'feeLines[1].drugCode']);
  });
});

describe('Prescription contract: dispense pricing', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  const amox = { items: [{ drugCode: 'AMOX250', quantity: 12, dose: '250mg tid', days: 4 }] };
  const raw = (rxId: string, args: object) => ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, JSON.stringify({ rxId, dispenseId: 'D-1', ...args })));
  /** Dispense records and their pharmacy index entries. */
  const dispenseKeys = () => [...ledger.state.keys()].filter((k) => k.includes('dispense'));

  it('dispenses at exactly the payment standard and refuses 1 fen above it, writing nothing', async () => {
    await issue(ledger, 'RX-1', amox);
    const items = [{ drugCode: 'AMOX250', quantity: 12 }];
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-1', 'D-1', items, 46))), 'VALIDATION', /^\[VALIDATION\] feeLines\[0\]\.unitPriceFen: must not exceed the payment standard of 45 fen$/);
    expect(dispenseKeys()).to.deep.equal([]);
    expect((await verify(ledger, 'RX-1')).items[0].remaining).to.equal(12);
    const made = await ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-1', 'D-1', items, 45)));
    expect(made.feeLines).to.deep.equal([
      { item: '阿莫西林胶囊 250mg', drugCode: 'AMOX250', unitPriceFen: 45, quantity: 12, amountFen: 540, coverage: { class: 'B', selfPayRatioBp: 2000, paymentStandardFen: 45 } },
    ]);
    expect(made.totalFen).to.equal(540);
  });

  it('refuses a health-supplement line (RX-12) and a dispensed item without its line, with the field', async () => {
    await issue(ledger, 'RX-1');
    const amlo = line('AMLO5', 150, 1);
    const supplement = { drugCode: 'BJP-0001', unitPriceFen: 99_000, quantity: 1, amountFen: 99_000 };
    const withSupplement = await expectCode(raw('RX-1', { items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: [amlo, supplement] }), 'VALIDATION');
    expect(withSupplement.details).to.deep.equal([{ field: 'feeLines[1].drugCode', message: 'must be a dispensed drug of this prescription' }]);
    const labelled = await expectCode(raw('RX-1', { items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: [amlo, { item: '保健品', unitPriceFen: 99_000, quantity: 1, amountFen: 99_000 }] }), 'VALIDATION');
    expect(labelled.details.map((d) => d.field).sort()).to.deep.equal(['feeLines[1].drugCode', 'feeLines[1].item']);
    const missing = await expectCode(raw('RX-1', { items: [{ drugCode: 'AMLO5', quantity: 1 }, { drugCode: 'MET500', quantity: 2 }], feeLines: [amlo] }), 'VALIDATION');
    expect(missing.details).to.deep.equal([{ field: 'feeLines', message: 'must include a line for items[1] (MET500)' }]);
    await expectCode(raw('RX-1', { items: [{ drugCode: 'AMLO5', quantity: 1 }], feeLines: [line('AMLO5', 150, 2)] }), 'VALIDATION', /feeLines\[0\]\.quantity: must equal the dispensed quantity of AMLO5 \(1\)/);
    expect(dispenseKeys(), 'no refused dispense left a record or an index entry').to.deep.equal([]);
  });

  it('prices an out-of-catalogue drug freely (the patient pays it all) and keeps its coverage on the line', async () => {
    await issue(ledger, 'RX-1', { items: [{ drugCode: 'INSIMP', quantity: 3, dose: '10u qd', days: 7 }], selfPayConfirmed: ['INSIMP'] });
    const made = await ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-1', 'D-1', [{ drugCode: 'INSIMP', quantity: 3 }], 150_000)));
    expect(made.feeLines[0]).to.deep.include({ drugCode: 'INSIMP', amountFen: 450_000, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } });
  });

  it('prices against the standard in force at issue, not a later version’s (RX-07)', async () => {
    const cheaper = drugs.map((d) => (d.drugCode === 'AMLO5' ? { ...d, coverage: { ...d.coverage, paymentStandardFen: 120 } } : d));
    await publishCatalogue(ledger, { ...catalogueV1, versionId: 'CAT-2026-03', effectiveFrom: '2026-03-02' }, cheaper);
    await issue(ledger, 'RX-OLD');
    ledger.advanceDays(1);
    await issue(ledger, 'RX-NEW', {}, people.doctor, patientB);
    const items = [{ drugCode: 'AMLO5', quantity: 2 }];
    expect((await dispense(ledger, 'RX-OLD', 'D-OLD', items)).feeLines[0]).to.deep.include({ unitPriceFen: 150, coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 } });
    await expectCode(ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-NEW', 'D-NEW', items, 150))), 'VALIDATION', /payment standard of 120 fen/);
    expect((await ledger.tx(people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-NEW', 'D-NEW', items, 120)))).totalFen).to.equal(240);
  });
});
