import { expect } from 'chai';
import { ChaincodeError } from '../../chaincode/src/ledger/errors';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { BatchRecord } from '../../chaincode/src/model/batch';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import { balanceMismatches, batchClaimRefusal, batchRegionsOf, checkDeclaredRegions, clearingPlan } from '../../chaincode/src/rules/clearing';
import { clearingReturnOf, recoveredClaim, recoveryRefusal, recoveryTransfer } from '../../chaincode/src/rules/recovery';
import { batchDecisionRefusal, clearingTransfers, confirmedBatch, paymentRefusal, paymentTransfer } from '../../chaincode/src/rules/settlement';
import { inForceOn, policyRuleViolations } from '../../chaincode/src/rules/policy';
import type { PolicyTerms } from '../../chaincode/src/model/policy';

const SH = '310000';
const BJ = '110000';
const GD = '440000';
const claim = (claimId: string, insuredRegion: string, treatmentRegion: string, fundFen: number) => ({ claimId, insuredRegion, treatmentRegion, fundFen });

describe('batch netting of two regions', () => {
  it('sums what each region owes and nets the two directions', () => {
    const plan = clearingPlan([SH, BJ], [claim('c1', BJ, SH, 1_000), claim('c2', BJ, SH, 2_501), claim('c3', SH, BJ, 700)]);
    expect(plan.owedFenByRegion).to.deep.equal({ [SH]: 700, [BJ]: 3_501 });
    expect(plan.netFenByRegion).to.deep.equal({ [SH]: 2_801, [BJ]: -2_801 });
    expect(plan.legs).to.deep.equal([{ payerRegion: BJ, payeeRegion: SH, amountFen: 2_801 }]);
  });

  it('moves nothing when the directions cancel', () => {
    expect(clearingPlan([SH, BJ], [claim('c1', BJ, SH, 900), claim('c2', SH, BJ, 900)]).legs).to.deep.equal([]);
  });

  it('adds a return to what its treatment region owes, so the share comes back to the insured region', () => {
    const back = { claimId: 'c0', fromRegion: SH, toRegion: BJ, amountFen: 1_000 };
    const plan = clearingPlan([SH, BJ], [claim('c3', BJ, SH, 400)], [back]);
    expect(plan.owedFenByRegion).to.deep.equal({ [SH]: 1_000, [BJ]: 400 });
    expect(plan.legs).to.deep.equal([{ payerRegion: SH, payeeRegion: BJ, amountFen: 600 }]);
    // Returns alone, and a return exactly cancelling the other direction.
    expect(clearingPlan([BJ, SH], [], [back]).legs).to.deep.equal([{ payerRegion: SH, payeeRegion: BJ, amountFen: 1_000 }]);
    expect(clearingPlan([SH, BJ], [claim('c3', BJ, SH, 1_000)], [back]).legs).to.deep.equal([]);
    expect(() => clearingPlan([SH, BJ], [], [{ ...back, toRegion: '440000' }])).to.throw(/is not among/);
  });

  it('refuses a claim that is not between the regions', () => {
    expect(() => clearingPlan([SH, BJ], [claim('c1', '440000', SH, 1)])).to.throw(/440000 → 310000 is not among/);
    expect(() => clearingPlan([SH, BJ], [claim('c1', SH, SH, 1)])).to.throw(/cannot owe itself/);
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
  it('takes a remitted cross-region claim between two of the batch’s regions, in no batch', () => {
    expect(batchClaimRefusal(claimRecord({}), [SH, BJ])).to.equal(undefined);
    expect(batchClaimRefusal(claimRecord({}), ['440000', BJ, SH])).to.equal(undefined);
  });

  it('refuses a batched, unpaid, local or third-region claim, each for its reason', () => {
    expect(refusalOf(batchClaimRefusal(claimRecord({ batchId: 'B-0' }), [SH, BJ]))).to.equal('CONFLICT: claim C-1 is already in batch B-0');
    expect(refusalOf(batchClaimRefusal(claimRecord({ status: 'APPROVED' }), [SH, BJ]))).to.equal('CONFLICT: claim C-1 is APPROVED; only remitted claims are cleared');
    expect(refusalOf(batchClaimRefusal(claimRecord({ insuredRegion: SH, crossRegion: false }), [SH, BJ]))).to.match(/^RULE: claim C-1 is not a cross-region claim between 310000, 110000/);
    expect(refusalOf(batchClaimRefusal(claimRecord({ insuredRegion: '440000' }), [SH, BJ]))).to.match(/^RULE: /);
  });

  it('is among the caller’s region and others, named as one counterparty or a list, with declarations for those only', () => {
    expect(batchRegionsOf(SH, BJ, undefined)).to.deep.equal([BJ, SH]);
    expect(batchRegionsOf(SH, undefined, ['440000', BJ])).to.deep.equal([BJ, SH, '440000']);
    expect(refusalOf(() => batchRegionsOf(SH, SH, undefined))).to.equal("VALIDATION: counterpartyRegion: must not name the caller's own region 310000");
    expect(refusalOf(() => batchRegionsOf(SH, undefined, [BJ, SH]))).to.equal("VALIDATION: regions: must not name the caller's own region 310000");
    expect(refusalOf(() => batchRegionsOf(SH, BJ, [BJ]))).to.equal('VALIDATION: regions: must not be given together with counterpartyRegion');
    expect(refusalOf(() => batchRegionsOf(SH, undefined, undefined))).to.match(/^VALIDATION: regions: is required/);
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
    regions: [BJ, SH, GD],
    claimIds: ['C-1', 'C-2'],
    owedFenByRegion: { [SH]: 100, [BJ]: 700, [GD]: 0 },
    grossFen: [],
    netFenByRegion: { [SH]: 300, [BJ]: -700, [GD]: 400 },
    legs: [
      { payerRegion: BJ, payeeRegion: SH, amountFen: 300 },
      { payerRegion: BJ, payeeRegion: GD, amountFen: 400 },
    ],
    status: 'PROPOSED',
    proposed: stamp,
    awaiting: [BJ, GD],
    confirmations: [],
  };

  it('lets each of the other regions decide its part of a proposed batch, once', () => {
    expect(batchDecisionRefusal(batch, BJ, 'confirms')).to.equal(undefined);
    expect(batchDecisionRefusal(batch, GD, 'rejects')).to.equal(undefined);
    expect(refusalOf(batchDecisionRefusal(batch, SH, 'rejects'))).to.equal('FORBIDDEN: only the insurer of one of 110000, 440000 rejects batch B-1');
    expect(refusalOf(batchDecisionRefusal(batch, '320000', 'confirms'))).to.match(/^FORBIDDEN: /);
    expect(refusalOf(batchDecisionRefusal({ ...batch, awaiting: [GD] }, BJ, 'confirms'))).to.equal('CONFLICT: region 110000 has already confirmed its part of batch B-1');
    expect(refusalOf(batchDecisionRefusal({ ...batch, status: 'CLEARED' }, BJ, 'confirms'))).to.equal('CONFLICT: batch B-1 is CLEARED');
    expect(refusalOf(batchDecisionRefusal({ ...batch, status: 'REJECTED' }, BJ, 'confirms'))).to.equal('CONFLICT: batch B-1 is REJECTED');
  });

  it('clears with the last confirmation and writes one transfer per leg, each with its payer’s payment reference', () => {
    const first = confirmedBatch(batch, { region: BJ, paymentRef: 'BJ-BANK', confirmed: stamp }, 'T-X');
    expect(first).to.include({ status: 'PROPOSED' });
    expect(first.awaiting).to.deep.equal([GD]);
    const last = confirmedBatch(first, { region: GD, paymentRef: 'GD-BANK', confirmed: stamp }, 'T-C');
    expect(last).to.include({ status: 'CLEARED', decided: stamp });
    expect(last.transferIds).to.deep.equal(['T-C', 'T-C-2']);
    const written = clearingTransfers(last, '2026-03-02', stamp);
    expect(written.map((t) => [t.transferId, t.fromParty, t.toParty, t.amountFen, t.paymentRef])).to.deep.equal([
      ['T-C', 'fund:110000', 'fund:310000', 300, 'BJ-BANK'],
      ['T-C-2', 'fund:110000', 'fund:440000', 400, 'BJ-BANK'],
    ]);
    expect(written[0]).to.include({ kind: 'clearing', batchId: 'B-1', date: '2026-03-02' });
    // Each names the batch's claims and the recovered claims whose shares it gives back.
    const withReturn = { ...last, returns: [{ claimId: 'C-0', fromRegion: SH, toRegion: BJ, amountFen: 50 }] };
    expect(clearingTransfers(withReturn, '2026-03-02', stamp)[0].claimIds).to.deep.equal(['C-1', 'C-2', 'C-0']);
    // A payer that proposed confirmed nothing: its legs carry the clearing confirmation's reference.
    const proposerPays = { ...last, legs: [{ payerRegion: SH, payeeRegion: GD, amountFen: 5 }], transferIds: ['T-C'] };
    expect(clearingTransfers(proposerPays, '2026-03-02', stamp)[0].paymentRef).to.equal('GD-BANK');
    expect(clearingTransfers({ ...last, legs: [], transferIds: [] }, '2026-03-02', stamp)).to.deep.equal([]);
  });
});

describe('recovery', () => {
  const basis = { ruleId: 'FT-02', reason: 'fake invoice', evidenceRef: 'CASE-1' };
  const cleared: BatchRecord = {
    docType: 'batch',
    batchId: 'B-0',
    proposerRegion: SH,
    regions: [BJ, SH],
    claimIds: ['C-1'],
    owedFenByRegion: { [SH]: 0, [BJ]: 600 },
    grossFen: [{ debtorRegion: BJ, creditorRegion: SH, amountFen: 600 }],
    netFenByRegion: { [SH]: 600, [BJ]: -600 },
    legs: [{ payerRegion: BJ, payeeRegion: SH, amountFen: 600 }],
    status: 'CLEARED',
    proposed: stamp,
    awaiting: [],
    confirmations: [],
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
