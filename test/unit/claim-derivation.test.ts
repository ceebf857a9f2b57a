import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import type { Coverage } from '../../chaincode/src/model/coverage';
import { benefitYears, claims } from '../../chaincode/src/stores/claims';
import { insuredPersons } from '../../chaincode/src/stores/insured-persons';
import { FakeLedger, type FakeIdentity } from '../support/fake-ledger';
import {
  INSTITUTIONS,
  SH,
  cc,
  expectRefusal,
  invoice,
  patient,
  people,
  seedDispense,
  seedEncounter,
  seedInstitution,
  seedInstitutions,
  seedInsured,
  seedPolicies,
  type EncounterLineSeed,
} from '../support/insurance-fixtures';
import { memberLedger } from '../support/membership-fixtures';

/**
 * Claims derived from the ledger, not declared (issue 11): the probes of the issue replayed on
 * the fake ledger, and the boundaries of the split by coverage.
 */
describe('claims derived from on-chain facts', () => {
  let ledger: FakeLedger;
  const call = <T>(who: FakeIdentity, fn: (ctx: Context, args: string) => Promise<T>, args: Record<string, unknown>) =>
    ledger.tx(who, (ctx) => fn(ctx, JSON.stringify(args)));
  const submit = (who: FakeIdentity, claim: Record<string, unknown>) => call(who, (ctx, a) => cc.claim.Submit(ctx, a), claim);
  const CT: EncounterLineSeed = { item: 'CT scan', unitPriceFen: 150_000, quantity: 1, amountFen: 150_000, category: 'exam' };
  /** `staff`'s hospital records visit `id` of the patient; the claim names only the visit and the invoice. */
  const visitClaim = async (staff: FakeIdentity, id: string, patientRef: string, feeLines: EncounterLineSeed[] = [CT]) => {
    await seedEncounter(ledger, staff, { encounterId: id, patientRef, type: 'outpatient', serviceDate: '2026-03-02', feeLines });
    return { claimId: `C-${id}`, refType: 'encounter', refId: id, invoiceHash: invoice(id) };
  };
  const dispenseClaim = async (id: string, patientRef: string, line: { unitPriceFen: number; quantity: number; coverage: Coverage }) => {
    const amountFen = line.unitPriceFen * line.quantity;
    await seedDispense(ledger, { dispenseId: id, pharmacyId: 'P310001', patientRef, feeLines: [{ item: `drug of ${id}`, ...line, amountFen }] });
    return { claimId: `C-${id}`, refType: 'dispense', refId: id, invoiceHash: invoice(id) };
  };
  const read = <T extends object>(store: { get(ctx: Context, id: string): Promise<T | undefined> }, id: string) => ledger.tx(people.investigator, (ctx) => store.get(ctx, id));

  beforeEach(async () => {
    ledger = await memberLedger();
    await seedPolicies(ledger);
    await seedInstitutions(ledger);
    ledger.nowMs = Date.parse('2026-03-02T02:00:00Z');
  });

  it('takes the level from the registry, so the claimant can no longer choose it (the tertiary vs basic probe)', async () => {
    await seedInsured(ledger, patient('T'), SH);
    await seedInsured(ledger, patient('B'), SH);
    // The same ¥1 500 CT at the tertiary H310001 and at the basic community clinic H310002.
    const tertiary = await submit(people.hospitalAdmin, await visitClaim(people.hospitalAdmin, 'ENC-T', patient('T')));
    expect(tertiary).to.include({ institutionLevel: 'tertiary' });
    expect(tertiary.amounts).to.include({ deductibleFen: 100_000, fundFen: 25_000 }); // (150 000 − 100 000) × 50 %
    const basic = await submit(people.doctor2, await visitClaim(people.doctor2, 'ENC-B', patient('B')));
    expect(basic).to.include({ institutionId: 'H310002', institutionLevel: 'basic' });
    expect(basic.amounts).to.include({ deductibleFen: 20_000, fundFen: 91_000 }); // (150 000 − 20 000) × 70 %
    await expectRefusal(
      submit(people.hospitalAdmin, { ...(await visitClaim(people.hospitalAdmin, 'ENC-T2', patient('T'))), institutionLevel: 'basic' }),
      'VALIDATION',
      /^\[VALIDATION\] institutionLevel: is not an allowed field$/,
    );

    // When the registry changes the level, the next claim follows it and says which record version it used.
    const regraded = await seedInstitution(ledger, { ...INSTITUTIONS[0], level: 'secondary' });
    const after = await submit(people.hospitalAdmin, await visitClaim(people.hospitalAdmin, 'ENC-T3', patient('T')));
    expect(after.institutionLevel).to.equal('secondary');
    expect(after.derivation.institution).to.deep.equal({ institutionId: 'H310001', level: 'secondary', region: SH, agreementNumber: 'AGR-H310001', txId: regraded.updated.txId, updatedAt: regraded.updated.at });
  });

  it('refuses claims for a patient the chain does not know as insured (the invented-patient probe), writing nothing', async () => {
    const invented = 'f'.repeat(64);
    for (const n of [1, 2, 3]) {
      await expectRefusal(submit(people.hospitalAdmin, await visitClaim(people.hospitalAdmin, `ENC-CT-${n}`, invented)), 'RULE', /^\[RULE\] XR-01: patient f+ is not insured on the chain: no insured-person record$/);
      expect(await read(claims, `C-ENC-CT-${n}`)).to.equal(undefined);
    }
    expect(await read(benefitYears, `${SH}:2026:${invented}`)).to.equal(undefined);
  });

  it('pays only ACTIVE insurance (XR-01), and again once the insurer restores it', async () => {
    const ref = patient('S');
    await seedInsured(ledger, ref, SH, { status: 'SUSPENDED' });
    const claim = await visitClaim(people.hospitalAdmin, 'ENC-S', ref);
    await expectRefusal(submit(people.hospitalAdmin, claim), 'RULE', /^\[RULE\] XR-01: the insurance of patient [0-9a-f]{64} in region 310000 is SUSPENDED$/);
    await call(people.insurerSH, (ctx, a) => cc.insuredPerson.SetStatus(ctx, a), { patientRef: ref, status: 'ACTIVE', reason: 'contributions paid' });
    const accepted = await submit(people.hospitalAdmin, claim);
    expect(accepted.derivation.insuredPerson.status).to.equal('ACTIVE');
  });

  it('refuses a claim on an encounter another institution recorded, and the claimant’s institution must be designated', async () => {
    await seedInsured(ledger, patient('E'), SH);
    const claim = await visitClaim(people.hospitalAdmin, 'ENC-E', patient('E'));
    await expectRefusal(submit(people.doctor2, claim), 'FORBIDDEN', /^\[FORBIDDEN\] encounter ENC-E was recorded by H310001, not H310002$/);
    const stranger: FakeIdentity = { mspId: 'HospitalMSP', cn: 'stranger', attrs: { role: 'admin', region: SH, institutionId: 'H319999' } };
    await expectRefusal(submit(stranger, claim), 'FORBIDDEN', /H319999 is not a registered designated institution/);
    await seedInstitution(ledger, INSTITUTIONS[0], { agreement: { number: 'AGR-H310001', validFrom: '2025-01-01', validTo: '2030-12-31', status: 'SUSPENDED', suspendedUntil: '2026-05-31' } });
    await expectRefusal(submit(people.hospitalAdmin, claim), 'RULE', /CR-10: the designation agreement of H310001 is suspended until 2026-05-31/);
  });

  it('draws the personal account down up to the balance and the patient share, and gives it back on rejection', async () => {
    const ref = patient('P');
    const opened = await seedInsured(ledger, ref, SH, { personalAccountFen: 3_000 });
    const claim = await submit(people.hospitalAdmin, { ...(await visitClaim(people.hospitalAdmin, 'ENC-P', ref)), personalAccountRequestFen: 10_000 });
    expect(claim.amounts).to.include({ totalFen: 150_000, fundFen: 25_000, personalAccountFen: 3_000, selfPayFen: 122_000 });
    expect(claim.feeLines[0]).to.include({ insurerAmountFen: 25_000, personalAccountFen: 3_000, selfPayFen: 122_000, selfAmountFen: 125_000 });
    expect(claim.derivation.insuredPerson).to.include({ txId: opened.updated.txId, personalAccountBeforeFen: 3_000, personalAccountRequestFen: 10_000 });
    expect(await read(insuredPersons, ref)).to.include({ personalAccountFen: 0 });

    await call(people.insurerSH, (ctx, a) => cc.claim.Review(ctx, a), { claimId: claim.claimId, decision: 'REJECTED', reason: 'SR-03: repeat examination' });
    expect(await read(insuredPersons, ref)).to.include({ personalAccountFen: 3_000 });
    expect(await read(benefitYears, `${SH}:2026:${ref}`)).to.include({ deductibleMetFen: 0, fundPaidFen: 0 });

    // A rich account still pays no more than the patient's share.
    await seedInsured(ledger, patient('R'), SH, { personalAccountFen: 10_000_000 });
    const small = await submit(people.hospitalAdmin, { ...(await visitClaim(people.hospitalAdmin, 'ENC-R', patient('R'))), personalAccountRequestFen: 10_000_000 });
    expect(small.amounts).to.include({ fundFen: 25_000, personalAccountFen: 125_000, selfPayFen: 0 });
    expect(await read(insuredPersons, patient('R'))).to.include({ personalAccountFen: 10_000_000 - 125_000 });
  });

  it('pays nothing for an out-of-catalogue drug (the bevacizumab probe) or a hospital line of no recognised category', async () => {
    await seedInsured(ledger, patient('V'), SH);
    const bevacizumab = await submit(people.pharmacist, await dispenseClaim('D-BEV', patient('V'), { unitPriceFen: 150_000, quantity: 1, coverage: { class: 'NONE', selfPayRatioBp: 10_000 } }));
    expect(bevacizumab.amounts).to.include({ totalFen: 150_000, uncoveredFen: 150_000, eligibleFen: 0, deductibleFen: 0, fundFen: 0, selfPayFen: 150_000 });
    expect(bevacizumab.feeLines[0]).to.deep.include({ coverage: { class: 'NONE', selfPayRatioBp: 10_000 }, coverageSource: 'dispense', insurerAmountFen: 0 });

    const supplement: EncounterLineSeed = { item: '保健品', unitPriceFen: 99_000, quantity: 1, amountFen: 99_000, category: 'other' };
    const mixed = await submit(people.hospitalAdmin, await visitClaim(people.hospitalAdmin, 'ENC-V', patient('V'), [CT, supplement]));
    expect(mixed.feeLines.map((l) => [l.coverage.class, l.uncoveredFen, l.insurerAmountFen])).to.deep.equal([
      ['A', 0, 25_000],
      ['NONE', 99_000, 0],
    ]);
  });

  it('splits class B and the payment standard line by line at the boundaries', async () => {
    await seedInsured(ledger, patient('K'), SH);
    // Deductible first: a 20 000 fen class A line uses up the basic-level deductible.
    await submit(people.pharmacist, await dispenseClaim('D-0', patient('K'), { unitPriceFen: 20_000, quantity: 1, coverage: { class: 'A', selfPayRatioBp: 0 } }));
    // 333 fen at 10 % self-pay first: 34 first (rounded up), 299 eligible, 70 % of it floored: 209.
    const b = await submit(people.pharmacist, await dispenseClaim('D-B', patient('K'), { unitPriceFen: 333, quantity: 1, coverage: { class: 'B', selfPayRatioBp: 1_000 } }));
    expect(b.amounts).to.include({ selfPayFirstFen: 34, eligibleFen: 299, deductibleFen: 0, fundFen: 209, selfPayFen: 124 });
    // The standard exactly met pays in full; one fen above it is the patient's.
    const met = await submit(people.pharmacist, await dispenseClaim('D-M', patient('K'), { unitPriceFen: 100, quantity: 10, coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 100 } }));
    expect(met.amounts).to.include({ overStandardFen: 0, eligibleFen: 1_000, fundFen: 700 });
    const over = await submit(people.pharmacist, await dispenseClaim('D-O', patient('K'), { unitPriceFen: 101, quantity: 1, coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 100 } }));
    expect(over.amounts).to.include({ overStandardFen: 1, eligibleFen: 100, fundFen: 70, selfPayFen: 31 });
    for (const c of [b, met, over]) c.feeLines.forEach((l) => expect(l.insurerAmountFen + l.personalAccountFen + l.selfPayFen).to.equal(l.amountFen));
  });
});
