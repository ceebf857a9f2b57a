import { expect } from 'chai';
import { MAX_FEN } from '../../chaincode/src/api/kit';
import type { ArgsOf } from '../../chaincode/src/api/transaction';
import type { ClaimApi } from '../../chaincode/src/api/claim-api';
import type { DispenseForClaim } from '../../chaincode/src/model/claim';
import { checkClaimant, checkRegionListing, submissionOf } from '../../chaincode/src/rules/claim-arguments';
import { amountErrors, claimTotalFen, dispenseLines } from '../../chaincode/src/rules/claim-lines';

const line = (unitPriceFen: number, quantity: number, amountFen: number) => ({ item: 'x', unitPriceFen, quantity, amountFen, category: 'drug' as const });

describe('claim fee-line rules', () => {
  it('requires amount = unit price × quantity to the fen, and names each line that breaks it', () => {
    expect(amountErrors([line(100, 3, 300), line(0, 5, 0)])).to.deep.equal([]);
    expect(amountErrors([line(100, 3, 300), line(100, 3, 299), line(100, 3, 301)])).to.deep.equal([
      { field: 'feeLines[1].amountFen', message: 'must equal unitPriceFen × quantity' },
      { field: 'feeLines[2].amountFen', message: 'must equal unitPriceFen × quantity' },
    ]);
  });

  it('computes exactly where floating point would round', () => {
    // 99 999 999 999 × 99 999 is odd and above 2^53, so the float product is off by one; BigInt is not.
    expect(amountErrors([line(99_999_999_999, 99_999, 99_999_999_999 * 99_999)])).to.have.length(1);
    expect(amountErrors([line(1_000_000, 100_000, 100_000_000_000)])).to.deep.equal([]);
  });

  it('refuses a zero total and one beyond MAX_FEN, and accepts 1 fen and exactly MAX_FEN', () => {
    expect(() => claimTotalFen([line(0, 1, 0), line(0, 2, 0)])).to.throw(/^\[RULE\] the claim total is zero/);
    expect(claimTotalFen([line(1, 1, 1)])).to.equal(1);
    expect(claimTotalFen([line(MAX_FEN - 1, 1, MAX_FEN - 1), line(1, 1, 1)])).to.equal(MAX_FEN);
    expect(() => claimTotalFen([line(MAX_FEN, 1, MAX_FEN), line(1, 1, 1)])).to.throw(/^\[VALIDATION\] feeLines: must not total more than 100000000000 fen/);
  });
});

describe('dispense lines for a pharmacy claim', () => {
  const dispense = (feeLines: unknown[]): DispenseForClaim =>
    ({ dispenseId: 'D-1', rxId: 'RX-1', pharmacyId: 'P310001', patientRef: 'p'.repeat(64), feeLines }) as DispenseForClaim;
  const claimant = { institutionId: 'P310001', patientRef: 'p'.repeat(64) };
  const good = { item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396 };

  it('copies the lines of the dispense with category drug', () => {
    expect(dispenseLines(dispense([good]), claimant)).to.deep.equal([{ ...good, category: 'drug' }]);
  });

  it('refuses another pharmacy and another patient', () => {
    expect(() => dispenseLines(dispense([good]), { ...claimant, institutionId: 'P310002' })).to.throw(/^\[FORBIDDEN\] dispense D-1 was made by P310001, not P310002/);
    expect(() => dispenseLines(dispense([good]), { ...claimant, patientRef: 'q'.repeat(64) })).to.throw(/^\[RULE\] dispense D-1 is not for patient q+$/);
  });

  it('checks the record as strictly as a submitted line, with the same amount rule and limits', () => {
    const refused = (lines: unknown[]) => () => dispenseLines(dispense(lines), claimant);
    expect(refused([{ ...good, amountFen: 10_397 }])).to.throw('[RULE] dispense D-1 cannot be claimed: feeLines[0].amountFen: must equal unitPriceFen × quantity');
    expect(refused([{ ...good, category: 'drug' }])).to.throw(/feeLines\[0\]\.category: is not an allowed field/);
    expect(refused([])).to.throw(/feeLines: must be a list of 1 to 200 entries/);
    expect(refused(Array.from({ length: 201 }, () => good))).to.throw(/feeLines: must be a list of 1 to 200 entries/);
    expect(dispenseLines(dispense(Array.from({ length: 200 }, () => good)), claimant)).to.have.length(200);
    expect(refused([{ ...good, unitPriceFen: 1, quantity: 100_001, amountFen: 100_001 }])).to.throw(/feeLines\[0\]\.quantity: must be an integer from 1 to 100000/);
    expect(dispenseLines(dispense([{ ...good, unitPriceFen: 1, quantity: 100_000, amountFen: 100_000 }]), claimant)).to.have.length(1);
  });
});

