/**
 * Smart review reads stay bounded (issue 12, item 1): one prescription issue and one claim
 * submission (a pharmacy claim and a hospital one) read the same keys and iterate the same index
 * ranges, entry for entry, whether the ledger holds a handful of other records or thousands of
 * other patients' prescriptions, visits and claims, and whether the patient has a long history
 * outside the review windows. Each window is one range over the patient's dates, only the patient's.
 */
import { expect } from 'chai';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { EncounterRecord } from '../../chaincode/src/model/encounter';
import { addDays } from '../../chaincode/src/rules/dates';
import { claims } from '../../chaincode/src/stores/claims';
import { encounters } from '../../chaincode/src/stores/encounters';
import { prescriptions } from '../../chaincode/src/stores/prescriptions';
import type { FakeLedger } from '../support/fake-ledger';
import { traced, type Reads } from '../support/read-trace';
import { reviewCalls, reviewLedger } from '../support/review-fixtures';
import { cc, invoice, patient } from '../support/insurance-fixtures';
import { asTransient, patientA, people, rxItem, rxRecord, rxcc } from '../support/rx-fixtures';


const TODAY = '2026-03-01';

/** Other patients' prescriptions, visits and encounter claims, all dated today at the same hospital and for the same drugs. */
async function plantOthers(ledger: FakeLedger, n: number): Promise<void> {
  await ledger.tx(people.hospitalAdmin, async (ctx) => {
    for (let i = 0; i < n; i++) {
      const who = patient(`other-${i}`);
      await prescriptions.save(ctx, rxRecord({ rxId: `RX-O-${i}`, patientRef: who, prescriber: { doctorId: 'DOC-1001', institutionId: 'H310001', region: '310000' }, catalogueVersion: 'CAT-SR', items: [rxItem('AMLO5', 'AMLODIPINE', 14)] }));
      await encounters.save(ctx, encounterOf(`ENC-O-${i}`, who, TODAY));
      await claims.save(ctx, claimOf(`C-O-${i}`, `ENC-O-${i}`, who, TODAY, [`RX-O-${i}`]));
    }
  });
}

/** The patient's own history outside every window: a prescription, a visit with the same exam and a claim every 5 days from 40 to 400 days back. */
async function plantHistory(ledger: FakeLedger, patientRef: string): Promise<void> {
  await ledger.tx(people.hospitalAdmin, async (ctx) => {
    for (let back = 40; back <= 400; back += 5) {
      const date = addDays(TODAY, -back);
      await prescriptions.save(ctx, rxRecord({ rxId: `RX-H-${back}`, patientRef, issuedAt: `${date}T02:00:00.000Z`, catalogueVersion: 'CAT-SR', items: [rxItem('AMLO5', 'AMLODIPINE', 14)] }));
      await encounters.save(ctx, encounterOf(`ENC-H-${back}`, patientRef, date));
      await claims.save(ctx, claimOf(`C-H-${back}`, `ENC-H-${back}`, patientRef, date, [`RX-H-${back}`]));
    }
  });
}

function encounterOf(encounterId: string, patientRef: string, serviceDate: string): EncounterRecord {
  return {
    docType: 'encounter',
    encounterId,
    institutionId: 'H310001',
    region: '310000',
    patientRef,
    type: 'outpatient',
    department: '心内科',
    attendingDoctorId: 'DOC-1001',
    diagnosisCodes: ['I10'],
    serviceDate,
    rxIds: [],
    feeLines: [{ lineNo: 1, item: 'CT', unitPriceFen: 100, quantity: 1, amountFen: 100, category: 'exam', itemCode: 'CT-CHEST', coverage: { class: 'A', selfPayRatioBp: 0 }, coverageSource: 'category' }],
    totalFen: 100,
    recorded: { by: { mspId: 'HospitalMSP', id: 'x', role: 'admin' }, at: `${serviceDate}T02:00:00.000Z`, txId: 'tx0' },
  };
}

/** An encounter claim as far as the claim store's indexes see it. */
const claimOf = (claimId: string, refId: string, patientRef: string, serviceDate: string, rxIds: string[]): ClaimRecord =>
  ({ docType: 'claim', claimId, refType: 'encounter', refId, invoiceHash: invoice(claimId), patientRef, institutionId: 'H310001', treatmentRegion: '310000', insuredRegion: '310000', crossRegion: false, status: 'UNDER_REVIEW', serviceDate, rxIds }) as ClaimRecord;

