import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { BatchRecord } from '../../chaincode/src/model/batch';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import { balanceMismatches, batchClaimRefusal, checkCounterparty, checkDeclaredRegions, clearingPositions } from '../../chaincode/src/rules/clearing';
import { clearingReturnOf, recoveredClaim, recoveryRefusal, recoveryTransfer } from '../../chaincode/src/rules/recovery';
import { batchDecisionRefusal, clearingTransfer, paymentRefusal, paymentTransfer } from '../../chaincode/src/rules/settlement';
import { inForceOn, policyRuleViolations } from '../../chaincode/src/rules/policy';
import type { PolicyTerms } from '../../chaincode/src/model/policy';

const SH = '310000';
const BJ = '110000';
const claim = (claimId: string, insuredRegion: string, treatmentRegion: string, fundFen: number) => ({ claimId, insuredRegion, treatmentRegion, fundFen });

describe('batch netting', () => {
  it('sums what each region owes and nets the two directions', () => {
    const positions = clearingPositions(SH, BJ, [claim('c1', BJ, SH, 1_000), claim('c2', BJ, SH, 2_501), claim('c3', SH, BJ, 700)]);
    expect(positions.owedFenByRegion).to.deep.equal({ [SH]: 700, [BJ]: 3_501 });
    expect(positions.net).to.deep.equal({ payerRegion: BJ, payeeRegion: SH, amountFen: 2_801 });
  });

  it('moves nothing when the directions cancel', () => {
    const positions = clearingPositions(SH, BJ, [claim('c1', BJ, SH, 900), claim('c2', SH, BJ, 900)]);
    expect(positions.net).to.equal(undefined);
  });

  it('adds a return to what its treatment region owes, so the share comes back to the insured region', () => {
    const back = { claimId: 'c0', fromRegion: SH, toRegion: BJ, amountFen: 1_000 };
    const positions = clearingPositions(SH, BJ, [claim('c3', BJ, SH, 400)], [back]);
    expect(positions.owedFenByRegion).to.deep.equal({ [SH]: 1_000, [BJ]: 400 });
    expect(positions.net).to.deep.equal({ payerRegion: SH, payeeRegion: BJ, amountFen: 600 });
    // Returns alone, and a return exactly cancelling the other direction.
    expect(clearingPositions(BJ, SH, [], [back]).net).to.deep.equal({ payerRegion: SH, payeeRegion: BJ, amountFen: 1_000 });
    expect(clearingPositions(SH, BJ, [claim('c3', BJ, SH, 1_000)], [back]).net).to.equal(undefined);
    expect(() => clearingPositions(SH, BJ, [], [{ ...back, toRegion: '440000' }])).to.throw(/the return of claim c0 is not between/);
  });

  it('refuses a claim that is not between the two regions', () => {
    expect(() => clearingPositions(SH, BJ, [claim('c1', '440000', SH, 1)])).to.throw(/not between/);
    expect(() => clearingPositions(SH, BJ, [claim('c1', SH, SH, 1)])).to.throw(/not between/);
  });

  it('reports every way the declared amounts fail to balance', () => {
    const computed = { [SH]: 700, [BJ]: 3_501 };
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_501 })).to.deep.equal([]);
    expect(balanceMismatches({ [SH]: 0, [BJ]: 10 }, { [BJ]: 10 })).to.deep.equal([]);
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_500 })).to.deep.equal([`${BJ} owes 3501 fen by its claims but 3500 fen was declared`]);
    expect(balanceMismatches(computed, { [SH]: 700, [BJ]: 3_501, '440000': 0 })[0]).to.match(/not a party/);
  });
});

/** The code and reason of a refusal, thrown or returned. */
function refusalOf(outcome: ChaincodeError | undefined | (() => void)): string | undefined {
  let error: ChaincodeError | undefined;
  if (typeof outcome === 'function') {
    try {
      outcome();
    } catch (err) {
      if (!(err instanceof ChaincodeError)) throw err;
      error = err;
    }
  } else {
    error = outcome;
  }
  return error && `${error.code}: ${error.reason}`;
}

