import { expect } from 'chai';
import { ArchiveContract } from '../../chaincode/src/contracts/archive-contract';
import type { ImportBatchRecord } from '../../chaincode/src/model/archive';
import { benefitYearIdOf, type ClaimRecord } from '../../chaincode/src/model/claim';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { patientRefOf } from '../../chaincode/src/rules/patient-ref';
import { SETTLED_IN_HISTORY, settledClaim } from '../../chaincode/src/rules/archive';
import { benefitYears, claims } from '../../chaincode/src/stores/claims';
import { dispenses } from '../../chaincode/src/stores/dispenses';
import { insuredPersons } from '../../chaincode/src/stores/insured-persons';
import { prescriptions } from '../../chaincode/src/stores/prescriptions';
import { transfers } from '../../chaincode/src/stores/transfers';
import type { FakeLedger } from '../support/fake-ledger';
import { cc, expectRefusal, invoice, patient, seedInsured, seedPolicies, shTerms, SH } from '../support/insurance-fixtures';
import { SALT, issue, patientA, people, seededLedger } from '../support/rx-fixtures';

const archive = new ArchiveContract();
/** patientA's pseudonym under the seeded salt: the live acts for patientA find the imported history. */
const PATIENT_A = patientRefOf(SALT, patientA.idType, patientA.idNumber);

const visit = (visitId: string, overrides: Record<string, unknown> = {}) => ({
  visitId,
  date: '2026-02-20',
  hospitalId: 'H310001',
  doctorId: 'DOC-1001',
  patientRef: PATIENT_A,
  kind: 'ORDINARY',
  diagnosisCodes: ['I10'],
  items: [
    { drugCode: 'AMLO5-G', quantity: 14, dose: '5mg qd', days: 7 },
    { drugCode: 'MET500', quantity: 28, dose: '500mg bid', days: 7 },
  ],
  ...overrides,
});

const dispense = (claim?: Record<string, unknown>) => ({
  pharmacyId: 'P310001',
  pharmacistId: 'PHA-2001',
  feeLines: [
    { drugCode: 'AMLO5-G', unitPriceFen: 15, quantity: 14, amountFen: 210 },
    { drugCode: 'MET500', unitPriceFen: 150, quantity: 28, amountFen: 4200 },
  ],
  ...(claim ? { claim } : {}),
});

const remitted = (n: string, date = '2026-02-25') => ({ invoiceHash: invoice(n), outcome: 'REMITTED', payment: { paymentRef: `PAY-${n}`, date } });

