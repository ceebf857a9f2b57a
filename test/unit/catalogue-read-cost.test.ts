/**
 * A prescription reads only the catalogue entries it names (issue 11, item 3): the same keys and
 * ranges, in the same number, whether the version in force lists 5 drugs or 3 000.
 */
import { expect } from 'chai';
import { DEMO_LIMITS, catalogueOfSize } from '../../scripts/demo/seed-catalogue';
import type { FakeLedger } from '../support/fake-ledger';
import { SALT, T0, asTransient, dispenseArgs, patientA, people, publishCatalogue, registration, rxArgs, rxcc, seedInstitutions } from '../support/rx-fixtures';
import { memberLedger } from '../support/membership-fixtures';
import { traced, type Reads } from '../support/read-trace';


const VERSION = 'CAT-BENCH';

/** A ledger whose only catalogue version lists n drugs (the demo drugs first), with the institutions, salt and DOC-1001. */
async function ledgerWith(n: number): Promise<FakeLedger> {
  const ledger = await memberLedger();
  ledger.nowMs = Date.parse('2026-02-01T01:00:00Z');
  await seedInstitutions(ledger);
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.prescription.InitPatientSalt(ctx, '{}'), { salt: SALT });
  await publishCatalogue(ledger, { versionId: VERSION, effectiveFrom: '2026-02-01', limits: DEMO_LIMITS }, catalogueOfSize(n));
  await ledger.tx(people.hospitalAdmin, (ctx) => rxcc.practitioner.Register(ctx, registration('DOC-1001', 'H310001', ['内科专业'])));
  ledger.nowMs = T0;
  return ledger;
}

/** Issue, PreCheck, Verify and Dispense of one enalapril + metformin prescription, and what each read. */
async function costs(ledger: FakeLedger): Promise<Record<'issue' | 'precheck' | 'verify' | 'dispense', Reads>> {
  const items = [
    { drugCode: 'XC09AA02', quantity: 28, dose: '10mg qd', days: 7 },
    { drugCode: 'XA10BA02', quantity: 28, dose: '500mg bid', days: 7 },
  ];
  const precheckArgs = JSON.stringify({ items: [{ drugCode: 'XC09AA02' }] });
  const precheck = await traced(ledger, people.doctor, (ctx) => rxcc.prescription.PreCheck(ctx, precheckArgs), asTransient(patientA));
  const issue = await traced(ledger, people.doctor, (ctx) => rxcc.prescription.Issue(ctx, rxArgs('RX-1', { items })), asTransient(patientA));
  const verify = await traced(ledger, people.pharmacist, (ctx) => rxcc.prescription.Verify(ctx, JSON.stringify({ rxId: 'RX-1' })));
  const dispensed = [{ drugCode: 'XC09AA02', quantity: 28 }];
  const dispense = await traced(ledger, people.pharmacist, (ctx) => rxcc.prescription.Dispense(ctx, dispenseArgs('RX-1', 'D-1', dispensed, 28)));
  return { issue, precheck, verify, dispense };
}

const drugKeys = (reads: Reads): string[] => reads.keys.filter((k) => k.startsWith('catalogue-drug/')).sort();

describe('catalogue read cost per prescription', function () {
  this.timeout(60_000);
  let small: Awaited<ReturnType<typeof costs>>;
  let large: Awaited<ReturnType<typeof costs>>;
  before(async () => {
    small = await costs(await ledgerWith(5));
    large = await costs(await ledgerWith(3000));
  });

  it('reads the same keys and ranges with a 3 000-drug version as with a 5-drug one', () => {
    for (const tx of ['issue', 'precheck', 'verify', 'dispense'] as const) {
      expect(large[tx].keys, `${tx} keys`).to.deep.equal(small[tx].keys);
      expect(large[tx].ranges, `${tx} ranges`).to.deep.equal(small[tx].ranges);
    }
    expect(large.issue.keys.length).to.be.lessThan(20);
  });

  it('issues on the entries of the prescribed drugs only, and finds the version from the sealed-version index', () => {
    expect(drugKeys(large.issue)).to.deep.equal([`catalogue-drug/${VERSION}:XA10BA02`, `catalogue-drug/${VERSION}:XC09AA02`]);
    expect(large.issue.keys.filter((k) => k.startsWith('catalogue/'))).to.deep.equal([`catalogue/${VERSION}`]);
    expect(large.issue.ranges.filter((r) => r.startsWith('catalogue'))).to.deep.equal(['catalogue-by-effective/ ×1']);
  });

  it('pre-checks on the entry of the drug asked about and of its substitute', () => {
    expect(drugKeys(large.precheck)).to.deep.equal([`catalogue-drug/${VERSION}:XC09AA02`, `catalogue-drug/${VERSION}:XC09AA05`]);
  });

  it('verifies and dispenses on the coverage recorded at issue, reading no catalogue key at all', () => {
    for (const tx of ['verify', 'dispense'] as const) {
      expect(large[tx].keys.filter((k) => k.startsWith('catalogue')), tx).to.deep.equal([]);
      expect(large[tx].ranges.filter((r) => r.startsWith('catalogue')), tx).to.deep.equal([]);
    }
  });
});