const stamp: Stamp = { by: { mspId: 'InsurerSHMSP', id: 'x509::insurer-sh', role: 'insurer', region: SH }, at: '2026-03-02T02:00:00.000Z', txId: 'tx1' };
const claimRecord = (over: Partial<ClaimRecord>): ClaimRecord =>
  ({
    claimId: 'C-1',
    insuredRegion: BJ,
    treatmentRegion: SH,
    crossRegion: true,
    institutionId: 'H310001',
    status: 'REMITTED',
    transferIds: ['T-1'],
    amounts: { totalFen: 1_000, deductibleFen: 0, fundFen: 600, personalAccountFen: 0, selfPayFen: 400, capLimited: false },
    ...over,
  }) as ClaimRecord;

describe('what may be batched', () => {
  it('takes a remitted cross-region claim between the two regions, in either order, in no batch', () => {
    expect(batchClaimRefusal(claimRecord({}), SH, BJ)).to.equal(undefined);
    expect(batchClaimRefusal(claimRecord({}), BJ, SH)).to.equal(undefined);
  });

  it('refuses a batched, unpaid, local or third-region claim, each for its reason', () => {
    expect(refusalOf(batchClaimRefusal(claimRecord({ batchId: 'B-0' }), SH, BJ))).to.equal('CONFLICT: claim C-1 is already in batch B-0');
    expect(refusalOf(batchClaimRefusal(claimRecord({ status: 'APPROVED' }), SH, BJ))).to.equal('CONFLICT: claim C-1 is APPROVED; only remitted claims are cleared');
    expect(refusalOf(batchClaimRefusal(claimRecord({ insuredRegion: SH, crossRegion: false }), SH, BJ))).to.match(/^RULE: claim C-1 is not a cross-region claim between 310000 and 110000/);
    expect(refusalOf(batchClaimRefusal(claimRecord({ insuredRegion: '440000' }), SH, BJ))).to.match(/^RULE: /);
  });

  it('is between the caller’s region and another, with declarations for those two only', () => {
    expect(refusalOf(() => checkCounterparty(SH, BJ))).to.equal(undefined);
    expect(refusalOf(() => checkCounterparty(SH, SH))).to.equal("VALIDATION: counterpartyRegion: must differ from the caller's region 310000");
    expect(refusalOf(() => checkDeclaredRegions({}, [SH, BJ]))).to.equal(undefined);
    expect(refusalOf(() => checkDeclaredRegions({ [SH]: 0, [BJ]: 5 }, [SH, BJ]))).to.equal(undefined);
    expect(refusalOf(() => checkDeclaredRegions({ [BJ]: 5, '440000': 0 }, [SH, BJ]))).to.equal('VALIDATION: owedFenByRegion.440000: is not a region of this batch (310000, 110000)');
  });
});

