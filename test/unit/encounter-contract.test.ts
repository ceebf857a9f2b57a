import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { callerOf, stampOf } from '../../chaincode/src/ledger/caller';
import type { Coverage } from '../../chaincode/src/model/coverage';
import type { PrescriptionItem, PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { practitioners } from '../../chaincode/src/stores/practitioners';
import { prescriptions } from '../../chaincode/src/stores/prescriptions';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { INSTITUTIONS, SH, cc, expectRefusal, invoice, patient, people, seedInstitution, seedInstitutions, seedInsured, seedPolicies } from '../support/insurance-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const PATIENT = patient('SH-1');
const B10: Coverage = { class: 'B', selfPayRatioBp: 1_000, paymentStandardFen: 1_200 };

describe('Encounter contract', () => {
  let ledger: FakeLedger;
  const call = <T>(who: FakeIdentity, fn: (ctx: Context, args: string) => Promise<T>, args: Record<string, unknown>) =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)));
  const record = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.encounter.Record(ctx, a), args);
  const get = (who: FakeIdentity, encounterId: string) => call(who, (ctx, a) => cc.encounter.Get(ctx, a), { encounterId });
  const list = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.encounter.ListByPatient(ctx, a), args);

  /** A registered doctor, as Practitioner:Register leaves one. */
  const register = (doctorId: string, institutionId: string) =>
    ledger.tx(people.hospitalAdmin, async (ctx) => {
      const stamp = stampOf(ctx, await callerOf(ctx));
      await practitioners.save(ctx, { docType: 'practitioner', doctorId, institutionId, region: SH, scope: ['内科专业'], registrationStatus: 'REGISTERED', points: 100, rxRight: 'ACTIVE', violations: [], restorations: [], registered: stamp, updated: stamp });
    });
  /** A prescription as issue leaves it, with the coverage recorded per item; `coverage: null` is one issued before the chain priced drugs. */
  const issue = (rxId: string, over: Partial<PrescriptionRecord> = {}, coverage: Coverage | null = B10, doctor: FakeIdentity = people.doctor) =>
    ledger.tx(doctor, async (ctx) => {
      const stamp = stampOf(ctx, await callerOf(ctx));
      // A record issued before the chain priced drugs has no coverage: built without it, then stored as is.
      const item: Omit<PrescriptionItem, 'coverage'> & { coverage?: Coverage } = { drugCode: 'XC09AA05', name: 'Ramipril 5 mg', quantity: 28, dose: '5 mg qd', days: 28, genericGroup: 'ramipril', monitored: false, selfPayConfirmed: false, remainingQuantity: 28 };
      if (coverage) item.coverage = coverage;
      const rx: PrescriptionRecord = {
        docType: 'prescription',
        rxId,
        prescriber: { doctorId: 'DOC-1001', institutionId: doctor.attrs.institutionId ?? '', region: SH },
        patientRef: PATIENT,
        kind: 'ORDINARY',
        diagnosisCodes: ['I10'],
        items: [item as PrescriptionItem],
        catalogueVersion: 'CAT-1',
        issuedAt: stamp.at,
        validUntil: '2026-03-05T02:00:00.000Z',
        status: 'ISSUED',
        docHash: 'a'.repeat(64),
        flagged: false,
        dispenseIds: [],
        issued: stamp,
        updated: stamp,
        ...over,
      };
      await prescriptions.save(ctx, rx);
    });
  const outpatient = (over: Record<string, unknown> = {}) => ({
    encounterId: 'ENC-1',
    patientRef: PATIENT,
    type: 'outpatient',
    department: '心内科',
    attendingDoctorId: 'DOC-1001',
    diagnosisCodes: ['I10'],
    serviceDate: '2026-03-02',
    rxIds: ['RX-1'],
    feeLines: [
      { item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' },
      { item: 'ramipril 5 mg', unitPriceFen: 1_250, quantity: 28, amountFen: 35_000, category: 'drug', drugCode: 'XC09AA05' },
    ],
    ...over,
  });

  beforeEach(async () => {
    ledger = await memberLedger();
    await seedPolicies(ledger);
    await seedInstitutions(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
    await register('DOC-1001', 'H310001');
    await register('DOC-1002', 'H310002');
    await issue('RX-1');
  });

  it('records a visit with lines covered by category or by the prescription, and an encounter claim is priced by it', async () => {
    const visit = await record(people.doctor, outpatient());
    expect(visit).to.deep.include({ institutionId: 'H310001', region: SH, patientRef: PATIENT, type: 'outpatient', rxIds: ['RX-1'], totalFen: 40_000 });
    expect(visit.feeLines[0]).to.deep.include({ lineNo: 1, category: 'service', coverage: { class: 'A', selfPayRatioBp: 0 }, coverageSource: 'category' });
    expect(visit.feeLines[1]).to.deep.include({ lineNo: 2, drugCode: 'XC09AA05', rxId: 'RX-1', coverage: B10, coverageSource: 'prescription' });
    expect(ledger.lastEvent).to.deep.equal({ name: 'EncounterRecorded', payload: { encounterId: 'ENC-1', institutionId: 'H310001', type: 'outpatient', totalFen: 40_000, txId: visit.recorded.txId } });
    await expectRefusal(record(people.doctor, outpatient()), 'CONFLICT', /encounter ENC-1 already exists/);

    await seedInsured(ledger, PATIENT, SH);
    const claim = await call(people.hospitalAdmin, (ctx, a) => cc.claim.Submit(ctx, a), { claimId: 'C-1', refType: 'encounter', refId: 'ENC-1', invoiceHash: invoice('ENC-1') });
    // Ramipril at 12.50 against a standard of 12.00: 28 × 0.50 = 1 400 over it; of 33 600, 10 % (3 360) first.
    expect(claim.feeLines[1]).to.include({ overStandardFen: 1_400, selfPayFirstFen: 3_360, eligibleFen: 30_240 });
    expect(claim.amounts).to.include({ totalFen: 40_000, eligibleFen: 35_240, deductibleFen: 35_240, fundFen: 0 });
    expect(claim.derivation.ref).to.deep.equal({ refType: 'encounter', refId: 'ENC-1', txId: visit.recorded.txId });
  });

  it('refuses malformed visits field by field: dates by type, categories, drug codes and amounts', async () => {
    const refused = (over: Record<string, unknown>, pattern: RegExp) => expectRefusal(record(people.doctor, outpatient(over)), 'VALIDATION', pattern);
    const noCategory = [{ item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000 }];
    const error = await expectRefusal(record(people.doctor, outpatient({ feeLines: noCategory })), 'VALIDATION');
    expect(error.message).to.equal('[VALIDATION] feeLines[0].category: is required');
    await refused({ feeLines: [{ ...noCategory[0], category: 'food' }] }, /^\[VALIDATION\] feeLines\[0\]\.category: must be one of drug, exam, treatment, consumable, bed, service, other$/);
    await refused({ serviceDate: undefined }, /^\[VALIDATION\] serviceDate: is required for an outpatient visit$/);
    await refused({ serviceDate: '2026-03-03' }, /serviceDate: must not be after today \(2026-03-02\): 2026-03-03 is/);
    await refused({ dischargeDate: '2026-03-02' }, /dischargeDate: applies to inpatient stays only/);
    await refused({ type: 'inpatient', serviceDate: undefined, admissionDate: '2026-03-02' }, /^\[VALIDATION\] dischargeDate: is required for an inpatient stay$/);
    await refused({ type: 'inpatient', admissionDate: '2026-03-02', dischargeDate: '2026-03-02' }, /serviceDate: applies to outpatient and emergency visits only/);
    await refused({ type: 'inpatient', serviceDate: undefined, admissionDate: '2026-03-02', dischargeDate: '2026-03-01' }, /admissionDate: must not be after dischargeDate/);
    await refused({ feeLines: [{ item: 'ramipril', unitPriceFen: 1_250, quantity: 28, amountFen: 35_000, category: 'drug' }] }, /feeLines\[0\]\.drugCode: is required on a drug line/);
    await refused({ feeLines: [{ item: 'CT', unitPriceFen: 100, quantity: 1, amountFen: 100, category: 'exam', drugCode: 'X' }] }, /feeLines\[0\]\.drugCode: applies to drug lines only/);
    await refused({ rxIds: undefined }, /rxIds: is required when a fee line is a drug/);
    await refused({ feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 3, amountFen: 301, category: 'exam' }] }, /feeLines\[0\]\.amountFen: must equal unitPriceFen × quantity/);
    await refused({ feeLines: Array.from({ length: 201 }, () => noCategory[0]) }, /feeLines: must be a list of 1 to 200 entries/);
    await refused({ diagnosisCodes: [] }, /diagnosisCodes: must be a list of 1 to 20 entries/);
    await refused({ institutionId: 'H310002' }, /institutionId: is not an allowed field/);
  });

  it('needs a designated hospital and an attending doctor registered there (CR-02, CR-10)', async () => {
    await expectRefusal(record(people.pharmacyAdmin, outpatient()), 'FORBIDDEN', /only hospital staff record encounters/);
    await expectRefusal(record(people.pharmacist, outpatient()), 'FORBIDDEN', /pharmacist may not call Encounter:Record/);
    await expectRefusal(record(people.doctor, outpatient({ attendingDoctorId: 'DOC-9999' })), 'RULE', /^\[RULE\] CR-02: attending doctor DOC-9999 is not a registered practitioner$/);
    await expectRefusal(record(people.doctor, outpatient({ attendingDoctorId: 'DOC-1002' })), 'RULE', /CR-02: attending doctor DOC-1002 is registered at H310002, not at H310001/);
    await seedInstitution(ledger, INSTITUTIONS[0], { agreement: { number: 'AGR', validFrom: '2025-01-01', validTo: '2030-12-31', status: 'REVOKED' } });
    await expectRefusal(record(people.doctor, outpatient()), 'RULE', /CR-10: the designation agreement of H310001 is revoked/);
  });

  it('lists only prescriptions of this patient issued at this hospital during the visit, and bills no drug beyond them', async () => {
    const rx = (rxIds: string[]) => record(people.doctor, outpatient({ rxIds }));
    await expectRefusal(rx(['RX-404']), 'NOT_FOUND', /prescription RX-404 does not exist/);
    await issue('RX-H2', {}, B10, people.doctor2);
    await expectRefusal(rx(['RX-1', 'RX-H2']), 'FORBIDDEN', /rxIds\[1\]: prescription RX-H2 was issued at H310002, not H310001/);
    await issue('RX-OTHER', { patientRef: patient('other') });
    await expectRefusal(rx(['RX-OTHER']), 'RULE', /rxIds\[0\]: prescription RX-OTHER is not for patient/);
    await issue('RX-REV', { status: 'REVOKED' });
    await expectRefusal(rx(['RX-REV']), 'RULE', /prescription RX-REV is revoked/);
    await issue('RX-OLD', { issuedAt: '2026-02-28T15:59:59.000Z' }); // 23:59:59 on 28 February in China
    await expectRefusal(rx(['RX-OLD']), 'RULE', /prescription RX-OLD was issued on 2026-02-28, outside the visit \(2026-03-02 to 2026-03-02\)/);
    await issue('RX-LEGACY', {}, null);
    await expectRefusal(rx(['RX-LEGACY']), 'RULE', /feeLines\[1\]\.drugCode: prescription RX-LEGACY records no catalogue coverage for XC09AA05/);

    const drugLine = (drugCode: string, quantity: number) => ({ item: 'ramipril', unitPriceFen: 1_000, quantity, amountFen: 1_000 * quantity, category: 'drug', drugCode });
    await expectRefusal(record(people.doctor, outpatient({ feeLines: [drugLine('XJ01CA04', 1)] })), 'RULE', /feeLines\[0\]\.drugCode: XJ01CA04 is on none of the visit's prescriptions/);
    await expectRefusal(record(people.doctor, outpatient({ feeLines: [drugLine('XC09AA05', 20), drugLine('XC09AA05', 9)] })), 'RULE', /feeLines\[1\]\.quantity: 29 units of XC09AA05 exceed the 28 its prescriptions leave undispensed/);
    expect((await record(people.doctor, outpatient({ feeLines: [drugLine('XC09AA05', 20), drugLine('XC09AA05', 8)] }))).totalFen).to.equal(28_000);
  });

  it('shows a visit to its hospital’s staff, insurers and investigators, and lists a patient’s visits by who may see them', async () => {
    await record(people.doctor, outpatient());
    await record(people.doctor2, outpatient({ encounterId: 'ENC-2', attendingDoctorId: 'DOC-1002', rxIds: undefined, feeLines: [{ item: 'BP check', unitPriceFen: 1_000, quantity: 1, amountFen: 1_000, category: 'exam' }] }));
    for (const who of [people.hospitalAdmin, people.insurerSH, people.insurerBJ, people.investigator]) expect((await get(who, 'ENC-1')).encounterId).to.equal('ENC-1');
    await expectRefusal(get(people.doctor2, 'ENC-1'), 'FORBIDDEN', /visible to staff of H310001, insurers and investigators only/);
    await expectRefusal(get(people.pharmacist, 'ENC-1'), 'FORBIDDEN', /pharmacist may not call Encounter:Get/);
    await expectRefusal(get(people.doctor, 'ENC-404'), 'NOT_FOUND', /encounter ENC-404 does not exist/);

    const ids = async (who: FakeIdentity, args: Record<string, unknown> = {}) => (await list(who, { patientRef: PATIENT, ...args })).records.map((e) => e.encounterId);
    expect(await ids(people.insurerSH)).to.deep.equal(['ENC-1', 'ENC-2']);
    expect(await ids(people.doctor)).to.deep.equal(['ENC-1']);
    expect(await ids(people.doctor2)).to.deep.equal(['ENC-2']);
    const first = await list(people.investigator, { patientRef: PATIENT, pageSize: 1 });
    expect(first.records.map((e) => e.encounterId)).to.deep.equal(['ENC-1']);
    expect(await ids(people.investigator, { pageSize: 1, bookmark: first.bookmark })).to.deep.equal(['ENC-2']);
    await expectRefusal(list(people.pharmacyAdmin, { patientRef: PATIENT }), 'FORBIDDEN', /only hospital staff, insurers or investigators list encounters/);
    await expectRefusal(list(people.insurerSH, { patientRef: 'x' }), 'VALIDATION', /patientRef: must be 64 lowercase hex digits/);
  });
});
