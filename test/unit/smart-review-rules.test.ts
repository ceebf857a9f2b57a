/**
 * Smart review's versioned rules at their boundaries (issue 12, item 1): the repeat-exam window
 * edge, indication prefixes, contradictions that every diagnosis must share, split billing,
 * the RX-12 classes, the defaults of policies that say nothing, and a rejecting hit.
 */
import { expect } from 'chai';
import type { ClaimSourceLine, ReviewHit } from '../../chaincode/src/model/claim';
import type { EncounterRecord } from '../../chaincode/src/model/encounter';
import type { ReviewRules } from '../../chaincode/src/model/policy';
import { statusAfterReview, submissionHistory } from '../../chaincode/src/rules/claim-review';
import { contradictionHits } from '../../chaincode/src/rules/review-contradictions';
import { duplicatePrescribingHits } from '../../chaincode/src/rules/review-duplicates';
import { isOffIndication, offIndicationHits } from '../../chaincode/src/rules/review-indications';
import { nonInsuranceHits, nonInsuranceReason } from '../../chaincode/src/rules/review-non-insurance';
import { repeatExamHits } from '../../chaincode/src/rules/review-repeat-exams';
import { DEFAULT_REVIEW_RULES, reviewRulesOf } from '../../chaincode/src/rules/review-rules';
import { splitBillingHits } from '../../chaincode/src/rules/review-split-billing';
import { rxItem, rxRecord } from '../support/rx-fixtures';

const policy = { region: '310000', version: 2 };
const rules: ReviewRules = reviewRulesOf(undefined);
const A = { class: 'A' as const, selfPayRatioBp: 0 };

const exam = (itemCode: string): Pick<ClaimSourceLine, 'category' | 'itemCode'> => ({ category: 'exam', itemCode });
function visit(encounterId: string, date: string, codes: string[], institutionId = 'H310002'): EncounterRecord {
  return {
    encounterId,
    institutionId,
    serviceDate: date,
    feeLines: codes.map((itemCode, i) => ({ lineNo: i + 1, item: itemCode, unitPriceFen: 100, quantity: 1, amountFen: 100, category: 'exam', itemCode, coverage: A, coverageSource: 'category' })),
  } as EncounterRecord;
}

describe('review rules in the policy', () => {
  it('are the documented defaults where a version says nothing, and take what it sets field by field', () => {
    expect(reviewRulesOf(undefined)).to.deep.equal(DEFAULT_REVIEW_RULES);
    expect(reviewRulesOf({})).to.deep.equal({
      'SR-03': { action: 'reject', repeatExamDays: 7 },
      'SR-04': { action: 'flag', windowDays: 30 },
      'SR-08': { action: 'flag', contradictions: [] },
      'SR-18': { action: 'flag' },
      'RX-12': { action: 'flag' },
    });
    const set = reviewRulesOf({ reviewRules: { 'SR-04': { windowDays: 45 }, 'RX-12': { action: 'reject' } } });
    expect(set['SR-04']).to.deep.equal({ action: 'flag', windowDays: 45 });
    expect(set['RX-12']).to.deep.equal({ action: 'reject' });
    expect(set['SR-03']).to.deep.equal(DEFAULT_REVIEW_RULES['SR-03']);
  });
});

describe('SR-03 repeat examinations', () => {
  const here = { encounterId: 'ENC-2', period: { from: '2026-03-10', to: '2026-03-10' }, lines: [exam('CT-CHEST')] };

  it('hits the same exam item at any institution in a visit ended 7 days before, not 8', () => {
    const [hit] = repeatExamHits(here, [visit('ENC-1', '2026-03-03', ['CT-CHEST'])], rules['SR-03'], policy);
    expect(hit).to.deep.equal({
      ruleId: 'SR-03',
      action: 'reject',
      detail: 'repeat examination CT-CHEST: already in encounter ENC-1 at H310002 ending 2026-03-03, within 7 days',
      policy,
    });
    expect(repeatExamHits(here, [visit('ENC-1', '2026-03-02', ['CT-CHEST'])], rules['SR-03'], policy)).to.deep.equal([]);
    expect(repeatExamHits(here, [visit('ENC-1', '2026-03-02', ['CT-CHEST'])], { action: 'flag', repeatExamDays: 8 }, policy)).to.have.length(1);
  });

  it('ignores another exam item, the visit itself, and visits ending after it', () => {
    expect(repeatExamHits(here, [visit('ENC-1', '2026-03-09', ['MRI-HEAD'])], rules['SR-03'], policy)).to.deep.equal([]);
    expect(repeatExamHits(here, [visit('ENC-2', '2026-03-10', ['CT-CHEST'])], rules['SR-03'], policy)).to.deep.equal([]);
    expect(repeatExamHits(here, [visit('ENC-3', '2026-03-11', ['CT-CHEST'])], rules['SR-03'], policy)).to.deep.equal([]);
  });

  it('counts a stay from its first day: an exam in a visit ended within the window before admission repeats', () => {
    const stay = { encounterId: 'ENC-S', period: { from: '2026-03-10', to: '2026-03-20' }, lines: [exam('CT-CHEST')] };
    expect(repeatExamHits(stay, [visit('ENC-1', '2026-03-15', ['CT-CHEST']), visit('ENC-0', '2026-03-03', ['CT-CHEST'])], rules['SR-03'], policy)).to.have.length(2);
  });
});

