import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { InvestigationApi } from '../../chaincode/src/api/investigation-api';
import { SettlementApi } from '../../chaincode/src/api/settlement-api';
import type { AnyTx, ResultOf } from '../../chaincode/src/api/transaction';
import { InvestigationContract } from '../../chaincode/src/contracts/investigation-contract';
import { PractitionerContract } from '../../chaincode/src/contracts/practitioner-contract';
import { callerOf } from '../../chaincode/src/ledger/caller';
import { staffOf } from '../../chaincode/src/ledger/parties';
import { txTimeMs } from '../../chaincode/src/ledger/time';
import type { CaseView, InvestigationCaseRecord } from '../../chaincode/src/model/investigation-case';
import { caseDueDate, caseView, isOverdue } from '../../chaincode/src/rules/case-clock';
import { checkNoIdentity, recoveryOf } from '../../chaincode/src/rules/case-records';
import { chinaDateOf } from '../../chaincode/src/rules/dates';
import { WEEKENDS_ONLY } from '../../chaincode/src/rules/working-days';
import { cases } from '../../chaincode/src/stores/cases';
import { actingInstitution, institutions } from '../../chaincode/src/stores/institutions';
import type { FakeLedger, FakeIdentity } from '../support/fake-ledger';
import { memberLedger } from '../support/membership-fixtures';
import { SH, expectRefusal, people } from '../support/insurance-fixtures';
import { SH_PATIENT, call, paidClaim, reviewedClaim, seedStoryWorld } from '../support/settlement-fixtures';

/** National Day 2026: 1-7 October off, Saturday 10 October worked (调休). */
const NATIONAL_DAY = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-10'],
};

describe('investigation case clock (FT-02)', () => {
  it('is due on the 15th working day after opening, across weekends', () => {
    // Friday 6 March: 9-13, 16-20, 23-27 March are the 15 working days.
    expect(caseDueDate('2026-03-06', WEEKENDS_ONLY)).to.equal('2026-03-27');
    // A case opened on a Sunday gets the same 15 full working days.
    expect(caseDueDate('2026-03-08', WEEKENDS_ONLY)).to.equal('2026-03-27');
  });

  it('skips the region’s holidays and counts its make-up working days', () => {
    // Wednesday 30 September: 8, 9, 10 (Saturday, worked), 12-16, 19-23, 26, 27 October.
    expect(caseDueDate('2026-09-30', NATIONAL_DAY)).to.equal('2026-10-27');
    // Without the calendar the holidays would count: 15 weekdays end on 21 October.
    expect(caseDueDate('2026-09-30', WEEKENDS_ONLY)).to.equal('2026-10-21');
  });

  it('is overdue from the day after the due date, and only while open', () => {
    const open = { status: 'OPEN' as const, dueDate: '2026-03-27' };
    expect(isOverdue(open, '2026-03-27')).to.equal(false);
    expect(isOverdue(open, '2026-03-28')).to.equal(true);
    expect(isOverdue({ ...open, status: 'CLOSED' }, '2026-04-30')).to.equal(false);
    expect(caseView({ ...open } as InvestigationCaseRecord, '2026-03-28').overdue).to.equal(true);
  });

  it('refuses free text carrying a resident ID number, and lets ordinary text and refs through', () => {
    expect(() => checkNoIdentity('allegation', 'patient 11010519491231002X bought supplements')).to.throw(/\[VALIDATION\] allegation: must not contain a resident ID number/);
    expect(() => checkNoIdentity('allegation', `patient ${SH_PATIENT} bought supplements on 2026-03-02, invoice 20260302123456`)).to.not.throw();
  });
});

