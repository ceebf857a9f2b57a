import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import { BJ, SH, cc, expectRefusal, invoice, patient, people, seedDispense, seedPolicies } from '../support/insurance-fixtures';

const SH_PATIENT = patient('SH-1');
const BJ_PATIENT = patient('BJ-1');

const encounterClaim = (n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  claimId: `C-${n}`,
  refType: 'encounter',
  refId: `ENC-${n}`,
  invoiceHash: invoice(`C-${n}`),
  patientRef: SH_PATIENT,
  insuredRegion: SH,
  institutionLevel: 'secondary',
  encounterType: 'outpatient',
  serviceDate: '2026-03-02',
  feeLines: [{ item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000, category: 'service' }],
  ...overrides,
});

describe('Claim contract', () => {
  let ledger: FakeLedger;
  const call = <T>(who: FakeIdentity, fn: (ctx: Context, args: string) => Promise<T>, args: Record<string, unknown>) =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)));
  const submit = (who: FakeIdentity, claim: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.Submit(ctx, a), claim);
  const review = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.Review(ctx, a), args);
  const byRegion = (who: FakeIdentity, args: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.ListByRegion(ctx, a), args);

  beforeEach(async () => {
    ledger = new FakeLedger();
    await seedPolicies(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('refuses an encounter fee line without a category, naming the field', async () => {
    const lines = [{ item: 'consultation', unitPriceFen: 5_000, quantity: 1, amountFen: 5_000 }];
    const error = await expectRefusal(submit(people.hospitalAdmin, encounterClaim(1, { feeLines: lines })), 'VALIDATION');
    expect(error.message).to.equal('[VALIDATION] feeLines[0].category: is required');
    expect((error as unknown as { details: unknown }).details).to.deep.equal([{ field: 'feeLines[0].category', message: 'is required' }]);
    await expectRefusal(
      submit(people.hospitalAdmin, encounterClaim(1, { feeLines: [{ ...lines[0], category: 'food' }] })),
      'VALIDATION',
      /^\[VALIDATION\] feeLines\[0\]\.category: must be one of drug, exam, treatment, consumable, bed, service, other$/,
    );
  });

  it('takes up to 200 fee lines of up to 100 000 units each', async () => {
    const lineOf = (quantity: number) => ({ item: 'swab', unitPriceFen: 1, quantity, amountFen: quantity, category: 'consumable' });
    const full = await submit(people.hospitalAdmin, encounterClaim(1, { feeLines: Array.from({ length: 200 }, () => lineOf(100_000)) }));
    expect(full.feeLines).to.have.length(200);
    expect(full.feeLines[199]).to.include({ lineNo: 200, quantity: 100_000 });
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim(2, { feeLines: Array.from({ length: 201 }, () => lineOf(1)) })), 'VALIDATION', /^\[VALIDATION\] feeLines: must be a list of 1 to 200 entries$/);
    await expectRefusal(submit(people.hospitalAdmin, encounterClaim(2, { feeLines: [lineOf(100_001)] })), 'VALIDATION', /feeLines\[0\]\.quantity: must be an integer from 1 to 100000/);
  });

  it('names every malformed field at once and never echoes a value', async () => {
    const error = await expectRefusal(submit(people.hospitalAdmin, encounterClaim(1, { invoiceHash: 'abc', institutionLevel: 'quaternary', fundFen: 1 })), 'VALIDATION');
    expect(error.message).to.contain('invoiceHash: must be 64 lowercase hex digits (sha256)');
    expect(error.message).to.contain('institutionLevel: must be one of basic, secondary, tertiary');
    expect(error.message).to.contain('fundFen: is not an allowed field');
    expect(error.message).not.to.contain('quaternary');
  });

  it('refuses to claim a dispense whose record breaks the fee-line rules', async () => {
    await seedDispense(ledger, { dispenseId: 'D-9', pharmacyId: 'P310001', patientRef: SH_PATIENT, feeLines: [{ item: 'x', unitPriceFen: 100, quantity: 3, amountFen: 301 }] });
    const claim = { claimId: 'C-D-9', refType: 'dispense', refId: 'D-9', invoiceHash: invoice('D-9'), patientRef: SH_PATIENT, insuredRegion: SH, institutionLevel: 'basic', serviceDate: '2026-03-02' };
    await expectRefusal(submit(people.pharmacist, claim), 'RULE', /^\[RULE\] dispense D-9 cannot be claimed: feeLines\[0\]\.amountFen: must equal unitPriceFen × quantity$/);
    await expectRefusal(submit(people.pharmacist, { ...claim, feeLines: [] }), 'VALIDATION', /feeLines/);
    await expectRefusal(submit(people.pharmacist, { ...claim, encounterType: 'outpatient' }), 'VALIDATION', /encounterType: must be omitted for a dispense claim/);
  });

  it('reviews with one JSON argument and keeps the queue index in step with the status', async () => {
    await submit(people.hospitalAdmin, encounterClaim(1));
    await submit(people.hospitalAdmin, encounterClaim(2));
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
    await submit(people.hospitalAdmin, encounterClaim(1));
    await submit(people.hospitalAdmin, encounterClaim(2, { patientRef: BJ_PATIENT, insuredRegion: BJ }));
    await submit(people.hospitalAdmin, encounterClaim(3, { patientRef: BJ_PATIENT, insuredRegion: BJ }));
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
    await submit(people.hospitalAdmin, encounterClaim(1));
    await submit(people.hospitalAdmin, encounterClaim(2, { patientRef: BJ_PATIENT, insuredRegion: BJ }));
    const list = (who: FakeIdentity) => call(who, (ctx, a) => cc.claim.ListByInstitution(ctx, a), { institutionId: 'H310001', pageSize: 10 });
    expect((await list(people.doctor)).records.map((c) => c.claimId)).to.deep.equal(['C-1', 'C-2']);
    expect((await list(people.insurerBJ)).records.map((c) => c.claimId)).to.deep.equal(['C-2']);
    await expectRefusal(list(people.doctor2), 'FORBIDDEN', /only staff of H310001/);
  });
});
