import { expect } from 'chai';
import crypto from 'node:crypto';
import type { ImportBatchRecord } from '../../chaincode/src/model/archive';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { PolicyRecord } from '../../chaincode/src/model/policy';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import { addDays } from '../../chaincode/src/rules/dates';
import { chinaToday } from '../../scripts/demo/api';
import { policy } from '../../scripts/demo/seed';
import { appCall as call, uniqueId } from '../support/network';
import { refused } from '../support/refused';

/**
 * A region's history imported on the real network through the gateway: the enrolment list, the
 * policy terms of the time, one batch of visits, its records as the live queries see them, the
 * batch refused a second time, and a live act judged against the history (SR-04).
 */

const SH = '310000';
/** Salbutamol inhalers: class A, payment standard 2 300 fen. */
const INHALER = 'XR03AC02';

describe('Archive: importing a region’s history (real network)', function () {
  this.timeout(180_000);

  it('imports visits once, with every record the live acts would write, and the live rules see them', async () => {
    const today = chinaToday();
    const patient = { idType: 'PASSPORT', idNumber: `A${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`.toUpperCase(), name: 'Archive Test Patient' };
    const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient });
    const other = crypto.createHash('sha256').update(uniqueId('archive-other')).digest('hex');
    const enrolment = await call<{ enrolment: { enrolled: number } }>('POST', '/insured-persons/batches', 'insurer-sh', {
      persons: [{ patientRef, scheme: 'employee' }, { patientRef: other, scheme: 'resident' }],
    });
    expect(enrolment.enrolment.enrolled).to.equal(2);

    // The seeded policy took effect when the network was seeded; the archive's claims are split by the terms before it.
    const versions = await call<PolicyRecord[]>('GET', `/policies/${SH}`, 'insurer-sh');
    if (!versions.some((v) => v.effectiveFrom < today)) {
      const imported = await call<{ policy: PolicyRecord }>('POST', '/archive/policies', 'insurer-sh', policy(addDays(today, -400)));
      expect(imported.policy.created.imported).to.have.property('recordedAt');
    }

    const visitId = uniqueId('HV');
    const date = addDays(today, -3);
    const visit = {
      visitId,
      date,
      hospitalId: 'H310001',
      doctorId: 'DOC-310-0001',
      patientRef,
      kind: 'ORDINARY',
      diagnosisCodes: ['J45.9'],
      items: [{ drugCode: INHALER, quantity: 2, dose: '2 puffs prn', days: 7 }],
      dispense: {
        pharmacyId: 'P310001',
        pharmacistId: 'PHA-310-0001',
        feeLines: [{ drugCode: INHALER, unitPriceFen: 2300, quantity: 2, amountFen: 4600 }],
        claim: { invoiceHash: crypto.createHash('sha256').update(visitId).digest('hex'), outcome: 'REMITTED', payment: { paymentRef: `PAY-${visitId}`, date: addDays(today, -1) } },
      },
    };
    const args = { batchId: uniqueId('HB'), visits: [visit, { ...visit, visitId: `${visitId}-2`, patientRef: other, dispense: undefined }] };
    const { batch } = await call<{ batch: ImportBatchRecord }>('POST', '/archive/batches', 'insurer-sh', args);
    expect(batch).to.deep.include({ batchId: args.batchId, region: SH, visits: 2, records: { prescriptions: 2, dispenses: 1, claims: 1, transfers: 1 } });
    expect(await call('GET', `/archive/batches/${args.batchId}`, 'investigator1')).to.deep.equal(batch);
    // Resubmitted (a resumed load), the batch is refused and writes nothing.
    await refused(call('POST', '/archive/batches', 'insurer-sh', args), 409, /already imported/);
    // Only the region's insurer imports: a doctor is refused by the access table.
    await refused(call('POST', '/archive/batches', 'doctor1', { ...args, batchId: uniqueId('HB') }), 403);

    const rx = await call<PrescriptionRecord>('GET', `/prescriptions/${visitId}`, 'insurer-sh');
    expect(rx).to.include({ status: 'DISPENSED', patientRef });
    expect(rx.issued.at.slice(0, 10)).to.equal(date);
    expect(rx.issued.imported?.batchId).to.equal(args.batchId);
    const claim = await call<ClaimRecord>('GET', `/claims/${visitId}-C`, 'insurer-sh');
    expect(claim).to.include({ status: 'REMITTED', serviceDate: date, institutionId: 'P310001' });
    expect(claim.transferIds).to.deep.equal([`${visitId}-T`]);

    // A live prescription of the same drug three days after the imported one is a duplicate (SR-04).
    await refused(
      call('POST', '/prescriptions', 'doctor1', { patient, kind: 'ORDINARY', diagnosisCodes: ['J45.9'], items: [{ drugCode: INHALER, quantity: 1, dose: '2 puffs prn', days: 7 }] }),
      422,
      new RegExp(visitId),
    );
  });
});