describe('SR-03 off-indication use', () => {
  const insulin = { indications: ['E10', 'E11'] };

  it('matches a diagnosis under any indication prefix, and hits a drug billed under none', () => {
    expect(isOffIndication({ drugCode: 'INS', entry: insulin, diagnosisCodes: ['E11.9'] })).to.equal(false);
    expect(isOffIndication({ drugCode: 'INS', entry: insulin, diagnosisCodes: ['J00', 'E10'] })).to.equal(false);
    expect(isOffIndication({ drugCode: 'INS', entry: insulin, diagnosisCodes: ['E1'] })).to.equal(true);
    expect(isOffIndication({ drugCode: 'INS', entry: insulin, diagnosisCodes: ['J00'] })).to.equal(true);
    expect(isOffIndication({ drugCode: 'INS', entry: { indications: ['E1'] }, diagnosisCodes: ['E14.9'] })).to.equal(false);
  });

  it('never hits a drug with no indications listed, or none known', () => {
    expect(isOffIndication({ drugCode: 'X', entry: { indications: [] }, diagnosisCodes: ['J00'] })).to.equal(false);
    expect(isOffIndication({ drugCode: 'X', entry: {}, diagnosisCodes: ['J00'] })).to.equal(false);
    expect(isOffIndication({ drugCode: 'X', diagnosisCodes: ['J00'] })).to.equal(false);
  });

  it('names the drug once with its indications and the diagnoses it was billed under', () => {
    const drug = { drugCode: 'INS', entry: insulin, diagnosisCodes: ['J00'] };
    expect(offIndicationHits([drug, drug], rules['SR-03'], policy)).to.deep.equal([
      { ruleId: 'SR-03', action: 'reject', detail: 'off-indication use of INS: indicated for E10, E11, billed under J00', policy },
    ]);
  });
});

describe('SR-04 at claim submission', () => {
  it('hits a billed prescription that repeats a filled one of another hospital in the window, naming both', () => {
    const first = rxRecord({ rxId: 'RX-A', status: 'DISPENSED', prescriber: { doctorId: 'D1', institutionId: 'H310001', region: '310000' } });
    const second = rxRecord({ rxId: 'RX-B', issuedAt: '2026-03-05T02:00:00.000Z', prescriber: { doctorId: 'D2', institutionId: 'H310002', region: '310000' } });
    const [hit] = duplicatePrescribingHits([second], [first, second], rules['SR-04'], policy);
    expect(hit).to.deep.include({ ruleId: 'SR-04', action: 'flag', policy });
    expect(hit.detail).to.equal('prescription RX-B (issued 2026-03-05) repeats AMLO5 of prescription(s) RX-A at H310001 within 30 days with overlapping supply');
    expect(duplicatePrescribingHits([first], [first], rules['SR-04'], policy)).to.deep.equal([]);
    const later = rxRecord({ rxId: 'RX-C', issuedAt: '2026-03-08T02:00:00.000Z', items: [rxItem('AMLO5', 'AMLODIPINE', 7)] });
    expect(duplicatePrescribingHits([later], [first, later], rules['SR-04'], policy), 'adjacent supply').to.deep.equal([]);
  });
});

describe('SR-08 diagnosis–item contradictions', () => {
  const table = { action: 'flag' as const, contradictions: [{ diagnosisPrefix: 'J00', itemCodes: ['C-STENT-CORONARY'], categories: [] }, { diagnosisPrefix: 'J0', itemCodes: [], categories: ['bed' as const] }] };
  const stent = { item: 'coronary stent', category: 'consumable' as const, itemCode: 'C-STENT-CORONARY' };

  it('hits a stent under a common cold, by code, and a bed day by category', () => {
    expect(contradictionHits([stent], ['J00'], table, policy)).to.deep.equal([
      { ruleId: 'SR-08', action: 'flag', detail: 'line 1 (C-STENT-CORONARY: coronary stent) contradicts diagnosis J00', policy },
    ]);
    expect(contradictionHits([{ item: 'bed-day', category: 'bed' }], ['J06.9'], table, policy)).to.have.length(1);
  });

  it('does not hit when another diagnosis explains the item, nor without a table or a diagnosis', () => {
    expect(contradictionHits([stent], ['J00', 'I25.1'], table, policy)).to.deep.equal([]);
    expect(contradictionHits([stent], ['J00'], DEFAULT_REVIEW_RULES['SR-08'], policy)).to.deep.equal([]);
    expect(contradictionHits([stent], [], table, policy)).to.deep.equal([]);
    expect(contradictionHits([{ item: 'consultation', category: 'service' }], ['J00'], table, policy)).to.deep.equal([]);
  });
});

