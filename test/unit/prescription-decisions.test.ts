/** The pure decisions behind the Prescription contract's transactions, at their boundaries. */
import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Actor } from '../../chaincode/src/model/audit';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { Caller } from '../../chaincode/src/model/membership';
import type { PractitionerRecord } from '../../chaincode/src/model/practitioner';
import { pricedLines } from '../../chaincode/src/rules/dispense-pricing';
import { applyDispense, dispensed, isSameDispense, verificationOf } from '../../chaincode/src/rules/dispensing';
import { duplicateRefusal, duplicateRxIdsOf } from '../../chaincode/src/rules/duplicates';
import { normalisedPatient } from '../../chaincode/src/rules/patient-ref';
import { preCheckItems } from '../../chaincode/src/rules/precheck';
import { prescribingRefusal } from '../../chaincode/src/rules/prescribing-right';
import { docHashOf, issuedPrescription } from '../../chaincode/src/rules/prescription-document';
import { DEFAULT_FILTER, listFilterOf, listRefusal } from '../../chaincode/src/rules/prescription-list';
import { revocationRefusal, revoked } from '../../chaincode/src/rules/revocation';
import { DAY_MS } from '../../chaincode/src/rules/validity';
import { asCaller } from '../support/membership-fixtures';
import { T0, drugs, entriesOf, rxItem as item, rxRecord as rx } from '../support/rx-fixtures';

describe('patient identity normalisation', () => {
  it('upper-cases the number, so x and X give one pseudonym, and keeps the other fields', () => {
    expect(normalisedPatient({ idType: 'ID_CARD', idNumber: '11010519491231002x', name: '张三' })).to.deep.equal({ idType: 'ID_CARD', idNumber: '11010519491231002X', name: '张三' });
    expect(normalisedPatient({ idType: 'PASSPORT', idNumber: 'e1234', name: 'A' }).idNumber).to.equal('E1234');
  });

  it('refuses an identity card number with a wrong check character, or of 17 or 19 characters, without echoing it', () => {
    for (const idNumber of ['310104198001011238', '31010419800101123', '3101041980010112390']) {
      let error: unknown;
      try {
        normalisedPatient({ idType: 'ID_CARD', idNumber, name: 'x' });
      } catch (err) {
        error = err;
      }
      expect(error, idNumber).to.be.instanceOf(ChaincodeError);
      expect((error as ChaincodeError).details).to.deep.equal([{ field: 'transient.patient.idNumber', message: 'must be an 18-character identity card number with a correct check character' }]);
      expect((error as ChaincodeError).message).not.to.include(idNumber);
    }
  });

  it('checks the check character only for identity cards', () => {
    expect(() => normalisedPatient({ idType: 'PASSPORT', idNumber: '310104198001011238', name: 'x' })).not.to.throw();
  });
});

describe('list filters', () => {
  const ref = 'a'.repeat(64);

  it('is ISSUED without a filter, and flagged: false is no filter', () => {
    expect(listFilterOf({})).to.deep.equal(DEFAULT_FILTER);
    expect(DEFAULT_FILTER).to.deep.equal({ by: 'status', status: 'ISSUED' });
    expect(listFilterOf({ flagged: false })).to.deep.equal(DEFAULT_FILTER);
  });

  it('takes exactly one filter of each kind', () => {
    expect(listFilterOf({ patientRef: ref })).to.deep.equal({ by: 'patient', patientRef: ref });
    expect(listFilterOf({ prescriber: 'DOC-1' })).to.deep.equal({ by: 'prescriber', doctorId: 'DOC-1' });
    expect(listFilterOf({ status: 'REVOKED' })).to.deep.equal({ by: 'status', status: 'REVOKED' });
    expect(listFilterOf({ flagged: true })).to.deep.equal({ by: 'flagged' });
    expect(listFilterOf({ status: 'DISPENSED', flagged: false })).to.deep.equal({ by: 'status', status: 'DISPENSED' });
  });

  it('refuses two filters, naming the second', () => {
    expect(() => listFilterOf({ patientRef: ref, prescriber: 'DOC-1' })).to.throw(/^\[VALIDATION\] prescriber: cannot be combined with patientRef/);
    expect(() => listFilterOf({ status: 'ISSUED', flagged: true })).to.throw(/flagged: cannot be combined with status/);
    expect(() => listFilterOf({ patientRef: ref, prescriber: 'DOC-1', status: 'ISSUED', flagged: true })).to.throw(/prescriber: cannot be combined with patientRef/);
  });

  it('shows flagged prescriptions to insurers and investigators only', () => {
    expect(listRefusal({ by: 'flagged' }, 'insurer')).to.equal(undefined);
    expect(listRefusal({ by: 'flagged' }, 'investigator')).to.equal(undefined);
    for (const role of ['doctor', 'pharmacist', 'admin'] as const) expect(listRefusal({ by: 'flagged' }, role)?.code, role).to.equal('FORBIDDEN');
    expect(listRefusal(DEFAULT_FILTER, 'pharmacist')).to.equal(undefined);
  });
});

