import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { ComplaintRecord } from '../../chaincode/src/model/complaint';
import type { TimelineEntry } from '../../chaincode/src/model/trace';
import type { TransferRecord } from '../../chaincode/src/model/transfer';
import { fundFlowOf } from '../../chaincode/src/rules/fund-flow';
import { byTime, checkTimelineId, claimEntries, complaintEntries, transferEntry } from '../../chaincode/src/rules/timeline';

const stampAt = (at: string, txId: string): Stamp => ({ by: { mspId: 'HospitalMSP', id: 'x509::staff', role: 'admin' }, at, txId });
const entry = (at: string, id: string): TimelineEntry => ({ at, txId: `tx-${id}`, kind: 'claim', id, action: 'SUBMITTED' });

describe('actor timeline rules', () => {
  it('orders entries oldest first and keeps the gathering order of entries of one instant', () => {
    const sorted = byTime([entry('2026-03-02T02:00:00.000Z', 'b'), entry('2026-03-01T02:00:00.000Z', 'a'), entry('2026-03-02T02:00:00.000Z', 'c')]);
    expect(sorted.map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
    expect(byTime([])).to.deep.equal([]);
  });

  it('gives a claim one entry per status, and a complaint a second entry once answered', () => {
    const t = '2026-03-02T02:00:00.000Z';
    const claim = {
      claimId: 'C-1',
      amounts: { totalFen: 900 },
      statusHistory: [
        { status: 'SUBMITTED', at: t, txId: 'tx1' },
        { status: 'UNDER_REVIEW', at: t, txId: 'tx1' },
      ],
    } as unknown as ClaimRecord;
    expect(claimEntries(claim).map((e) => [e.action, e.amountFen])).to.deep.equal([
      ['SUBMITTED', 900],
      ['UNDER_REVIEW', 900],
    ]);
    const filed = { complaintId: 'CP-1', filed: stampAt(t, 'tx2') } as ComplaintRecord;
    expect(complaintEntries(filed).map((e) => e.action)).to.deep.equal(['filed']);
    expect(complaintEntries({ ...filed, responded: stampAt(t, 'tx3') }).map((e) => `${e.action}:${e.txId}`)).to.deep.equal(['filed:tx2', 'responded:tx3']);
  });

  it('takes a patient by pseudonym only, and any other actor by id', () => {
    expect(() => checkTimelineId('patientRef', 'a'.repeat(64))).not.to.throw();
    expect(() => checkTimelineId('doctor', 'DOC-1001')).not.to.throw();
    for (const id of ['a'.repeat(63), 'A'.repeat(64), 'DOC-1001']) {
      let error: unknown;
      try {
        checkTimelineId('patientRef', id);
      } catch (err) {
        error = err;
      }
      expect(error, id).to.be.instanceOf(ChaincodeError);
      expect((error as ChaincodeError).details).to.deep.equal([{ field: 'id', message: 'must be 64 lowercase hex digits (a patientRef)' }]);
    }
  });
});

describe('fund flow', () => {
  const claim = { claimId: 'C-1', status: 'REMITTED', institutionId: 'P310001', transferIds: ['T-1', 'T-2'], amounts: {}, statusHistory: [] } as unknown as ClaimRecord;
  const transfer = (transferId: string, amountFen: number) => ({ transferId, amountFen }) as TransferRecord;

  it('sums what the payee received over every payment, and shows the clearing only once there is one', () => {
    const flow = fundFlowOf(claim, { payments: [transfer('T-1', 400), transfer('T-2', 1)] });
    expect(flow.payee).to.deep.equal({ party: 'P310001', receivedFen: 401 });
    expect(flow).not.to.have.property('batch');
    expect(flow).not.to.have.property('clearing');
    expect(flow).not.to.have.property('recovery');
    expect(fundFlowOf({ ...claim, transferIds: [] }, { payments: [] }).payee.receivedFen).to.equal(0);
  });

  it('shows a recovery and what the payee paid back, next to what it received', () => {
    const recovery = { transferId: 'T-R', kind: 'recovery', fromParty: 'P310001', toParty: 'fund:310000', amountFen: 401 } as TransferRecord;
    const flow = fundFlowOf({ ...claim, status: 'RECOVERED' }, { payments: [transfer('T-1', 400), transfer('T-2', 1)], recovery });
    expect(flow.payee).to.deep.equal({ party: 'P310001', receivedFen: 401, recoveredFen: 401 });
    expect(flow.recovery).to.equal(recovery);
    expect(flow).not.to.have.property('clearingReturn');
  });
});

describe('transfer timeline entries', () => {
  it('calls a payment or clearing paid and a recovery recovered', () => {
    const executed = stampAt('2026-03-02T02:00:00.000Z', 'tx9');
    const of = (kind: TransferRecord['kind']) => transferEntry({ transferId: 'T-1', kind, amountFen: 5, executed } as TransferRecord);
    expect(of('claimPayment')).to.deep.equal({ at: executed.at, txId: 'tx9', kind: 'transfer', id: 'T-1', action: 'paid', amountFen: 5 });
    expect(of('clearing').action).to.equal('paid');
    expect(of('recovery').action).to.equal('recovered');
  });
});