describe('SR-18 split billing', () => {
  const claim = { refType: 'encounter', institutionId: 'H310001', serviceDate: '2026-03-02', rxIds: ['RX-1'] };

  it('hits an encounter claim beside another of the patient there that day, and any claim on an already billed prescription', () => {
    expect(splitBillingHits(claim, { sameDayClaimIds: ['C-1'], sameRxClaimIds: [] }, rules['SR-18'], policy)).to.deep.equal([
      { ruleId: 'SR-18', action: 'flag', detail: "split billing: claim(s) C-1 already bill the patient's visit at H310001 on 2026-03-02", policy },
    ]);
    expect(splitBillingHits({ ...claim, refType: 'dispense' }, { sameDayClaimIds: [], sameRxClaimIds: ['C-2'] }, rules['SR-18'], policy)[0].detail).to.equal(
      'split billing: claim(s) C-2 already bill prescription(s) RX-1',
    );
    expect(splitBillingHits(claim, { sameDayClaimIds: [], sameRxClaimIds: [] }, rules['SR-18'], policy)).to.deep.equal([]);
  });
});

describe('RX-12 non-insurance goods on a pharmacy claim', () => {
  const line = (coverageClass: 'A' | 'B' | 'C' | 'NONE') => ({ item: 'x', drugCode: 'X1', coverage: { class: coverageClass, selfPayRatioBp: coverageClass === 'A' ? 0 : 10_000 } });

  it('tells a health supplement, an out-of-catalogue drug and a drug the catalogue does not list from insurance goods', () => {
    expect(nonInsuranceReason({ line: line('A'), entry: { healthSupplement: true } })).to.equal('a health supplement');
    expect(nonInsuranceReason({ line: line('NONE'), entry: {} })).to.equal('outside the insurance catalogue');
    expect(nonInsuranceReason({ line: line('A') })).to.equal('not in the catalogue');
    expect(nonInsuranceReason({ line: line('A'), entry: { healthSupplement: false } })).to.equal(undefined);
    expect(nonInsuranceReason({ line: line('B'), entry: {} })).to.equal(undefined);
    expect(nonInsuranceReason({ line: line('C'), entry: {} }), 'class C is insurance-catalogue goods the patient pays').to.equal(undefined);
  });

  it('hits pharmacy claims only, with every such line in one hit', () => {
    const lines = [{ line: line('NONE'), entry: {} }, { line: line('A'), entry: { healthSupplement: true } }];
    expect(nonInsuranceHits('dispense', lines, rules['RX-12'], policy)).to.deep.equal([
      { ruleId: 'RX-12', action: 'flag', detail: 'non-insurance goods on a pharmacy claim: line 1 X1 is outside the insurance catalogue; line 2 X1 is a health supplement', policy },
    ]);
    expect(nonInsuranceHits('encounter', lines, rules['RX-12'], policy)).to.deep.equal([]);
  });
});

describe('where a hit sends the claim', () => {
  const hit = (action: ReviewHit['action'], ruleId = 'SR-04'): ReviewHit => ({ ruleId, action, detail: 'd', policy });
  const thresholds = { stayWarnDays: 30, manualReviewTotalFen: 5_000_000, autoApproveMaxFen: 100_000 };

  it('rejects on any rejecting hit, flags to manual review otherwise, and never auto-approves with a hit', () => {
    expect(statusAfterReview([hit('flag'), hit('reject', 'SR-03')], 100, thresholds)).to.equal('REJECTED');
    expect(statusAfterReview([hit('warn'), hit('flag')], 100, thresholds)).to.equal('MANUAL_REVIEW');
    expect(statusAfterReview([hit('warn')], 100, thresholds)).to.equal('UNDER_REVIEW');
    expect(statusAfterReview([], 100, thresholds)).to.equal('APPROVED');
  });

  it('records a rejection at submission naming the rules that rejected it and the policy version', () => {
    const stamp = { by: { mspId: 'HospitalMSP' as const, id: 'x', role: 'admin' as const }, at: '2026-03-02T02:00:00.000Z', txId: 'tx9' };
    const history = submissionHistory({ institutionId: 'H310001', totalFen: 100, hits: [hit('flag'), hit('reject', 'SR-03')], status: 'REJECTED' }, { policyId: '310000:2', reviewThresholds: thresholds }, stamp);
    expect(history.map((h) => h.status)).to.deep.equal(['SUBMITTED', 'REJECTED']);
    expect(history[1].reason).to.equal('rejected by smart review (SR-03) under policy 310000:2: SR-04: d; SR-03: d');
  });
});