describe('duplicate refusal (SR-04)', () => {
  const hit = (rxId: string, drugCode: string) => ({ rxId, institutionId: 'H2', drugCode, otherDrugCode: drugCode, matchedOn: 'drugCode' as const });

  it('refuses duplicates without a reason as RULE, naming each prescription once', () => {
    const hits = [hit('RX-9', 'A'), hit('RX-9', 'B'), hit('RX-8', 'A')];
    expect(duplicateRxIdsOf(hits)).to.deep.equal(['RX-9', 'RX-8']);
    const refusal = duplicateRefusal(hits, undefined);
    expect(refusal?.code).to.equal('RULE');
    expect(refusal?.message).to.match(/prescription\(s\) RX-9, RX-8 for the same drug/);
  });

  it('lets duplicates pass with a reason, and no duplicates pass without one', () => {
    expect(duplicateRefusal([hit('RX-9', 'A')], 'lost supply')).to.equal(undefined);
    expect(duplicateRefusal([], undefined)).to.equal(undefined);
  });
});

describe('prescribing right (RX-06, CR-01)', () => {
  const doctor = (overrides: Partial<PractitionerRecord> = {}): PractitionerRecord => {
    const stamp = rx().issued;
    return { docType: 'practitioner', doctorId: 'DOC-1', institutionId: 'H1', region: '310000', scope: ['x'], registrationStatus: 'REGISTERED', points: 61, rxRight: 'ACTIVE', violations: [], restorations: [], registered: stamp, updated: stamp, ...overrides };
  };

  it('lets an active doctor of the registered institution prescribe', () => {
    expect(prescribingRefusal(doctor(), 'DOC-1', 'H1')).to.equal(undefined);
  });

  it('refuses the unregistered (RULE), another institution (FORBIDDEN) and the suspended (RULE)', () => {
    expect(prescribingRefusal(undefined, 'DOC-1', 'H1')?.message).to.match(/^\[RULE\] doctor DOC-1 is not registered/);
    expect(prescribingRefusal(doctor(), 'DOC-1', 'H2')?.code).to.equal('FORBIDDEN');
    expect(prescribingRefusal(doctor({ rxRight: 'SUSPENDED', points: 60 }), 'DOC-1', 'H1')?.message).to.match(/^\[RULE\] .*suspended \(CR-01, 60 points\)/);
  });
});

