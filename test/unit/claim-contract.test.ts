import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import type { EncounterLineSeed } from '../support/insurance-fixtures';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import {
  BJ,
  SH,
  cc,
  expectRefusal,
  invoice,
  patient,
  people,
  seedDispense,
  seedEncounter,
  seedInstitutions,
  seedInsured,
  seedPolicies,
} from '../support/insurance-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const SH_PATIENT = patient('SH-1');
const BJ_PATIENT = patient('BJ-1');
const CONSULTATION: EncounterLineSeed = { item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' };

describe('Claim contract', () => {
  let ledger: FakeLedger;
  const call = <T>(who: FakeIdentity, fn: (ctx: Context, args: string) => Promise<T>, args: Record<string, unknown>) =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)));
  const submit = (who: FakeIdentity, claim: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.Submit(ctx, a), claim);
  const review = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.Review(ctx, a), args);
  const byRegion = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.ListByRegion(ctx, a), args);
  /** H310001 records visit ENC-n for the patient; the claim for it names only the encounter and the invoice. */
  const visit = async (n: number, patientRef = SH_PATIENT, feeLines: EncounterLineSeed[] = [CONSULTATION]) => {
    await seedEncounter(ledger, people.hospitalAdmin, { encounterId: `ENC-${n}`, patientRef, type: 'outpatient', serviceDate: '2026-03-02', feeLines });
    return { claimId: `C-${n}`, refType: 'encounter', refId: `ENC-${n}`, invoiceHash: invoice(`C-${n}`) };
  };

  beforeEach(async () => {
    ledger = await memberLedger();
    await seedPolicies(ledger);
    await seedInstitutions(ledger);
    await seedInsured(ledger, SH_PATIENT, SH);
    await seedInsured(ledger, BJ_PATIENT, BJ);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('takes an encounter of 200 fee lines of up to 100 000 units each, line for line', async () => {
    const lineOf = (quantity: number): EncounterLineSeed => ({ item: 'swab', unitPriceFen: 1, quantity, amountFen: quantity, category: 'consumable' });
    const full = await submit(people.hospitalAdmin, await visit(1, SH_PATIENT, Array.from({ length: 200 }, () => lineOf(100_000))));
    expect(full.feeLines).to.have.length(200);
    expect(full.feeLines[199]).to.include({ lineNo: 200, quantity: 100_000, coverageSource: 'category', eligibleFen: 100_000 });
    expect(full.amounts.totalFen).to.equal(20_000_000);
  });

  it('names every malformed or declared field at once and never echoes a value', async () => {
    const claim = { ...(await visit(1)), invoiceHash: 'abc', institutionLevel: 'quaternary', fundFen: 1 };
    const error = await expectRefusal(submit(people.hospitalAdmin, claim), 'VALIDATION');
    expect(error.message).to.contain('invoiceHash: must be 64 lowercase hex digits (sha256)');
    // The level is the registry's: a claim cannot even say it.
    expect(error.message).to.contain('institutionLevel: is not an allowed field');
    expect(error.message).to.contain('fundFen: is not an allowed field');
    expect(error.message).not.to.contain('quaternary');
    expect((error as unknown as { details: { field: string }[] }).details.map((d) => d.field).sort()).to.deep.equal(['fundFen', 'institutionLevel', 'invoiceHash']);
  });

  it('refuses to claim a dispense whose record breaks the fee-line rules or predates coverage', async () => {
    await seedDispense(ledger, { dispenseId: 'D-9', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 3, amountFen: 301 }] });
    const claim = { claimId: 'C-D-9', refType: 'dispense', refId: 'D-9', invoiceHash: invoice('D-9') };
    await expectRefusal(submit(people.pharmacist, claim), 'RULE', /^\[RULE\] dispense D-9 cannot be claimed: feeLines\[0\]\.amountFen: must equal unitPriceFen × quantity$/);
    await seedDispense(ledger, { dispenseId: 'D-OLD', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 3, amountFen: 300, coverage: null }] });
    await expectRefusal(
      submit(people.pharmacist, { ...claim, claimId: 'C-D-OLD', refId: 'D-OLD', invoiceHash: invoice('D-OLD') }),
      'RULE',
      /^\[RULE\] dispense D-OLD cannot be claimed: feeLines\[0\]\.coverage: is required$/,
    );
    await expectRefusal(submit(people.pharmacist, { ...claim, feeLines: [] }), 'VALIDATION', /feeLines: is not an allowed field/);
  });

  it('reviews with one JSON argument and keeps the queue index in step with the status', async () => {
    await submit(people.hospitalAdmin, await visit(1));
    await submit(people.hospitalAdmin, await visit(2));
    const queue = async (status: string) => (await byRegion(people.insurerSH, { region: SH, status })).records.map((c) => c.claimId);
    expect(await queue('UNDER_REVIEW')).to.deep.equal(['C-1', 'C-2']);
    const approved = await review(people.insurerSH, { claimId: 'C-1', decision: 'APPROVED' });
    expect(approved.status).to.equal('APPROVED');
    expect(approved.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED']);
    expect(ledger.lastEvent).to.deep.equal({ name: 'ClaimReviewed', payload: { claimId: 'C-1', status: 'APPROVED', txId: approved.updated.txId } });
    expect(await queue('UNDER_REVIEW')).to.deep.equal(['C-2']);
    expect(await queue('APPROVED')).to.deep.equal(['C-1']);
    expect((await call(people.doctor, (ctx, a) => cc.claim.Get(ctx, a), { claimId: 'C-1' })).status).to.equal('APPROVED');
    await expectRefusal(review(people.insurerSH, { claimId: 'C-2', decision: 'REJECTED', reason: '' }), 'VALIDATION', /reason: must be 1 to 500 characters/);
    await expectRefusal(review(people.insurerSH, { claimId: 'C-2', decision: 'REJECTED' }), 'VALIDATION', /^\[VALIDATION\] reason: is required to reject$/);
    await expectRefusal(review(people.insurerSH, { claimId: 'C-404', decision: 'APPROVED' }), 'NOT_FOUND', /claim C-404 does not exist/);
    await expectRefusal(review(people.insurerSH, { claimId: 'C-2', decision: 'MAYBE' }), 'VALIDATION', /decision: must be one of APPROVED, REJECTED/);
  });

  it('lists a region by side, filters the treatment side by status, and pages', async () => {
    await submit(people.hospitalAdmin, await visit(1));
    // The Beijing-insured patient: the insured region comes from their record, not from the hospital.
    await submit(people.hospitalAdmin, await visit(2, BJ_PATIENT));
    await submit(people.hospitalAdmin, await visit(3, BJ_PATIENT));
    const ids = (page: { records: { claimId: string }[] }) => page.records.map((c) => c.claimId);
    expect(ids(await byRegion(people.insurerSH, { region: SH }))).to.deep.equal(['C-1', 'C-2', 'C-3']);
    expect(ids(await byRegion(people.insurerBJ, { region: BJ, side: 'insured' }))).to.deep.equal(['C-2', 'C-3']);
    expect(ids(await byRegion(people.investigator, { region: BJ, side: 'treatment' }))).to.deep.equal([]);
    const first = await byRegion(people.insurerSH, { region: SH, status: 'UNDER_REVIEW', pageSize: 2 });
    expect(ids(first)).to.deep.equal(['C-1', 'C-2']);
    expect(ids(await byRegion(people.insurerSH, { region: SH, status: 'UNDER_REVIEW', pageSize: 2, bookmark: first.bookmark }))).to.deep.equal(['C-3']);
    await expectRefusal(byRegion(people.insurerBJ, { region: BJ, side: 'insured', status: 'APPROVED' }), 'VALIDATION', /status: filters the treatment side only/);
    await expectRefusal(byRegion(people.insurerBJ, { region: SH }), 'FORBIDDEN', /only the insurer of 310000 or an investigator/);
    await expectRefusal(byRegion(people.doctor, { region: SH }), 'FORBIDDEN', /doctor may not call Claim:ListByRegion/);
    await expectRefusal(byRegion(people.insurerSH, { region: SH, pageSize: 201 }), 'VALIDATION', /pageSize: must be a page size from 1 to 200/);
  });

  it('lists an institution’s claims to its staff in full and to an insurer only those its region is party to', async () => {
    await submit(people.hospitalAdmin, await visit(1));
    await submit(people.hospitalAdmin, await visit(2, BJ_PATIENT));
    const list = (who: FakeIdentity) => call(who, (ctx, a) => cc.claim.ListByInstitution(ctx, a), { institutionId: 'H310001', pageSize: 10 });
    expect((await list(people.doctor)).records.map((c) => c.claimId)).to.deep.equal(['C-1', 'C-2']);
    expect((await list(people.insurerBJ)).records.map((c) => c.claimId)).to.deep.equal(['C-2']);
    await expectRefusal(list(people.doctor2), 'FORBIDDEN', /only staff of H310001/);
  });
});
