import { expect } from 'chai';
import { MAX_FEN } from '../../chaincode/src/api/kit';
import type { Stamp } from '../../chaincode/src/model/audit';
import type { DispenseForClaim } from '../../chaincode/src/model/claim';
import type { EncounterRecord } from '../../chaincode/src/model/encounter';
import { checkClaimant, checkRegionListing } from '../../chaincode/src/rules/claim-arguments';
import { amountErrors, claimTotalFen } from '../../chaincode/src/rules/claim-lines';
import { dispenseSource, encounterSource } from '../../chaincode/src/rules/claim-source';

const line = (unitPriceFen: number, quantity: number, amountFen: number) => ({ item: 'x', unitPriceFen, quantity, amountFen, category: 'drug' as const });
const stamp: Stamp = { by: { mspId: 'PharmacyMSP', id: 'x509::/CN=pharmacist1', role: 'pharmacist' }, at: '2026-03-01T16:30:00.000Z', txId: 'tx-d' };

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
    expect(() => claimTotalFen([line(MAX_FEN, 1, MAX_FEN), line(1, 1, 1)])).to.throw(/^\[RULE\] the claim total exceeds 100000000000 fen/);
  });
});

describe('what a pharmacy claim rests on: the dispense record', () => {
  const dispense = (feeLines: unknown[]): DispenseForClaim =>
    ({ dispenseId: 'D-1', rxId: 'RX-1', pharmacyId: 'P310001', patientRef: 'p'.repeat(64), feeLines, dispensed: stamp }) as DispenseForClaim;
  const good = { item: 'amlodipine 5mg', unitPriceFen: 2_599, quantity: 4, amountFen: 10_396, drugCode: 'XC08CA01', coverage: { class: 'B', selfPayRatioBp: 1_000, paymentStandardFen: 2_600 } };

  it('copies the lines with their drug and coverage, the patient, and the dispense date in China', () => {
    expect(dispenseSource(dispense([good]), 'P310001')).to.deep.equal({
      refType: 'dispense',
      refId: 'D-1',
      refTxId: 'tx-d',
      patientRef: 'p'.repeat(64),
      encounterType: 'pharmacy',
      // 16:30 UTC on 1 March is 00:30 on 2 March in China.
      serviceDate: '2026-03-02',
      period: { from: '2026-03-02', to: '2026-03-02' },
      diagnosisCodes: [],
      rxIds: ['RX-1'],
      lines: [{ ...good, category: 'drug', rxId: 'RX-1', coverageSource: 'dispense' }],
    });
  });

  it('refuses another pharmacy', () => {
    expect(() => dispenseSource(dispense([good]), 'P310002')).to.throw(/^\[FORBIDDEN\] dispense D-1 was made by P310001, not P310002/);
  });

  it('refuses a record made before the chain priced dispenses: the chain cannot vouch for its coverage', () => {
    const without = (field: 'coverage' | 'drugCode') => Object.fromEntries(Object.entries(good).filter(([key]) => key !== field));
    expect(() => dispenseSource(dispense([without('coverage')]), 'P310001')).to.throw('[RULE] dispense D-1 cannot be claimed: feeLines[0].coverage: is required');
    expect(() => dispenseSource(dispense([without('drugCode')]), 'P310001')).to.throw('[RULE] dispense D-1 cannot be claimed: feeLines[0].drugCode: is required');
    expect(() => dispenseSource(dispense([{ ...good, coverage: { class: 'X', selfPayRatioBp: 0 } }]), 'P310001')).to.throw(/feeLines\[0\]\.coverage\.class: must be one of A, B, C, NONE/);
    expect(() => dispenseSource(dispense([{ ...good, coverage: { class: 'B', selfPayRatioBp: 10_001 } }]), 'P310001')).to.throw(/feeLines\[0\]\.coverage\.selfPayRatioBp/);
  });

  it('checks the record as strictly as an argument, with the same amount rule and limits', () => {
    const refused = (lines: unknown[]) => () => dispenseSource(dispense(lines), 'P310001');
    expect(refused([{ ...good, amountFen: 10_397 }])).to.throw('[RULE] dispense D-1 cannot be claimed: feeLines[0].amountFen: must equal unitPriceFen × quantity');
    expect(refused([{ ...good, category: 'drug' }])).to.throw(/feeLines\[0\]\.category: is not an allowed field/);
    expect(refused([])).to.throw(/feeLines: must be a list of 1 to 200 entries/);
    expect(refused(Array.from({ length: 201 }, () => good))).to.throw(/feeLines: must be a list of 1 to 200 entries/);
    expect(dispenseSource(dispense(Array.from({ length: 200 }, () => good)), 'P310001').lines).to.have.length(200);
    expect(refused([{ ...good, unitPriceFen: 1, quantity: 100_001, amountFen: 100_001 }])).to.throw(/feeLines\[0\]\.quantity: must be an integer from 1 to 100000/);
  });
});

describe('what a hospital claim rests on: the encounter record', () => {
  const visit = (over: Partial<EncounterRecord>): EncounterRecord =>
    ({
      docType: 'encounter',
      encounterId: 'ENC-1',
      institutionId: 'H310001',
      region: '310000',
      patientRef: 'p'.repeat(64),
      type: 'outpatient',
      serviceDate: '2026-03-02',
      diagnosisCodes: ['I10'],
      rxIds: [],
      feeLines: [{ lineNo: 1, item: 'CT', unitPriceFen: 50_000, quantity: 1, amountFen: 50_000, category: 'exam', itemCode: 'CT-CHEST', coverage: { class: 'A', selfPayRatioBp: 0 }, coverageSource: 'category' }],
      totalFen: 50_000,
      recorded: { ...stamp, txId: 'tx-e' },
      ...over,
    }) as EncounterRecord;

  it('dates a visit by its service date and a stay by its discharge, keeping the admission for SR-01', () => {
    expect(encounterSource(visit({}), 'H310001')).to.deep.include({ refType: 'encounter', refId: 'ENC-1', refTxId: 'tx-e', encounterType: 'outpatient', serviceDate: '2026-03-02' });
    expect(encounterSource(visit({}), 'H310001')).not.to.have.property('admissionDate');
    const stay = encounterSource(visit({ type: 'inpatient', serviceDate: undefined, admissionDate: '2026-02-01', dischargeDate: '2026-02-25' }), 'H310001');
    expect(stay).to.include({ encounterType: 'inpatient', serviceDate: '2026-02-25', admissionDate: '2026-02-01' });
    expect(stay).to.deep.include({ period: { from: '2026-02-01', to: '2026-02-25' }, diagnosisCodes: ['I10'], rxIds: [] });
    expect(stay.lines[0]).to.deep.equal({ item: 'CT', unitPriceFen: 50_000, quantity: 1, amountFen: 50_000, category: 'exam', itemCode: 'CT-CHEST', coverage: { class: 'A', selfPayRatioBp: 0 }, coverageSource: 'category' });
  });

  it('refuses an encounter another institution recorded', () => {
    expect(() => encounterSource(visit({}), 'H310002')).to.throw('[FORBIDDEN] encounter ENC-1 was recorded by H310001, not H310002');
  });
});

describe('claim argument rules', () => {
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