describe('revocation', () => {
  const actor = (overrides: Partial<Actor>): Caller => asCaller({ mspId: 'HospitalMSP', id: 'x509::/CN=someone', role: 'doctor', ...overrides });
  const issuer = actor({ licenceId: 'DOC-1', institutionId: 'H1' });

  it('lets the issuing doctor or an admin of the issuing hospital revoke while nothing is dispensed', () => {
    expect(revocationRefusal(issuer, rx())).to.equal(undefined);
    expect(revocationRefusal(actor({ role: 'admin', institutionId: 'H1' }), rx())).to.equal(undefined);
  });

  it('refuses other doctors, other hospitals’ admins and pharmacy admins of the same id (FORBIDDEN)', () => {
    expect(revocationRefusal(actor({ licenceId: 'DOC-2', institutionId: 'H1' }), rx())?.code).to.equal('FORBIDDEN');
    expect(revocationRefusal(actor({ role: 'admin', institutionId: 'H2' }), rx())?.code).to.equal('FORBIDDEN');
    expect(revocationRefusal(actor({ role: 'admin', mspId: 'PharmacyMSP', institutionId: 'H1' }), rx())?.code).to.equal('FORBIDDEN');
    expect(revocationRefusal(actor({ role: 'admin' }), rx()), 'an org-level admin names no institution').to.have.property('code', 'FORBIDDEN');
  });

  it('refuses once anything is dispensed or the prescription is no longer ISSUED (CONFLICT)', () => {
    expect(revocationRefusal(issuer, rx({ dispenseIds: ['D-1'] }))?.code).to.equal('CONFLICT');
    expect(revocationRefusal(issuer, rx({ status: 'REVOKED' }))?.code).to.equal('CONFLICT');
    expect(revocationRefusal(issuer, rx({ status: 'PARTIALLY_DISPENSED' }))?.message).to.match(/PARTIALLY_DISPENSED and can no longer be revoked/);
  });

  it('records the reason and stamp without touching the original', () => {
    const original = rx();
    const stamp = { ...original.issued, txId: 'tx9' };
    const next = revoked(original, 'wrong dose', stamp);
    expect(next).to.deep.include({ status: 'REVOKED', revocation: { reason: 'wrong dose', recorded: stamp }, updated: stamp });
    expect(original.status).to.equal('ISSUED');
  });
});

describe('prescription document', () => {
  it('hashes what was prescribed, not the catalogue facts or the remaining quantities', () => {
    const base = rx();
    const hash = docHashOf(base);
    expect(hash).to.match(/^[0-9a-f]{64}$/);
    expect(docHashOf({ ...base, items: base.items.map((i) => ({ ...i, remainingQuantity: 0, coverage: { class: 'B', selfPayRatioBp: 9000, paymentStandardFen: 1 } })) })).to.equal(hash);
    expect(docHashOf({ ...base, items: base.items.map((i) => ({ ...i, quantity: i.quantity + 1 })) })).not.to.equal(hash);
    expect(docHashOf({ ...base, validUntil: new Date(T0 + 1).toISOString() })).not.to.equal(hash);
    expect(docHashOf({ ...base, chronicDisease: undefined })).not.to.equal(hash);
  });

  it('issues ISSUED and unflagged without duplicates, flagged with the override otherwise', () => {
    const { issued: stamp, ...content } = rx();
    const plain = issuedPrescription(content, stamp, [], undefined);
    expect(plain).to.deep.include({ status: 'ISSUED', flagged: false, dispenseIds: [], issued: stamp, updated: stamp, docHash: docHashOf(content) });
    expect(plain).not.to.have.property('duplicateOverride');
    const hits = [{ rxId: 'RX-0', institutionId: 'H2', drugCode: 'AMLO5', otherDrugCode: 'AMLO5', matchedOn: 'drugCode' as const }];
    const flagged = issuedPrescription(content, stamp, hits, 'lost supply');
    expect(flagged.flagged).to.equal(true);
    expect(flagged.duplicateOverride).to.deep.equal({ reason: 'lost supply', duplicates: hits });
  });
});

describe('pre-check', () => {
  it('describes listed drugs with their substitutes and duplicates, and unknown ones as unknown', () => {
    const held = rx({ prescriber: { doctorId: 'DOC-2', institutionId: 'H2', region: '310000' } });
    const [generic, unknown] = preCheckItems(['AMLO5-G', 'NOPE'], entriesOf(), [held], T0 + DAY_MS);
    expect(generic).to.deep.include({ drugCode: 'AMLO5-G', known: true, coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 15 }, genericGroup: 'AMLODIPINE', monitored: false });
    expect(generic.substitutes).to.deep.equal([{ drugCode: 'AMLO5', name: '苯磺酸氨氯地平片 5mg', coverage: { class: 'B', selfPayRatioBp: 1000, paymentStandardFen: 150 } }]);
    expect(generic.duplicates.map((d) => [d.rxId, d.matchedOn])).to.deep.equal([['RX-1', 'genericGroup']]);
    expect(unknown).to.deep.equal({ drugCode: 'NOPE', known: false, substitutes: [], duplicates: [] });
  });

  it('leaves out substitutes the entries do not hold', () => {
    const [entry] = preCheckItems(['A'], entriesOf([{ ...drugs[0], drugCode: 'A', substitutes: ['GONE'] }]), [], T0);
    expect(entry.substitutes).to.deep.equal([]);
  });
});