describe('claim argument cross-field rules', () => {
  type SubmitArgs = ArgsOf<typeof ClaimApi.Submit>;
  const common = {
    claimId: 'C-1',
    refId: 'R-1',
    invoiceHash: 'a'.repeat(64),
    patientRef: 'b'.repeat(64),
    insuredRegion: '310000',
    institutionLevel: 'basic',
    serviceDate: '2026-03-02',
  } as const;
  const encounter = (extra: Partial<SubmitArgs> = {}): SubmitArgs => ({ ...common, refType: 'encounter', encounterType: 'outpatient', feeLines: [line(100, 2, 200)], ...extra });
  const today = '2026-03-02';

  it('takes a dispense claim without lines, as a pharmacy encounter with no personal-account request', () => {
    expect(submissionOf({ ...common, refType: 'dispense' }, today)).to.deep.equal({ ...common, refType: 'dispense', encounterType: 'pharmacy', personalAccountRequestFen: 0 });
    const extras: Partial<SubmitArgs>[] = [{ encounterType: 'outpatient' }, { admissionDate: '2026-03-01' }, { feeLines: [line(1, 1, 1)] }];
    for (const extra of extras) {
      const field = Object.keys(extra)[0];
      expect(() => submissionOf({ ...common, refType: 'dispense', ...extra }, today)).to.throw(
        `[VALIDATION] ${field}: must be omitted for a dispense claim: it comes from the dispense record`,
      );
    }
  });

  it('needs an encounter type and fee lines with right amounts for an encounter claim', () => {
    expect(submissionOf(encounter({ personalAccountRequestFen: 7 }), today)).to.include({ encounterType: 'outpatient', personalAccountRequestFen: 7 });
    expect(() => submissionOf(encounter({ encounterType: undefined }), today)).to.throw('[VALIDATION] encounterType: is required for an encounter claim');
    expect(() => submissionOf(encounter({ feeLines: undefined }), today)).to.throw('[VALIDATION] feeLines: is required for an encounter claim');
    expect(() => submissionOf(encounter({ feeLines: [line(100, 2, 200), line(100, 2, 201)] }), today)).to.throw('[VALIDATION] feeLines[1].amountFen: must equal unitPriceFen × quantity');
  });

  it('accepts care given today in China and refuses care dated tomorrow', () => {
    expect(submissionOf(encounter({ serviceDate: today }), today).serviceDate).to.equal(today);
    expect(() => submissionOf(encounter({ serviceDate: '2026-03-03' }), today)).to.throw('[VALIDATION] serviceDate: must not be after today (2026-03-02): 2026-03-03 is');
  });

  it('dates an inpatient stay from admission to discharge, which may be the same day', () => {
    const stay = (admissionDate?: string) => encounter({ encounterType: 'inpatient', admissionDate });
    expect(submissionOf(stay('2026-03-02'), today).admissionDate).to.equal('2026-03-02');
    expect(() => submissionOf(stay('2026-03-03'), '2026-03-05')).to.throw('[VALIDATION] admissionDate: must not be after serviceDate (the discharge date)');
    expect(() => submissionOf(stay(undefined), today)).to.throw('[VALIDATION] admissionDate: is required for an inpatient claim');
    expect(() => submissionOf(encounter({ encounterType: 'emergency', admissionDate: '2026-03-01' }), today)).to.throw('[VALIDATION] admissionDate: applies to inpatient claims only');
  });

  it('lets pharmacies claim dispenses and hospitals encounters, not the other way round', () => {
    expect(() => checkClaimant({ kind: 'pharmacy' }, 'dispense')).not.to.throw();
    expect(() => checkClaimant({ kind: 'hospital' }, 'encounter')).not.to.throw();
    expect(() => checkClaimant({ kind: 'hospital' }, 'dispense')).to.throw('[FORBIDDEN] only pharmacy staff claim for dispenses');
    expect(() => checkClaimant({ kind: 'pharmacy' }, 'encounter')).to.throw('[FORBIDDEN] only hospital staff claim for encounters');
  });

  it('filters by status on the treatment side only', () => {
    expect(() => checkRegionListing('treatment', 'APPROVED')).not.to.throw();
    expect(() => checkRegionListing('insured', undefined)).not.to.throw();
    expect(() => checkRegionListing('insured', 'APPROVED')).to.throw(/^\[VALIDATION\] status: filters the treatment side only/);
  });
});