describe('Archive contract: importing a region’s history', () => {
  let ledger: FakeLedger;
  const importVisits = (args: Record<string, unknown>, who = people.insurerSH) => ledger.tx(who, (ctx) => archive.ImportVisits(ctx, JSON.stringify(args)));
  const read = <T>(fn: (ctx: Parameters<Parameters<FakeLedger['tx']>[1]>[0]) => Promise<T>) => ledger.tx(people.investigator, fn);

  beforeEach(async () => {
    ledger = await seededLedger();
    await seedPolicies(ledger);
    await seedInsured(ledger, PATIENT_A, SH);
    await seedInsured(ledger, patient('SH-2'), SH);
  });

  it('builds every visit’s records with the live builders, on their historical dates, marked with the batch', async () => {
    const batch: ImportBatchRecord = await importVisits({
      batchId: 'HB-1',
      visits: [
        visit('HV-1', { dispense: dispense(remitted('1')) }),
        visit('HV-2', { date: '2026-02-21', patientRef: patient('SH-2'), dispense: dispense({ invoiceHash: invoice('2'), outcome: 'REJECTED' }) }),
        visit('HV-3', { date: '2026-02-22', dispense: dispense({ invoiceHash: invoice('3'), outcome: 'APPROVED' }) }),
        visit('HV-4', { date: '2026-02-23', dispense: dispense() }),
        visit('HV-5', { date: '2026-02-24' }),
      ],
    });
    expect(batch).to.deep.include({ batchId: 'HB-1', region: SH, visits: 5, period: { from: '2026-02-20', to: '2026-02-24' } });
    expect(batch.records).to.deep.equal({ prescriptions: 5, dispenses: 4, claims: 3, transfers: 1 });

    const rx = (await read((ctx) => prescriptions.mustGet(ctx, 'HV-1'))) as PrescriptionRecord;
    expect(rx).to.include({ status: 'DISPENSED', issuedAt: '2026-02-20T01:00:00.000Z', patientRef: PATIENT_A, catalogueVersion: 'CAT-2026-01' });
    expect(rx.issued.imported).to.deep.equal({ batchId: 'HB-1', recordedAt: new Date(ledger.nowMs).toISOString() });
    expect(rx.issued.by.mspId).to.equal('InsurerSHMSP');
    expect(rx.items.map((i) => i.remainingQuantity)).to.deep.equal([0, 0]);
    expect((await read((ctx) => prescriptions.mustGet(ctx, 'HV-5'))).status).to.equal('ISSUED');
    expect((await read((ctx) => dispenses.mustGet(ctx, 'HV-1-D'))).dispensed.at).to.equal('2026-02-20T02:00:00.000Z');

    const paid = (await read((ctx) => claims.mustGet(ctx, 'HV-1-C'))) as ClaimRecord;
    expect(paid).to.include({ status: 'REMITTED', serviceDate: '2026-02-20', institutionId: 'P310001', treatmentRegion: SH });
    expect(paid.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REMITTED']);
    expect(paid.statusHistory[2].reason).to.equal(SETTLED_IN_HISTORY);
    // The split is the chain's: the policy in force on the date, as a live claim's.
    expect(paid.ruleSnapshot.policy).to.deep.equal({ region: SH, version: 1 });
    expect(paid.amounts.totalFen).to.equal(4410);
    const transfer = await read((ctx) => transfers.mustGet(ctx, 'HV-1-T'));
    expect(transfer).to.include({ kind: 'claimPayment', toParty: 'P310001', date: '2026-02-25', amountFen: paid.amounts.fundFen, paymentRef: 'PAY-1' });
    expect(transfer.executed.at).to.equal('2026-02-25T08:00:00.000Z');

    expect((await read((ctx) => claims.mustGet(ctx, 'HV-2-C'))).status).to.equal('REJECTED');
    expect((await read((ctx) => claims.mustGet(ctx, 'HV-3-C'))).status).to.equal('APPROVED');
    // Two claims of patient A reserved their deductible in one benefit year, written once; the rejected one reserved nothing.
    const year = await read((ctx) => benefitYears.mustGet(ctx, benefitYearIdOf(SH, 2026, PATIENT_A)));
    const approved = await read((ctx) => claims.mustGet(ctx, 'HV-3-C'));
    expect(year.deductibleMetFen).to.equal(paid.amounts.deductibleFen + approved.amounts.deductibleFen);
    // Class B metformin's 5 % self-pay-first share is not eligible: 4 200 fen of each 4 410 count towards the deductible.
    expect(year.deductibleMetFen).to.equal(2 * 4200);
    expect(await read((ctx) => benefitYears.get(ctx, benefitYearIdOf(SH, 2026, patient('SH-2'))))).to.equal(undefined);
    expect((await read((ctx) => insuredPersons.mustGet(ctx, PATIENT_A))).updated.imported).to.equal(undefined);

    // Every index the live acts keep is there: the history is found by the live queries.
    const keys = [...ledger.state.keys()].map((k) => k.split('\u0000').filter(Boolean).join('|'));
    expect(keys).to.include(`rx-by-patient-date|${PATIENT_A}|2026-02-20|HV-1`);
    expect(keys).to.include(`rx-by-status|ISSUED|HV-5`);
    expect(keys).to.include('claim-by-rx|HV-1|HV-1-C');
    expect(keys).to.include(`claim-by-region-status|${SH}|APPROVED|HV-3-C`);
    expect(keys).to.include('transfer-by-payee|P310001|fund:310000|2026-02-25|HV-1-T');
  });

  it('lets the live rules work on the history: a live prescription of the same drug within 30 days is a duplicate (SR-04)', async () => {
    await importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { date: '2026-02-26', dispense: dispense(remitted('1', '2026-02-27')) })] });
    await expectRefusal(issue(ledger, 'RX-LIVE', { items: [{ drugCode: 'MET500', quantity: 28, dose: '500mg bid', days: 7 }] }), 'RULE', /HV-1/);
  });

  it('imports a batch once: a resubmission, or other visits under its id, is a CONFLICT that writes nothing', async () => {
    const args = { batchId: 'HB-1', visits: [visit('HV-1', { dispense: dispense(remitted('1')) })] };
    await importVisits(args);
    const before = new Map(ledger.state);
    await expectRefusal(importVisits(args), 'CONFLICT', /batch HB-1 was already imported by transaction tx\d+; nothing was written/);
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-9')] }), 'CONFLICT', /already used .* for other visits/);
    // Another batch naming a visit already imported overwrites nothing either.
    await expectRefusal(importVisits({ batchId: 'HB-2', visits: [visit('HV-1')] }), 'CONFLICT', /visits\[0\] \(HV-1\): prescription HV-1 already exists/);
    expect(ledger.state).to.deep.equal(before);
  });

  it('names every field that breaks the rules of history at once', async () => {
    const today = '2026-03-01';
    const err = await expectRefusal(
      importVisits({
        batchId: 'HB-1',
        visits: [
          visit('HV-1', { date: today }),
          visit('HV-1', { dispense: dispense({ invoiceHash: invoice('1'), outcome: 'REMITTED' }) }),
          visit('HV-3', { dispense: dispense({ ...remitted('3', '2026-02-19'), outcome: 'APPROVED' }) }),
          visit('HV-4', { dispense: dispense(remitted('3')) }),
        ],
      }),
      'VALIDATION',
    );
    expect((err as unknown as { details: { field: string }[] }).details.map((d) => d.field)).to.deep.equal([
      'visits[0].date',
      'visits[1].visitId',
      'visits[1].dispense.claim.payment',
      'visits[2].dispense.claim.payment',
      'visits[2].dispense.claim.payment.date',
      'visits[3].dispense.claim.invoiceHash',
    ]);
    const schema = await expectRefusal(importVisits({ batchId: 'HB-1', visits: Array.from({ length: 201 }, (_, i) => visit(`HV-${i}`)) }), 'VALIDATION');
    expect(schema.message).to.contain('visits');
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { fundFen: 1 })] }), 'VALIDATION', /visits\[0\]\.fundFen: is not an allowed field/);
  });

  it('takes history only from the insurer of its region, of registered doctors at their hospital, for insured patients', async () => {
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1')] }, people.doctor), 'FORBIDDEN');
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1')] }, people.insurerBJ), 'FORBIDDEN', /H310001 is in region 310000; the insurer of 110000/);
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { doctorId: 'DOC-1002' })] }), 'RULE', /DOC-1002 is registered at H310002, not H310001/);
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { patientRef: patient('nobody') })] }), 'RULE', /XR-01/);
    await expectRefusal(importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { dispense: { ...dispense(), pharmacyId: 'P110001' } })] }), 'FORBIDDEN', /P110001 is in region 110000/);
    // A dispensed line above the payment standard recorded at issue is refused as a live dispense's is.
    await expectRefusal(
      importVisits({ batchId: 'HB-1', visits: [visit('HV-0'), visit('HV-1', { dispense: { ...dispense(), feeLines: [{ drugCode: 'AMLO5-G', unitPriceFen: 16, quantity: 14, amountFen: 224 }] } })] }),
      'VALIDATION',
      /^\[VALIDATION\] visits\[1\]\.dispense\.feeLines\[0\]\.unitPriceFen: must not exceed the payment standard of 15 fen$/,
    );
  });

  it('records the policy terms of the time before the region’s first version, never after', async () => {
    const imported = await ledger.tx(people.insurerSH, (ctx) => archive.ImportPolicy(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2025-06-01' })));
    expect(imported).to.include({ region: SH, version: 2, effectiveFrom: '2025-06-01' });
    expect(imported.created.imported).to.have.property('recordedAt');
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => archive.ImportPolicy(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2026-01-01' }))), 'RULE', /history precedes/);
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => archive.ImportPolicy(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2026-03-01' }))), 'RULE', /not before today/);
    // A claim of June 2025 is split by it; live claims of 2026 by version 1 as before.
    await seedInsured(ledger, patient('SH-3'), SH);
    await importVisits({ batchId: 'HB-1', visits: [visit('HV-1', { date: '2025-07-01', dispense: dispense(remitted('1', '2025-07-20')) })] });
    expect((await read((ctx) => claims.mustGet(ctx, 'HV-1-C'))).ruleSnapshot.policy).to.deep.equal({ region: SH, version: 2 });
    expect((await ledger.tx(people.insurerSH, (ctx) => cc.policy.InForce(ctx, JSON.stringify({ region: SH, date: '2026-02-01' })))).version).to.equal(1);
    // A live version still may not take effect before the latest live one does.
    await ledger.tx(people.insurerSH, (ctx) => cc.policy.Set(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2026-06-01' })));
    await expectRefusal(ledger.tx(people.insurerSH, (ctx) => cc.policy.Set(ctx, JSON.stringify({ ...shTerms, effectiveFrom: '2026-05-01' }))), 'RULE', /before version 3's 2026-06-01/);
  });
});

describe('a historical claim’s outcome', () => {
  const stamp = { by: { mspId: 'InsurerSHMSP', id: 'x', role: 'insurer' as const }, at: '2026-02-20T03:00:00.000Z', txId: 'tx1' };
  const claim = (status: ClaimRecord['status']) =>
    ({ status, statusHistory: [], reviewHits: status === 'REJECTED' ? [{ ruleId: 'RX-12', action: 'reject', detail: 'x', policy: { region: SH, version: 1 } }] : [] }) as unknown as ClaimRecord;

  it('cannot be approved where the chain’s own review rejects the claim at submission; otherwise it is what the archive says', () => {
    expect(() => settledClaim(claim('REJECTED'), 'REMITTED', stamp)).to.throw(/rejected at submission by RX-12; the archive cannot record it as REMITTED/);
    expect(settledClaim(claim('REJECTED'), 'REJECTED', stamp).statusHistory).to.deep.equal([]);
    expect(settledClaim(claim('MANUAL_REVIEW'), 'REMITTED', stamp).status).to.equal('APPROVED');
    expect(settledClaim(claim('APPROVED'), 'APPROVED', stamp).statusHistory).to.deep.equal([]);
    expect(settledClaim(claim('UNDER_REVIEW'), 'REJECTED', stamp).statusHistory[0]).to.include({ status: 'REJECTED', reason: SETTLED_IN_HISTORY, txId: 'tx1' });
  });
});

describe('InsuredPerson:EnrolBatch', () => {
  let ledger: FakeLedger;
  const enrol = (persons: object[]) => ledger.tx(people.insurerSH, (ctx) => cc.insuredPerson.EnrolBatch(ctx, JSON.stringify({ persons })));

  beforeEach(async () => {
    ledger = await seededLedger();
  });

  it('enrols a list as Enrol enrols each person, all or none', async () => {
    expect(await enrol([{ patientRef: patient('1'), scheme: 'employee' }, { patientRef: patient('2'), scheme: 'resident', personalAccountFen: 500 }])).to.deep.equal({ insuredRegion: SH, enrolled: 2 });
    const second = await ledger.tx(people.insurerSH, (ctx) => insuredPersons.mustGet(ctx, patient('2')));
    expect(second).to.include({ insuredRegion: SH, scheme: 'resident', status: 'ACTIVE', personalAccountFen: 500 });
    const before = new Map(ledger.state);
    await expectRefusal(enrol([{ patientRef: patient('3'), scheme: 'employee' }, { patientRef: patient('1'), scheme: 'employee' }]), 'CONFLICT', /already enrolled/);
    expect(ledger.state).to.deep.equal(before);
    const repeated = await expectRefusal(enrol([{ patientRef: patient('4'), scheme: 'employee' }, { patientRef: patient('4'), scheme: 'resident' }]), 'VALIDATION');
    expect(repeated.message).to.contain('persons[1].patientRef: must not repeat persons[0].patientRef');
    await expectRefusal(ledger.tx(people.doctor, (ctx) => cc.insuredPerson.EnrolBatch(ctx, JSON.stringify({ persons: [{ patientRef: patient('5'), scheme: 'employee' }] }))), 'FORBIDDEN');
  });
});
