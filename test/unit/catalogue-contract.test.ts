import { expect } from 'chai';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { catalogueV1, expectCode, people, rxcc, seededLedger } from '../support/rx-fixtures';

const drug = (drugCode: string) => JSON.stringify({ drugCode });

describe('Catalogue contract', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  const publish = (version: object, who: FakeIdentity = people.insurerSH) => ledger.tx(who, (ctx) => rxcc.catalogue.PublishVersion(ctx, JSON.stringify(version)));
  const v2 = { ...catalogueV1, versionId: 'CAT-2026-03', effectiveFrom: '2026-03-10', drugs: catalogueV1.drugs.map((d) => (d.drugCode === 'AMLO5' ? { ...d, selfPayRatioBp: 3000 } : d)) };

  it('switches to a new version at 00:00 China time on its effectiveFrom', async () => {
    await publish(v2);
    ledger.nowMs = Date.parse('2026-03-09T15:59:59.999Z');
    expect((await ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetVersionInForce(ctx, '{}'))).versionId).to.equal('CAT-2026-01');
    expect((await ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetDrug(ctx, drug('AMLO5')))).drug.selfPayRatioBp).to.equal(1000);
    ledger.nowMs = Date.parse('2026-03-09T16:00:00.000Z');
    const lookup = await ledger.tx(people.pharmacist, (ctx) => rxcc.catalogue.GetDrug(ctx, drug('AMLO5')));
    expect(lookup).to.deep.include({ catalogueVersion: 'CAT-2026-03', effectiveFrom: '2026-03-10' });
    expect(lookup.drug.selfPayRatioBp).to.equal(3000);
  });

  it('records the publisher and emits one event', async () => {
    const record = await publish(v2);
    expect(record.published.by).to.include({ mspId: 'InsurerSHMSP', role: 'insurer' });
    expect(ledger.lastEvent?.payload).to.deep.include({ versionId: 'CAT-2026-03', effectiveFrom: '2026-03-10', drugCount: 5 });
  });

  it('lets only insurers publish, never retroactively, never twice for one id or one day', async () => {
    await expectCode(publish(v2, people.doctor), 'FORBIDDEN');
    await expectCode(publish(v2, people.regulatorAdmin), 'FORBIDDEN');
    await expectCode(publish({ ...v2, effectiveFrom: '2026-02-28' }), 'RULE', /retroactive/);
    await expectCode(publish({ ...v2, effectiveFrom: '2026-03-01' }), 'RULE', /CAT-2026-01 is in force today/);
    await publish(v2);
    await expectCode(publish(v2), 'CONFLICT', /CAT-2026-03 already exists/);
    await expectCode(publish({ ...v2, versionId: 'CAT-X' }), 'CONFLICT', /already takes effect on 2026-03-10/);
  });

  it('answers NOT_FOUND for unlisted drugs and when nothing is in force', async () => {
    await expectCode(ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetDrug(ctx, drug('NOPE'))), 'NOT_FOUND', /NOPE is not listed/);
    const empty = new FakeLedger();
    await expectCode(empty.tx(people.doctor, (ctx) => rxcc.catalogue.GetVersionInForce(ctx, '{}')), 'NOT_FOUND', /no drug catalogue version is in force/);
  });

  it('reads any version by id, and refuses bad ids and stray fields', async () => {
    await publish(v2);
    const read = (args: object) => ledger.tx(people.investigator, (ctx) => rxcc.catalogue.GetVersion(ctx, JSON.stringify(args)));
    expect((await read({ versionId: 'CAT-2026-03' })).effectiveFrom).to.equal('2026-03-10');
    expect((await read({ versionId: 'CAT-2026-01' })).drugs).to.have.length(5);
    await expectCode(read({ versionId: 'CAT-404' }), 'NOT_FOUND', /catalogue CAT-404 does not exist/);
    await expectCode(read({}), 'VALIDATION', /versionId: is required/);
    await expectCode(ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetVersionInForce(ctx, '{"at":"2026-01-01"}')), 'VALIDATION', /at: is not an allowed field/);
    await expectCode(ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetDrug(ctx, drug('AM LO'))), 'VALIDATION', /drugCode: must be 1-40 letters/);
  });

  it('records left-out substitutes as none and monitored as false, and refuses cross-field errors before any state', async () => {
    const bare = { drugCode: 'X1', name: 'x', genericGroup: 'G', inCatalogue: true, selfPayRatioBp: 0 };
    const record = await publish({ ...v2, drugs: [bare] });
    expect(record.drugs).to.deep.equal([{ ...bare, substitutes: [], monitored: false }]);
    await expectCode(publish({ ...v2, versionId: 'CAT-Y', effectiveFrom: '2026-03-11', drugs: [bare, bare] }), 'VALIDATION', /drugs\[1\]\.drugCode: repeats the drug of drugs\[0\]/);
  });
});
