import { expect } from 'chai';
import { AuditApi } from '../../chaincode/src/api/audit-api';
import { AuditContract } from '../../chaincode/src/contracts/audit-contract';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { DOC_TYPES, storeOf } from '../../chaincode/src/stores/doc-types';
import type { FakeIdentity } from '../support/fake-ledger';
import { asTransient, expectCode, patientA, people, rxArgs, rxcc, seededLedger, violation } from '../support/rx-fixtures';

const audit = new AuditContract();

describe('Audit contract', () => {
  it('takes its docTypes from the record stores, one each', () => {
    expect(DOC_TYPES).to.include.members(['prescription', 'dispense', 'practitioner', 'catalogue', 'claim', 'benefit-year', 'transfer', 'batch', 'filing', 'complaint', 'calendar', 'policy', 'probe']);
    expect(new Set(DOC_TYPES).size).to.equal(DOC_TYPES.length);
    const schema = AuditApi.History.args.properties.docType as { anyOf: { const: string }[] };
    expect(schema.anyOf.map((a) => a.const)).to.deep.equal([...DOC_TYPES]);
    for (const docType of DOC_TYPES) expect(storeOf(docType).docType).to.equal(docType);
  });

  it('gives every committed version of a record, newest first, to investigators, insurers and admins', async () => {
    const ledger = await seededLedger();
    await ledger.tx(people.doctor, (ctx) => rxcc.prescription.Issue(ctx, rxArgs('RX-1')), asTransient(patientA));
    await ledger.tx(people.doctor, (ctx) => rxcc.prescription.Revoke(ctx, JSON.stringify({ rxId: 'RX-1', reason: 'wrong dose' })));
    const history = (who: FakeIdentity = people.investigator, args: object = { docType: 'prescription', id: 'RX-1' }) => ledger.tx(who, (ctx) => audit.History(ctx, JSON.stringify(args)));

    const versions = await history();
    expect(versions.map((v) => (v.value as PrescriptionRecord).status)).to.deep.equal(['REVOKED', 'ISSUED']);
    expect((await history(people.insurerSH)).length).to.equal(2);
    expect((await history(people.hospitalAdmin)).length).to.equal(2);
    await expectCode(history(people.doctor), 'FORBIDDEN', /doctor may not call Audit:History/);

    await ledger.tx(people.insurerSH, (ctx) => rxcc.practitioner.RecordViolation(ctx, violation('DOC-1001', 'CR-01', 5, 'r', 'CASE-1')));
    const doctor = await history(people.investigator, { docType: 'practitioner', id: 'DOC-1001' });
    expect(doctor.map((v) => (v.value as { points: number }).points)).to.deep.equal([95, 100]);
  });

  it('refuses unknown docTypes and ids, and answers NOT_FOUND for a record never written', async () => {
    const ledger = await seededLedger();
    const history = (args: object) => ledger.tx(people.investigator, (ctx) => audit.History(ctx, JSON.stringify(args)));
    await expectCode(history({ docType: 'patient', id: 'X' }), 'VALIDATION', /^\[VALIDATION\] docType: must be one of prescription, dispense, /);
    await expectCode(history({ docType: 'claim', id: 'a b' }), 'VALIDATION', /id: must be 1-128 letters, digits, dot, colon, dash or underscore/);
    const benefitYearId = `110000:2026:${'f'.repeat(64)}`;
    await expectCode(history({ docType: 'benefit-year', id: benefitYearId }), 'NOT_FOUND', /has no history: it was never written/);
  });
});