describe('payment and batch decisions', () => {
  const approved = claimRecord({ status: 'APPROVED', transferIds: [] });

  it('pays an approved claim by its treatment region, once', () => {
    expect(paymentRefusal(approved, SH)).to.equal(undefined);
    expect(refusalOf(paymentRefusal(approved, BJ))).to.equal('FORBIDDEN: only the insurer of treatment region 310000 pays claim C-1');
    expect(refusalOf(paymentRefusal(claimRecord({}), SH))).to.equal('CONFLICT: claim C-1 was already paid by transfer T-1');
    for (const status of ['SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW', 'REJECTED'] as const) {
      expect(refusalOf(paymentRefusal(claimRecord({ status, transferIds: [] }), SH))).to.equal(`CONFLICT: claim C-1 is ${status}; only an approved claim is paid`);
    }
    expect(refusalOf(paymentRefusal(claimRecord({ status: 'RECOVERED', recoveryTransferId: 'T-R' }), SH))).to.equal(
      'CONFLICT: claim C-1 was recovered by transfer T-R; a recovered claim is never paid again',
    );
  });

  it('moves the fund share from the treatment region’s fund to the institution', () => {
    expect(paymentTransfer(approved, 'T-9', 'BANK-9', '2026-03-02', stamp)).to.deep.equal({
      docType: 'transfer',
      transferId: 'T-9',
      kind: 'claimPayment',
      fromParty: 'fund:310000',
      toParty: 'H310001',
      amountFen: 600,
      claimIds: ['C-1'],
      paymentRef: 'BANK-9',
      date: '2026-03-02',
      executed: stamp,
    });
  });

  const batch: BatchRecord = {
    docType: 'batch',
    batchId: 'B-1',
    proposerRegion: SH,
    counterpartyRegion: BJ,
    claimIds: ['C-1', 'C-2'],
    owedFenByRegion: { [SH]: 100, [BJ]: 700 },
    net: { payerRegion: BJ, payeeRegion: SH, amountFen: 600 },
    status: 'PROPOSED',
    proposed: stamp,
  };

  it('lets only the counterparty decide a proposed batch', () => {
    expect(batchDecisionRefusal(batch, BJ, 'confirms')).to.equal(undefined);
    expect(refusalOf(batchDecisionRefusal(batch, SH, 'rejects'))).to.equal('FORBIDDEN: only the insurer of 110000 rejects batch B-1');
    expect(refusalOf(batchDecisionRefusal({ ...batch, status: 'CLEARED' }, BJ, 'confirms'))).to.equal('CONFLICT: batch B-1 is CLEARED');
    expect(refusalOf(batchDecisionRefusal({ ...batch, status: 'REJECTED' }, BJ, 'confirms'))).to.equal('CONFLICT: batch B-1 is REJECTED');
  });

  it('moves the net between the funds, and nothing when the directions cancel', () => {
    expect(clearingTransfer(batch, 'T-C', 'PBOC-1', '2026-03-02', stamp)).to.include({ kind: 'clearing', fromParty: 'fund:110000', toParty: 'fund:310000', amountFen: 600, batchId: 'B-1' });
    // The transfer also names the recovered claims whose shares it gives back.
    const withReturn: BatchRecord = { ...batch, returns: [{ claimId: 'C-0', fromRegion: SH, toRegion: BJ, amountFen: 50 }] };
    expect(clearingTransfer(withReturn, 'T-C', 'PBOC-1', '2026-03-02', stamp)?.claimIds).to.deep.equal(['C-1', 'C-2', 'C-0']);
    const even: BatchRecord = { ...batch };
    delete even.net;
    expect(clearingTransfer(even, 'T-C', 'PBOC-1', '2026-03-02', stamp)).to.equal(undefined);
  });
});