describe('Investigation contract (FT-01, FT-02, FT-04)', () => {
  let ledger: FakeLedger;
  const contract = new InvestigationContract();
  const practitioner = new PractitionerContract();
  const inv = <X extends AnyTx>(who: FakeIdentity, tx: X, args: object): Promise<ResultOf<X>> =>
    ledger.tx(who, (ctx: Context) => (contract as unknown as Record<string, (c: Context, a: string) => Promise<ResultOf<X>>>)[tx.fn](ctx, JSON.stringify(args)));
  const at = (iso: string) => {
    ledger.nowMs = Date.parse(iso);
  };
  const open = (caseId: string, subjects: object[] = [{ kind: 'institution', id: 'P310001' }], who: FakeIdentity = people.investigator) =>
    inv(who, InvestigationApi.Open, { caseId, region: SH, fraudType: 'fakeInvoice', allegation: 'invoices reused across claims', subjects });
  const overdue = (pageSize?: number, bookmark?: string) => inv(people.investigator, InvestigationApi.ListOverdue, { region: SH, ...(pageSize ? { pageSize } : {}), ...(bookmark ? { bookmark } : {}) });
  const link = (caseId: string, items: object[]) => inv(people.investigator, InvestigationApi.LinkEvidence, { caseId, items });
  const sanction = (caseId: string, args: object) => inv(people.investigator, InvestigationApi.Sanction, { caseId, ruleId: 'RX-12', reason: 'supplements charged to insurance cards', ...args });
  const recover = (caseId: string, args: object) => inv(people.investigator, InvestigationApi.RecordRecovery, { caseId, ...args });
  const close = (caseId: string, outcome = 'substantiated') => inv(people.investigator, InvestigationApi.Close, { caseId, outcome, summary: 'fake invoices proven; funds recovered' });
  const finding = (caseId: string) => inv(people.investigator, InvestigationApi.RecordFinding, { caseId, summary: 'the same invoice backs two claims', ruleIds: ['FT-02'] });

  beforeEach(async () => {
    ledger = await memberLedger();
    at('2026-03-06T02:00:00Z'); // Friday 6 March, 10:00 in China
    await seedStoryWorld(ledger);
  });

  it('opens a case due 15 working days later, lists it overdue the day after, and marks a late close', async () => {
    const opened = await open('CASE-1', [
      { kind: 'institution', id: 'P310001' },
      { kind: 'patient', id: SH_PATIENT },
    ]);
    expect(opened).to.include({ caseId: 'CASE-1', region: SH, status: 'OPEN', openedDate: '2026-03-06', dueDate: '2026-03-27', overdue: false, recoveredFen: 0 });
    expect(ledger.lastEvent).to.deep.include({ name: 'CaseOpened' });
    expect(ledger.lastEvent?.payload).to.deep.equal({ caseId: 'CASE-1', region: SH, fraudType: 'fakeInvoice', dueDate: '2026-03-27', txId: opened.opened.txId });

    at('2026-03-27T15:30:00Z'); // 23:30 on the due date in China
    expect((await overdue()).cases).to.deep.equal([]);
    at('2026-03-27T16:30:00Z'); // 00:30 on 28 March in China
    const list = await overdue();
    expect(list).to.include({ region: SH, asOf: '2026-03-28', bookmark: '' });
    expect(list.cases.map((c) => [c.caseId, c.overdue])).to.deep.equal([['CASE-1', true]]);
    expect((await inv(people.investigator, InvestigationApi.Get, { caseId: 'CASE-1' })).overdue).to.equal(true);

    const closed = await close('CASE-1', 'unsubstantiated');
    expect(closed).to.include({ status: 'CLOSED', outcome: 'unsubstantiated', closedDate: '2026-03-28', closedLate: true, overdue: false });
    expect((await overdue()).cases).to.deep.equal([]);
    await expectRefusal(close('CASE-1'), 'CONFLICT', /already|closed/);
    await expectRefusal(finding('CASE-1'), 'CONFLICT');
  });

  it('pages the overdue list in due-date order and stops at the first case not yet due', async () => {
    await open('CASE-A');
    at('2026-03-09T02:00:00Z');
    await open('CASE-B');
    at('2026-03-10T02:00:00Z');
    await open('CASE-C');
    at('2026-03-13T02:00:00Z');
    await open('CASE-D'); // due 3 April
    at('2026-04-01T02:00:00Z'); // A due 27 March, B 30 March, C 31 March: overdue; D not
    const first = await overdue(2);
    expect(first.cases.map((c) => c.caseId)).to.deep.equal(['CASE-A', 'CASE-B']);
    expect(first.bookmark).to.not.equal('');
    const second = await overdue(2, first.bookmark);
    expect(second.cases.map((c) => c.caseId)).to.deep.equal(['CASE-C']);
    expect(second.bookmark).to.equal('');
    const all = await inv(people.insurerSH, InvestigationApi.ListByRegion, { region: SH, pageSize: 3 });
    expect(all.records.map((c) => [c.caseId, c.overdue])).to.deep.equal([['CASE-A', true], ['CASE-B', true], ['CASE-C', true]]);
  });

  it('names subjects only as they are on the ledger, and patients only by patientRef', async () => {
    await expectRefusal(open('CASE-2', [{ kind: 'patient', id: 'ZHANG-SAN' }]), 'VALIDATION', /subjects\[0\]\.id: must be 64 lowercase hex digits/);
    await expectRefusal(open('CASE-2', [{ kind: 'institution', id: 'H319999' }]), 'NOT_FOUND', /institution H319999/);
    await expectRefusal(open('CASE-2', [{ kind: 'practitioner', id: 'DOC-1001' }]), 'NOT_FOUND', /practitioner DOC-1001/);
    await expectRefusal(open('CASE-2', [{ kind: 'patient', id: 'f'.repeat(64) }]), 'NOT_FOUND');
    await expectRefusal(open('CASE-2', [{ kind: 'institution', id: 'P310001' }, { kind: 'institution', id: 'P310001' }]), 'VALIDATION', /subjects\[1\]/);
    await ledger.tx(people.hospitalAdmin, (ctx) => practitioner.Register(ctx, JSON.stringify({ doctorId: 'DOC-1001', institutionId: 'H310001', scope: ['内科专业'] })));
    expect((await open('CASE-2', [{ kind: 'practitioner', id: 'DOC-1001' }])).subjects).to.deep.equal([{ kind: 'practitioner', id: 'DOC-1001' }]);
    await expectRefusal(open('CASE-2'), 'CONFLICT');
  });

  it('links evidence of every kind only when the record exists, once each', async () => {
    await paidClaim(ledger, reviewedClaim('C-1', SH, SH, 50_000));
    await open('CASE-3');
    await expectRefusal(link('CASE-3', [{ kind: 'batch', id: 'B-NONE', note: 'clearing batch' }]), 'NOT_FOUND', /batch B-NONE does not exist/);
    await expectRefusal(link('CASE-3', [{ kind: 'prescription', id: 'RX-NONE', note: 'x' }]), 'NOT_FOUND');
    await expectRefusal(link('CASE-3', [{ kind: 'dispense', id: 'D-NONE', note: 'x' }]), 'NOT_FOUND');
    await expectRefusal(link('CASE-3', [{ kind: 'tx', id: 'not-a-tx-id', note: 'x' }]), 'VALIDATION', /items\[0\]\.id: must be a transaction id/);
    await expectRefusal(link('CASE-3', [{ kind: 'weird', id: 'C-1', note: 'x' }]), 'VALIDATION', /items\/0\/kind|items\[0\]\.kind|kind/);
    // A tx id cannot be looked up from chaincode: it is kept as given, in Fabric's form (the case file resolves it).
    const txId = 'ab'.repeat(32);
    const linked = await link('CASE-3', [
      { kind: 'claim', id: 'C-1', note: 'claim on a reused invoice' },
      { kind: 'transfer', id: 'T-C-1', note: 'its payment' },
      { kind: 'tx', id: txId, note: 'the submission' },
    ]);
    expect(linked.evidence.map((e) => [e.kind, e.id])).to.deep.equal([['claim', 'C-1'], ['transfer', 'T-C-1'], ['tx', txId]]);
    expect(ledger.lastEvent?.name).to.equal('CaseEvidenceLinked');
    await expectRefusal(link('CASE-3', [{ kind: 'claim', id: 'C-1', note: 'again' }]), 'CONFLICT', /already evidence/);
    await expectRefusal(link('CASE-3', [{ kind: 'claim', id: 'C-2', note: 'a' }, { kind: 'claim', id: 'C-2', note: 'b' }]), 'VALIDATION', /items\[1\]/);
    // Nothing of a refused call was written.
    expect((await inv(people.investigator, InvestigationApi.Get, { caseId: 'CASE-3' })).evidence).to.have.length(3);
  });

  it('suspends a subject institution through the registry: its staff are refused with CR-10', async () => {
    await open('CASE-4', [{ kind: 'institution', id: 'H310001' }]);
    await expectRefusal(sanction('CASE-4', { institutionId: 'H319999', action: 'SUSPEND', until: '2026-06-05' }), 'NOT_FOUND', /institution H319999/);
    await expectRefusal(sanction('CASE-4', { institutionId: 'P310001', action: 'SUSPEND', until: '2026-06-05' }), 'RULE', /not a subject of case CASE-4/);
    await expectRefusal(sanction('CASE-4', { institutionId: 'H310001', action: 'SUSPEND' }), 'VALIDATION', /until: is required/);
    await expectRefusal(sanction('CASE-4', { institutionId: 'H310001', action: 'REVOKE', until: '2026-06-05' }), 'VALIDATION', /until: must be left out/);
    await expectRefusal(sanction('CASE-4', { institutionId: 'H310001', action: 'SUSPEND', until: '2026-03-05' }), 'VALIDATION', /until: must not be in the past/);

    const sanctioned = await sanction('CASE-4', { institutionId: 'H310001', action: 'SUSPEND', until: '2026-06-05' });
    expect(sanctioned.sanctions.map((s) => [s.institutionId, s.action, s.ruleId, s.until])).to.deep.equal([['H310001', 'SUSPEND', 'RX-12', '2026-06-05']]);
    expect(ledger.lastEvent?.payload).to.deep.include({ caseId: 'CASE-4', institutionId: 'H310001', action: 'SUSPEND', until: '2026-06-05' });
    const registry = await ledger.tx(people.investigator, (ctx) => institutions.mustGet(ctx, 'H310001'));
    expect(registry.agreement).to.include({ status: 'SUSPENDED', suspendedUntil: '2026-06-05' });
    expect(registry.sanctions.map((s) => [s.action, s.evidenceRef])).to.deep.equal([['SUSPEND', 'case:CASE-4']]);
    await expectRefusal(
      ledger.tx(people.hospitalAdmin, async (ctx) => actingInstitution(ctx, staffOf(await callerOf(ctx)), chinaDateOf(txTimeMs(ctx)))),
      'RULE',
      /^\[RULE\] CR-10: the designation agreement of H310001 is suspended until 2026-06-05 inclusive \(RX-12: supplements/,
    );
    // The registry's own rules still hold: a second suspension that ends no later changes nothing.
    await expectRefusal(sanction('CASE-4', { institutionId: 'H310001', action: 'SUSPEND', until: '2026-05-01' }), 'CONFLICT', /already suspended/);
  });

  it('counts a Settlement:Recover transfer once, only for a claim in evidence; fines apart', async () => {
    await paidClaim(ledger, reviewedClaim('C-1', SH, SH, 50_000));
    const recovery = await call(ledger, people.insurerSH, SettlementApi.Recover, { claimId: 'C-1', transferId: 'R-C-1', paymentRef: 'BANK-R-C-1', ruleId: 'FT-02', reason: 'fake invoice', evidenceRef: 'case:CASE-5' });
    await open('CASE-5');
    await open('CASE-6');
    await expectRefusal(recover('CASE-5', { kind: 'fundRecovery', transferId: 'R-C-1' }), 'RULE', /claim C-1 .* is not evidence in case CASE-5/);
    await link('CASE-5', [{ kind: 'claim', id: 'C-1', note: 'recovered claim' }]);
    await expectRefusal(recover('CASE-5', { kind: 'fundRecovery', transferId: 'R-NONE' }), 'NOT_FOUND');
    await expectRefusal(recover('CASE-5', { kind: 'fundRecovery', transferId: 'T-C-1' }), 'RULE', /a claimPayment, not a recovery/);
    await expectRefusal(recover('CASE-5', { kind: 'fundRecovery', transferId: 'R-C-1', amountFen: 1 }), 'VALIDATION', /amountFen: must be left out/);
    const counted = await recover('CASE-5', { kind: 'fundRecovery', transferId: 'R-C-1' });
    expect(counted.recoveredFen).to.equal(recovery.transfer.amountFen).and.to.equal(50_000);
    expect(counted.recoveries[0]).to.include({ kind: 'fundRecovery', payer: 'H310001', transferId: 'R-C-1', amountFen: 50_000 });
    await expectRefusal(recover('CASE-5', { kind: 'fundRecovery', transferId: 'R-C-1' }), 'CONFLICT', /already counted in case CASE-5/);
    await link('CASE-6', [{ kind: 'claim', id: 'C-1', note: 'same claim, other case' }]);
    await expectRefusal(recover('CASE-6', { kind: 'fundRecovery', transferId: 'R-C-1' }), 'CONFLICT', /already counted in case CASE-5/);

    await expectRefusal(recover('CASE-5', { kind: 'fine', amountFen: 50_000_000 }), 'VALIDATION', /payer: is required.*paymentRef: is required/);
    await expectRefusal(recover('CASE-5', { kind: 'fine', transferId: 'R-C-1', amountFen: 1, payer: 'H310001', paymentRef: 'X' }), 'VALIDATION', /transferId: must be left out/);
    const fined = await recover('CASE-5', { kind: 'confiscation', amountFen: 50_000_000, payer: 'H310001', paymentRef: 'TREASURY-2026-17' });
    expect(fined).to.include({ recoveredFen: 50_000, penaltiesFen: 50_000_000 });
  });

  it('closes a substantiated case only on a finding, once', async () => {
    await open('CASE-7');
    await expectRefusal(close('CASE-7'), 'RULE', /no findings/);
    const found = await finding('CASE-7');
    expect(found.findings[0]).to.include({ findingNo: 1, summary: 'the same invoice backs two claims' });
    const closed = await close('CASE-7');
    expect(closed).to.include({ status: 'CLOSED', outcome: 'substantiated', closedLate: false });
    expect(ledger.lastEvent?.name).to.equal('CaseClosed');
    await expectRefusal(close('CASE-7'), 'CONFLICT', /closed on 2026-03-06 \(substantiated\)/);
    await expectRefusal(sanction('CASE-7', { institutionId: 'P310001', action: 'REVOKE' }), 'CONFLICT');
    await expectRefusal(recover('CASE-7', { kind: 'fine', amountFen: 1, payer: 'P310001', paymentRef: 'X' }), 'CONFLICT');
  });

  it('lets only investigators write, and investigators and the region’s insurer read', async () => {
    await expectRefusal(open('CASE-8', undefined, people.insurerSH), 'FORBIDDEN', /insurer may not call Investigation:Open; requires investigator/);
    await expectRefusal(open('CASE-8', undefined, people.doctor), 'FORBIDDEN');
    await open('CASE-8');
    await expectRefusal(inv(people.insurerSH, InvestigationApi.Close, { caseId: 'CASE-8', outcome: 'referred', summary: 'x' }), 'FORBIDDEN');
    await expectRefusal(inv(people.insurerSH, InvestigationApi.Sanction, { caseId: 'CASE-8', institutionId: 'P310001', action: 'REVOKE', ruleId: 'RX-12', reason: 'x' }), 'FORBIDDEN');
    expect((await inv(people.insurerSH, InvestigationApi.Get, { caseId: 'CASE-8' })).caseId).to.equal('CASE-8');
    await expectRefusal(inv(people.insurerBJ, InvestigationApi.Get, { caseId: 'CASE-8' }), 'FORBIDDEN', /region 310000/);
    await expectRefusal(inv(people.insurerBJ, InvestigationApi.ListOverdue, { region: SH }), 'FORBIDDEN');
    await expectRefusal(inv(people.pharmacist, InvestigationApi.Get, { caseId: 'CASE-8' }), 'FORBIDDEN');
    await expectRefusal(inv(people.investigator, InvestigationApi.Get, { caseId: 'CASE-NONE' }), 'NOT_FOUND');
  });

  it('keeps every version in the case key’s history', async () => {
    await open('CASE-9');
    await finding('CASE-9');
    await close('CASE-9');
    const history = await ledger.tx(people.investigator, async (ctx) => {
      const { cases } = await import('../../chaincode/src/stores/cases');
      return cases.history(ctx, 'CASE-9');
    });
    expect(history.map((h) => (h.value as CaseView).status)).to.deep.equal(['CLOSED', 'OPEN', 'OPEN']);
  });

  it('reads a fund recovery off the transfer (pure rule)', () => {
    const stamp = { by: { mspId: 'RegulatorMSP' as const, id: 'x', role: 'investigator' as const }, at: '2026-03-06T02:00:00.000Z', txId: 't' };
    const c = { caseId: 'K', evidence: [{ kind: 'claim', id: 'C-9', note: 'n', linked: stamp }] } as unknown as InvestigationCaseRecord;
    const transfer = { kind: 'recovery', transferId: 'R-9', fromParty: 'P310001', amountFen: 123, claimIds: ['C-9'] } as never;
    expect(recoveryOf(c, { kind: 'fundRecovery', transferId: 'R-9' }, transfer, stamp)).to.deep.equal({ kind: 'fundRecovery', amountFen: 123, payer: 'P310001', transferId: 'R-9', claimIds: ['C-9'], recorded: stamp });
  });

  describe('patient observers (FT-05)', () => {
    const desk: FakeIdentity = { mspId: 'RegulatorMSP', cn: 'observerdesk', attrs: { role: 'observer' } };
    const OBS = 'OBS-00112233AABBCCDD';
    const OTHER = 'OBS-FFEEDDCCBBAA9988';
    const assign = (caseId: string, observerId = OBS, who: FakeIdentity = people.investigator) => inv(who, InvestigationApi.AssignObserver, { caseId, observerId });
    const view = (caseId: string, observerId = OBS) => inv(desk, InvestigationApi.ObserverView, { caseId, observerId });
    const remark = (caseId: string, text = 'three CT scans in a week for one patient: over-treatment?', observerId = OBS) =>
      inv(desk, InvestigationApi.FileRemark, { caseId, observerId, kind: 'challenge', text });

    it('lets an assigned observer read the case without patient identity and file a challenge; anyone else is refused', async () => {
      await open('CASE-O', [
        { kind: 'institution', id: 'P310001' },
        { kind: 'patient', id: SH_PATIENT },
      ]);
      await expectRefusal(view('CASE-O'), 'FORBIDDEN', /not assigned/);
      await expectRefusal(view('CASE-NONE'), 'FORBIDDEN', /not assigned/);
      const assigned = await assign('CASE-O');
      expect(assigned.observers?.map((o) => o.observerId)).to.deep.equal([OBS]);
      expect(ledger.lastEvent?.name).to.equal('CaseObserverAssigned');
      await expectRefusal(assign('CASE-O'), 'CONFLICT', /already assigned/);
      await expectRefusal(assign('CASE-O', 'OBS-alice'), 'VALIDATION', /observerId/);
      await expectRefusal(assign('CASE-O', OTHER, desk), 'FORBIDDEN');
      await finding('CASE-O');

      const seen = await view('CASE-O');
      expect(seen).to.include({ caseId: 'CASE-O', region: SH, status: 'OPEN', patientSubjects: 1 });
      expect(seen.subjects).to.deep.equal([{ kind: 'institution', id: 'P310001' }]);
      expect(seen.findings.map((f) => f.findingNo)).to.deep.equal([1]);
      expect(JSON.stringify(seen), 'no patientRef, no staff certificate').to.not.match(new RegExp(`${SH_PATIENT}|x509`));
      await expectRefusal(view('CASE-O', OTHER), 'FORBIDDEN', /not assigned/);
      await expectRefusal(inv(people.investigator, InvestigationApi.ObserverView, { caseId: 'CASE-O', observerId: OBS }), 'FORBIDDEN');

      const filed = await remark('CASE-O');
      expect(filed.remarks).to.deep.equal([{ remarkNo: 1, observerId: OBS, kind: 'challenge', text: 'three CT scans in a week for one patient: over-treatment?', filedAt: filed.remarks[0].filedAt }]);
      expect(ledger.lastEvent?.name).to.equal('CaseRemarkFiled');
      await expectRefusal(remark('CASE-O', 'patient 11010519491231002X', OBS), 'VALIDATION', /text/);
      await expectRefusal(remark('CASE-O', 'me too', OTHER), 'FORBIDDEN');
      // The remark is on the case's own key history, stamped by the service identity for the observer.
      const [latest] = await ledger.tx(people.investigator, (ctx) => cases.history(ctx, 'CASE-O'));
      expect(latest.value?.remarks?.[0]).to.include({ observerId: OBS, kind: 'challenge' });
      expect(latest.value?.remarks?.[0].filed.by.role).to.equal('observer');

      const list = await inv(desk, InvestigationApi.ListForObserver, { observerId: OBS });
      expect(list.cases.map((c) => c.caseId)).to.deep.equal(['CASE-O']);
      expect((await inv(desk, InvestigationApi.ListForObserver, { observerId: OTHER })).cases).to.deep.equal([]);
    });

    it('closes only once every remark is answered, or with the investigator’s reason for those that are not', async () => {
      await open('CASE-R');
      await assign('CASE-R');
      await remark('CASE-R');
      await remark('CASE-R', 'consumables billed twice on 3 March?');
      await expectRefusal(close('CASE-R', 'unsubstantiated'), 'RULE', /unanswered observer remarks 1, 2 \(FT-05\)/);
      const answered = await inv(people.investigator, InvestigationApi.AnswerRemark, { caseId: 'CASE-R', remarkNo: 1, answer: 'the scans were ordered by two departments; reviewed' });
      expect(answered.remarks?.[0].answer?.text).to.match(/two departments/);
      await expectRefusal(inv(people.investigator, InvestigationApi.AnswerRemark, { caseId: 'CASE-R', remarkNo: 1, answer: 'again' }), 'CONFLICT', /answered/);
      await expectRefusal(inv(people.investigator, InvestigationApi.AnswerRemark, { caseId: 'CASE-R', remarkNo: 9, answer: 'x' }), 'NOT_FOUND');
      await expectRefusal(inv(desk, InvestigationApi.AnswerRemark, { caseId: 'CASE-R', remarkNo: 2, answer: 'x' }), 'FORBIDDEN');
      await expectRefusal(close('CASE-R', 'unsubstantiated'), 'RULE', /remarks 2 \(FT-05\)/);
      const closed = await inv(people.investigator, InvestigationApi.Close, {
        caseId: 'CASE-R',
        outcome: 'referred',
        summary: 'referred to market regulation',
        remarksReason: 'remark 2 is for the market regulator the case is referred to',
      });
      expect(closed).to.include({ status: 'CLOSED' });
      expect(closed.remarksOverride).to.deep.equal({ reason: 'remark 2 is for the market regulator the case is referred to', remarkNos: [2] });
      await expectRefusal(remark('CASE-R', 'late'), 'CONFLICT', /closed/);
      expect((await view('CASE-R')).remarksOverride?.remarkNos).to.deep.equal([2]);

      await open('CASE-S');
      await expectRefusal(
        inv(people.investigator, InvestigationApi.Close, { caseId: 'CASE-S', outcome: 'unsubstantiated', summary: 's', remarksReason: 'nothing to explain' }),
        'VALIDATION',
        /remarksReason/,
      );
      expect(await close('CASE-S', 'unsubstantiated')).to.include({ status: 'CLOSED' });
    });
  });
});