/** Issue, dispense claim and encounter claim of the patient on a ledger the planters have filled. */
async function costs(plant: (ledger: FakeLedger, patientRef: string) => Promise<void>): Promise<Record<'issue' | 'pharmacyClaim' | 'hospitalClaim', Reads>> {
  const { ledger, patientRef } = await reviewLedger();
  await plant(ledger, patientRef);
  const calls = reviewCalls(ledger);
  const issueArgs = JSON.stringify({ rxId: 'RX-T', kind: 'ORDINARY', diagnosisCodes: ['I10'], items: [{ drugCode: 'AMLO5', quantity: 14, dose: '5mg qd', days: 14 }] });
  const issue = await traced(ledger, people.doctor, (ctx) => rxcc.prescription.Issue(ctx, issueArgs), asTransient(patientA));
  await calls.dispense(people.pharmacist, { rxId: 'RX-T', dispenseId: 'D-T', items: [{ drugCode: 'AMLO5', quantity: 14 }], feeLines: [{ drugCode: 'AMLO5', unitPriceFen: 150, quantity: 14, amountFen: 2_100 }] });
  const pharmacyArgs = JSON.stringify({ claimId: 'C-P', refType: 'dispense', refId: 'D-T', invoiceHash: invoice('C-P') });
  const pharmacyClaim = await traced(ledger, people.pharmacyAdmin, (ctx) => cc.claim.Submit(ctx, pharmacyArgs));
  await calls.record(people.hospitalAdmin, {
    encounterId: 'ENC-T',
    patientRef,
    type: 'outpatient',
    department: '心内科',
    attendingDoctorId: 'DOC-1001',
    diagnosisCodes: ['I10'],
    serviceDate: TODAY,
    feeLines: [{ item: 'CT', unitPriceFen: 28_000, quantity: 1, amountFen: 28_000, category: 'exam', itemCode: 'CT-CHEST' }],
  });
  const hospitalArgs = JSON.stringify({ claimId: 'C-H', refType: 'encounter', refId: 'ENC-T', invoiceHash: invoice('C-H') });
  const hospitalClaim = await traced(ledger, people.hospitalAdmin, (ctx) => cc.claim.Submit(ctx, hospitalArgs));
  return { issue, pharmacyClaim, hospitalClaim };
}

const rows = (reads: Reads): number => reads.ranges.reduce((sum, r) => sum + Number(r.split('×')[1]), 0);

describe('smart review read cost per claim', function () {
  this.timeout(120_000);
  const OTHERS = 2_000;
  let few: Awaited<ReturnType<typeof costs>>;
  let many: Awaited<ReturnType<typeof costs>>;
  let history: Awaited<ReturnType<typeof costs>>;
  before(async () => {
    few = await costs((ledger) => plantOthers(ledger, 3));
    many = await costs((ledger) => plantOthers(ledger, OTHERS));
    history = await costs(async (ledger, patientRef) => {
      await plantOthers(ledger, 3);
      await plantHistory(ledger, patientRef);
    });
  });

  for (const tx of ['issue', 'pharmacyClaim', 'hospitalClaim'] as const) {
    it(`${tx}: the same keys and ranges, entry for entry, with ${OTHERS} other patients' records and with a long history outside the windows`, () => {
      expect(many[tx].keys, 'keys, many others').to.deep.equal(few[tx].keys);
      expect(many[tx].ranges, 'ranges, many others').to.deep.equal(few[tx].ranges);
      expect(history[tx].keys, 'keys, long history').to.deep.equal(few[tx].keys);
      expect(history[tx].ranges, 'ranges, long history').to.deep.equal(few[tx].ranges);
      console.log(`      ${tx}: ${few[tx].keys.length} keys read, ${few[tx].ranges.length} ranges, ${rows(few[tx])} range rows`);
    });
  }

  it('reads the SR-04 window as one range over this patient\'s 31 dates (30 days back to today)', () => {
    const window = few.issue.ranges.filter((r) => r.startsWith('rx-by-patient-date/'));
    expect(window).to.have.length(1);
    const [, from, to] = /\/(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2}) ×0$/.exec(window[0]) ?? [];
    expect(to, window[0]).to.equal(addDays(from, 30));
    expect(rows(few.pharmacyClaim)).to.be.lessThan(20);
  });
});