describe('dispense records and retries', () => {
  const request = { rxId: 'RX-1', dispenseId: 'D-1', pharmacyId: 'P1', items: [{ drugCode: 'AMLO5', quantity: 30 }], feeLines: [{ drugCode: 'AMLO5', unitPriceFen: 150, quantity: 30, amountFen: 4500 }] };
  const stamp = { ...rx().issued, txId: 'tx5' };
  const record = (before = rx()) => {
    const outcome = applyDispense('RX-1', before.items, request.items);
    return dispensed(before, request, { ...outcome, feeLines: pricedLines(before.items, request.feeLines) }, 'PHA-1', stamp);
  };

  it('records the dispense, its priced lines and the prescription moved on, leaving the original untouched', () => {
    const before = rx();
    const { dispense, rx: after } = record(before);
    expect(dispense).to.deep.include({ dispenseId: 'D-1', rxId: 'RX-1', patientRef: before.patientRef, pharmacyId: 'P1', pharmacistId: 'PHA-1', totalFen: 4500, rxStatusAfter: 'PARTIALLY_DISPENSED' });
    expect(dispense.feeLines).to.deep.equal([{ item: 'AMLO5 tablet', drugCode: 'AMLO5', unitPriceFen: 150, quantity: 30, amountFen: 4500, coverage: before.items[0].coverage }]);
    expect(after).to.deep.include({ status: 'PARTIALLY_DISPENSED', dispenseIds: ['D-1'], updated: stamp });
    expect(after.items[0].remainingQuantity).to.equal(60);
    expect([before.status, before.dispenseIds, before.items[0].remainingQuantity]).to.deep.equal(['ISSUED', [], 90]);
  });

  it('recognises a retry by its content, whatever the key order, and nothing else as the same', () => {
    const { dispense } = record();
    const reordered = { feeLines: [{ amountFen: 4500, quantity: 30, unitPriceFen: 150, drugCode: 'AMLO5' }], items: [{ quantity: 30, drugCode: 'AMLO5' }], pharmacyId: 'P1', dispenseId: 'D-1', rxId: 'RX-1' };
    expect(isSameDispense(dispense, reordered)).to.equal(true);
    expect(isSameDispense(dispense, { ...request, pharmacyId: 'P2' })).to.equal(false);
    expect(isSameDispense(dispense, { ...request, items: [{ drugCode: 'AMLO5', quantity: 29 }] })).to.equal(false);
    expect(isSameDispense(dispense, { ...request, feeLines: [{ ...request.feeLines[0], unitPriceFen: 149, amountFen: 4470 }] })).to.equal(false);
  });

  it('verifies with what was prescribed, dispensed and remains, and the coverage at issue, at the given instant', () => {
    const partly = rx({ status: 'PARTIALLY_DISPENSED', items: [item('AMLO5', 'AMLODIPINE', 90, 60)], dispenseIds: ['D-1'] });
    const made = [{ dispenseId: 'D-1' } as DispenseRecord];
    const result = verificationOf(partly, made, T0 + DAY_MS, false);
    expect(result).to.deep.include({ rxId: 'RX-1', status: 'PRESCRIBER_SUSPENDED', recordedStatus: 'PARTIALLY_DISPENSED', checkedAt: new Date(T0 + DAY_MS).toISOString(), dispenses: made });
    expect(result.prescriber).to.deep.equal({ doctorId: 'DOC-1', institutionId: 'H1', region: '310000', rxRight: 'SUSPENDED' });
    expect(result.items).to.deep.equal([{ drugCode: 'AMLO5', name: 'AMLO5 tablet', coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 150 }, prescribed: 90, dispensed: 30, remaining: 60 }]);
    expect(verificationOf(partly, made, T0 + DAY_MS, true).status).to.equal('VALID');
  });
});