describe('recovery', () => {
  const basis = { ruleId: 'FT-02', reason: 'fake invoice', evidenceRef: 'CASE-1' };
  const cleared: BatchRecord = {
    docType: 'batch',
    batchId: 'B-0',
    proposerRegion: SH,
    counterpartyRegion: BJ,
    claimIds: ['C-1'],
    owedFenByRegion: { [SH]: 0, [BJ]: 600 },
    status: 'CLEARED',
    proposed: stamp,
  };

  it('recovers a paid claim once, by the treatment region’s insurer, and never while a proposed batch holds it', () => {
    expect(recoveryRefusal(claimRecord({}), SH)).to.equal(undefined);
    expect(recoveryRefusal(claimRecord({ batchId: 'B-0' }), SH, cleared)).to.equal(undefined);
    expect(refusalOf(recoveryRefusal(claimRecord({}), BJ))).to.equal('FORBIDDEN: only the insurer of treatment region 310000 recovers claim C-1');
    expect(refusalOf(recoveryRefusal(claimRecord({ status: 'RECOVERED', recoveryTransferId: 'T-R' }), SH))).to.equal('CONFLICT: claim C-1 was already recovered by transfer T-R');
    for (const status of ['SUBMITTED', 'UNDER_REVIEW', 'MANUAL_REVIEW', 'APPROVED', 'REJECTED'] as const) {
      expect(refusalOf(recoveryRefusal(claimRecord({ status }), SH))).to.equal(`CONFLICT: claim C-1 is ${status}; only a paid (REMITTED) claim is recovered`);
    }
    expect(refusalOf(recoveryRefusal(claimRecord({ batchId: 'B-0' }), SH, { ...cleared, status: 'PROPOSED' }))).to.match(/^CONFLICT: claim C-1 is in proposed clearing batch B-0/);
  });

  it('moves the whole fund share from the institution back to the treatment region’s fund, and marks the claim RECOVERED', () => {
    const paid = claimRecord({ statusHistory: [] });
    const transfer = recoveryTransfer(paid, 'T-R', 'BANK-R', basis, '2026-04-01', stamp);
    expect(transfer).to.include({ kind: 'recovery', fromParty: 'H310001', toParty: 'fund:310000', amountFen: 600, paymentRef: 'BANK-R', date: '2026-04-01' });
    expect(transfer.claimIds).to.deep.equal(['C-1']);
    expect(transfer.basis).to.deep.equal(basis);
    const recovered = recoveredClaim(paid, transfer, stamp);
    expect(recovered).to.include({ status: 'RECOVERED', recoveryTransferId: 'T-R' });
    expect(recovered.statusHistory).to.deep.equal([{ status: 'RECOVERED', reason: 'recovered 600 fen from H310001 by transfer T-R (FT-02: fake invoice)', by: stamp.by, at: stamp.at, txId: stamp.txId }]);
  });

  it('owes the insured region the share back only when a cleared batch had settled the claim', () => {
    expect(clearingReturnOf(claimRecord({}), undefined, 'T-R', stamp)).to.equal(undefined);
    expect(clearingReturnOf(claimRecord({ batchId: 'B-0' }), { ...cleared, status: 'REJECTED' }, 'T-R', stamp)).to.equal(undefined);
    expect(clearingReturnOf(claimRecord({ batchId: 'B-0' }), cleared, 'T-R', stamp)).to.deep.equal({
      docType: 'clearing-return',
      claimId: 'C-1',
      fromRegion: SH,
      toRegion: BJ,
      amountFen: 600,
      clearedBatchId: 'B-0',
      recoveryTransferId: 'T-R',
      recorded: stamp,
      updated: stamp,
    });
  });
});

const terms: PolicyTerms = {
  effectiveFrom: '2026-01-01',
  ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 5000 },
  deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 100_000 },
  annualCapFen: 20_000_000,
  crossRegionFiledRatioBp: 6000,
  crossRegionUnfiledRatioBp: 4000,
  reviewThresholds: { stayWarnDays: 30, manualReviewTotalFen: 5_000_000 },
  personalAccountUse: 'local',
};

describe('policy rules', () => {
  it('accepts a policy that follows PM-28, PM-31 and XR-05', () => {
    expect(policyRuleViolations(terms)).to.deep.equal([]);
  });

  it('names each rule a policy breaks', () => {
    const bad: PolicyTerms = {
      ...terms,
      ratioBpByLevel: { basic: 4900, secondary: 6000, tertiary: 5000 },
      deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 40_000 },
      crossRegionUnfiledRatioBp: 6000,
    };
    expect(policyRuleViolations(bad).map((b) => b.slice(0, 5))).to.deep.equal(['PM-28', 'PM-31', 'PM-31', 'XR-05']);
  });

  it('picks the version in force: greatest effectiveFrom on or before the date, latest version on a tie', () => {
    const versions = [
      { version: 1, effectiveFrom: '2026-01-01' },
      { version: 2, effectiveFrom: '2026-07-01' },
      { version: 3, effectiveFrom: '2026-07-01' },
      { version: 4, effectiveFrom: '2027-01-01' },
    ];
    expect(inForceOn(versions, '2025-12-31')).to.equal(undefined);
    expect(inForceOn(versions, '2026-01-01')?.version).to.equal(1);
    expect(inForceOn(versions, '2026-06-30')?.version).to.equal(1);
    expect(inForceOn(versions, '2026-07-01')?.version).to.equal(3);
    expect(inForceOn(versions, '2027-03-01')?.version).to.equal(4);
  });
});
