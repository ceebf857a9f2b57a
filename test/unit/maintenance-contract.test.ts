import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { MaintenanceApi } from '../../chaincode/src/api/maintenance-api';
import type { AnyTx, ResultOf } from '../../chaincode/src/api/transaction';
import { InvestigationContract } from '../../chaincode/src/contracts/investigation-contract';
import { MaintenanceContract } from '../../chaincode/src/contracts/maintenance-contract';
import { CLAIM_BY_PATIENT_VISIT_DATE, CLAIM_BY_RX, claims } from '../../chaincode/src/stores/claims';
import { CASE_OPEN_BY_DUE } from '../../chaincode/src/stores/cases';
import { ENCOUNTER_BY_PATIENT_DATE } from '../../chaincode/src/stores/encounters';
import { RX_BY_PATIENT_DATE } from '../../chaincode/src/stores/prescriptions';
import type { FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { SH, expectRefusal, people, seedPolicies } from '../support/insurance-fixtures';
import { adminOf, memberLedger } from '../support/membership-fixtures';
import { SH_PATIENT, encounterClaim, paidClaim, reviewedClaim, seedPrescription, seedStoryWorld, storyCalls } from '../support/settlement-fixtures';

/** The date-keyed indexes stop 17 added: a ledger written before it lacks their entries. */
const STOP_17 = [RX_BY_PATIENT_DATE, ENCOUNTER_BY_PATIENT_DATE, CLAIM_BY_PATIENT_VISIT_DATE, CLAIM_BY_RX, CASE_OPEN_BY_DUE];

describe('Maintenance: rebuilding an index for an upgraded ledger', () => {
  let ledger: FakeLedger;
  const contract = new MaintenanceContract();
  const investigation = new InvestigationContract();
  const admin = adminOf('RegulatorMSP');
  const run = <X extends AnyTx>(who: FakeIdentity, tx: X, args: object): Promise<ResultOf<X>> =>
    ledger.tx(who, (ctx: Context) => (contract as unknown as Record<string, (c: Context, a: string) => Promise<ResultOf<X>>>)[tx.fn](ctx, JSON.stringify(args)));
  const entriesOf = (index: string) => new Map([...ledger.state].filter(([key]) => key.startsWith(`\u0000${index}\u0000`)).map(([k, v]) => [k, Buffer.from(v).toString('hex')]));

  /** The route's loop: a page of ids (read-only), then a rebuild of those ids, until the last page. */
  async function rebuildAll(index: string, pageSize: number): Promise<{ pages: number; written: number }> {
    let bookmark = '';
    let pages = 0;
    let written = 0;
    do {
      const page = await run(admin, MaintenanceApi.IndexPage, { index, pageSize, ...(bookmark ? { bookmark } : {}) });
      if (page.ids.length) written += (await run(admin, MaintenanceApi.RebuildIndex, { index, ids: page.ids })).written;
      bookmark = page.bookmark;
      pages++;
    } while (bookmark);
    return { pages, written };
  }

  beforeEach(async () => {
    ledger = await memberLedger();
    ledger.nowMs = Date.parse('2026-03-03T02:00:00Z');
    await seedPolicies(ledger);
    await seedStoryWorld(ledger);
    const story = storyCalls(() => ledger);
    for (let i = 1; i <= 3; i++) await seedPrescription(ledger, `RX-${i}`, SH_PATIENT);
    await story.submit(people.hospitalAdmin, encounterClaim());
    await story.submit(people.hospitalAdmin, encounterClaim({ claimId: 'C-SH-2', refId: 'ENC-SH-2', invoiceHash: 'b'.repeat(64), serviceDate: '2026-03-01' }));
    await paidClaim(ledger, reviewedClaim('C-PAID-1', SH, SH, 50_000));
    // A claim billing prescriptions' drugs (claim-by-rx), written as the Claim contract would.
    await ledger.tx(people.hospitalAdmin, async (ctx) => {
      const c = await claims.mustGet(ctx, 'C-SH-1');
      await claims.save(ctx, { ...c, rxIds: ['RX-1', 'RX-2'] }, c);
    });
    for (const caseId of ['CASE-1', 'CASE-2']) {
      await ledger.tx(people.investigator, (ctx) => investigation.Open(ctx, JSON.stringify({ caseId, region: SH, fraudType: 'fakeInvoice', allegation: 'a', subjects: [{ kind: 'institution', id: 'H310001' }] })));
    }
  });

  it('rebuilds each of stop 17’s indexes deleted from the ledger exactly, page by page; a second run writes nothing', async () => {
    for (const index of STOP_17) {
      const before = entriesOf(index);
      expect(before.size, `${index} has entries to lose`).to.be.greaterThan(0);
      for (const key of before.keys()) ledger.state.delete(key);
      expect(entriesOf(index).size).to.equal(0);
      const first = await rebuildAll(index, 2);
      expect(entriesOf(index), index).to.deep.equal(before);
      expect(first.written, index).to.equal(before.size);
      const again = await rebuildAll(index, 2);
      expect(again, `${index} again`).to.deep.include({ written: 0, pages: first.pages });
      expect(entriesOf(index)).to.deep.equal(before);
    }
  });

  it('restores only the missing entries of a partly kept index, and reports ids that name no record', async () => {
    const before = entriesOf(RX_BY_PATIENT_DATE);
    const [lost] = before.keys();
    ledger.state.delete(lost);
    const rebuilt = await run(admin, MaintenanceApi.RebuildIndex, { index: RX_BY_PATIENT_DATE, ids: ['RX-1', 'RX-2', 'RX-3', 'RX-NONE'] });
    expect(rebuilt).to.deep.equal({ index: RX_BY_PATIENT_DATE, docType: 'prescription', records: 4, written: 1, missing: ['RX-NONE'] });
    expect(entriesOf(RX_BY_PATIENT_DATE)).to.deep.equal(before);
    expect(ledger.lastEvent?.payload).to.include({ index: RX_BY_PATIENT_DATE, written: 1 });
  });

  it('pages a store’s record ids in key order and refuses unknown indexes and non-admins', async () => {
    const all = [...ledger.state.keys()].filter((k) => k.startsWith('\u0000prescription\u0000')).map((k) => k.split('\u0000')[2]).sort();
    expect(all.length).to.be.greaterThan(3);
    const first = await run(admin, MaintenanceApi.IndexPage, { index: RX_BY_PATIENT_DATE, pageSize: 3 });
    expect(first).to.include({ index: RX_BY_PATIENT_DATE, docType: 'prescription' });
    expect(first.ids).to.deep.equal(all.slice(0, 3));
    const second = await run(admin, MaintenanceApi.IndexPage, { index: RX_BY_PATIENT_DATE, pageSize: 100, bookmark: first.bookmark });
    expect(second).to.deep.include({ ids: all.slice(3), bookmark: '' });
    await expectRefusal(run(admin, MaintenanceApi.IndexPage, { index: 'no-such-index' }), 'VALIDATION', /index/);
    await expectRefusal(run(admin, MaintenanceApi.RebuildIndex, { index: CLAIM_BY_RX, ids: [] }), 'VALIDATION', /ids/);
    await expectRefusal(run(people.investigator, MaintenanceApi.RebuildIndex, { index: CLAIM_BY_RX, ids: ['C-SH-1'] }), 'FORBIDDEN');
  });
});
