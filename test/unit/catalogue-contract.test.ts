import { expect } from 'chai';
import { CATALOGUE_BY_EFFECTIVE } from '../../chaincode/src/stores/catalogue';
import { type FakeIdentity, FakeLedger } from '../support/fake-ledger';
import { catalogueV1, drugs, expectCode, limits, people, publishCatalogue, rxcc, seededLedger } from '../support/rx-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const cat = rxcc.catalogue;
const json = JSON.stringify;

describe('Catalogue contract', () => {
  let ledger: FakeLedger;
  beforeEach(async () => {
    ledger = await seededLedger();
  });

  const v2 = { versionId: 'CAT-2026-03', effectiveFrom: '2026-03-10', limits };
  const v2Drugs = drugs.map((d) => (d.drugCode === 'AMLO5' ? { ...d, coverage: { ...d.coverage, selfPayRatioBp: 3000 } } : d));
  const open = (version: object, who: FakeIdentity = people.insurerSH) => ledger.tx(who, (ctx) => cat.OpenVersion(ctx, json(version)));
  const add = (versionId: string, list: object[], who: FakeIdentity = people.insurerSH) => ledger.tx(who, (ctx) => cat.AddDrugs(ctx, json({ versionId, drugs: list })));
  const seal = (versionId: string, who: FakeIdentity = people.insurerSH) => ledger.tx(who, (ctx) => cat.SealVersion(ctx, json({ versionId })));
  const getDrug = (args: object, who: FakeIdentity = people.doctor) => ledger.tx(who, (ctx) => cat.GetDrug(ctx, json(args)));
  const inForce = () => ledger.tx(people.doctor, (ctx) => cat.GetVersionInForce(ctx, '{}'));
  /** Every sealed-version index entry, as [effectiveFrom, versionId]. */
  const sealedIndex = () => [...ledger.state.keys()].filter((k) => k.startsWith(`\u0000${CATALOGUE_BY_EFFECTIVE}\u0000`)).map((k) => k.split('\u0000').slice(2, -1));

  it('switches to a new sealed version at 00:00 China time on its effectiveFrom', async () => {
    await publishCatalogue(ledger, v2, v2Drugs);
    ledger.nowMs = Date.parse('2026-03-09T15:59:59.999Z');
    expect((await inForce()).versionId).to.equal('CAT-2026-01');
    expect((await getDrug({ drugCode: 'AMLO5' })).drug.coverage.selfPayRatioBp).to.equal(1000);
    ledger.nowMs = Date.parse('2026-03-09T16:00:00.000Z');
    const lookup = await getDrug({ drugCode: 'AMLO5' }, people.pharmacist);
    expect(lookup).to.deep.include({ catalogueVersion: 'CAT-2026-03', effectiveFrom: '2026-03-10' });
    expect(lookup.drug.coverage).to.deep.equal({ class: 'B', selfPayRatioBp: 3000, paymentStandardFen: 150 });
    expect((await getDrug({ drugCode: 'AMLO5', versionId: 'CAT-2026-01' })).drug.coverage.selfPayRatioBp, 'an older version by id').to.equal(1000);
  });

  it('opens, fills in batches and seals a version, stamping each step and emitting one event each', async () => {
    const opened = await open({ ...v2, drugCount: 5 });
    expect(opened).to.deep.include({ status: 'OPEN', drugCount: 5, drugsAdded: 0, byClass: { A: 0, B: 0, C: 0, NONE: 0 } });
    expect(opened.opened.by).to.include({ mspId: 'InsurerSHMSP', role: 'insurer' });
    expect(ledger.lastEvent).to.deep.include({ name: 'CatalogueVersionOpened' });
    expect(ledger.lastEvent?.payload).to.deep.include({ versionId: 'CAT-2026-03', effectiveFrom: '2026-03-10', drugCount: 5 });

    const first = await add('CAT-2026-03', v2Drugs.slice(0, 3));
    expect(first).to.deep.include({ drugsAdded: 3, byClass: { A: 1, B: 2, C: 0, NONE: 0 } });
    expect(ledger.lastEvent?.payload).to.deep.include({ versionId: 'CAT-2026-03', added: 3, drugsAdded: 3, drugCount: 5 });
    await add('CAT-2026-03', v2Drugs.slice(3));

    ledger.nowMs = Date.parse('2026-03-10T04:00:00Z');
    expect((await inForce()).versionId, 'an open version is never in force').to.equal('CAT-2026-01');
    ledger.nowMs = Date.parse('2026-03-05T04:00:00Z');
    const sealed = await seal('CAT-2026-03');
    expect(sealed).to.deep.include({ status: 'SEALED', drugsAdded: 5, byClass: { A: 1, B: 3, C: 0, NONE: 1 } });
    expect(sealed.sealed?.at).to.equal('2026-03-05T04:00:00.000Z');
    expect(ledger.lastEvent?.name).to.equal('CatalogueVersionSealed');
    expect(sealedIndex().sort()).to.deep.equal([['2026-02-01', 'CAT-2026-01'], ['2026-03-10', 'CAT-2026-03']]);
    const header = await ledger.tx(people.investigator, (ctx) => cat.GetVersion(ctx, json({ versionId: 'CAT-2026-03' })));
    expect(header).not.to.have.property('drugs');
  });

  it('lets only insurers open, never retroactively, never twice for one id or one day', async () => {
    const v = { ...v2, drugCount: 5 };
    await expectCode(open(v, people.doctor), 'FORBIDDEN');
    await expectCode(open(v, people.regulatorAdmin), 'FORBIDDEN');
    await expectCode(open({ ...v, effectiveFrom: '2026-02-28' }), 'RULE', /retroactive/);
    await expectCode(open({ ...v, effectiveFrom: '2026-03-01' }), 'RULE', /CAT-2026-01 is in force today/);
    await open(v);
    await expectCode(open(v), 'CONFLICT', /CAT-2026-03 already exists/);
    await expectCode(open({ ...v, versionId: 'CAT-X', effectiveFrom: '2026-02-01' }), 'RULE', /retroactive/);
    await expectCode(open({ ...catalogueV1, versionId: 'CAT-Y', effectiveFrom: '2026-04-01' }, people.pharmacist), 'FORBIDDEN');
  });

  it('seals only a complete version whose substitutes it lists, not after its start date, and not onto a day taken', async () => {
    await open({ ...v2, drugCount: 5 });
    await add('CAT-2026-03', v2Drugs.slice(0, 4));
    await expectCode(seal('CAT-2026-03'), 'CONFLICT', /lists 4 of its 5 drugs/);
    await add('CAT-2026-03', v2Drugs.slice(4));
    await expectCode(seal('CAT-2026-03', people.insurerBJ), 'FORBIDDEN', /opened by InsurerSHMSP/);
    ledger.nowMs = Date.parse('2026-03-10T01:00:00Z');
    await expectCode(seal('CAT-2026-03'), 'RULE', /CAT-2026-01 is in force today/);
    ledger.nowMs = Date.parse('2026-03-11T01:00:00Z');
    await expectCode(seal('CAT-2026-03'), 'RULE', /retroactive/);

    ledger.nowMs = Date.parse('2026-03-01T08:00:00Z');
    await open({ versionId: 'CAT-SUB', effectiveFrom: '2026-04-01', limits, drugCount: 2 });
    await add('CAT-SUB', [drugs[0], { ...drugs[2], substitutes: ['GONE', 'AMLO5'] }]);
    await expectCode(seal('CAT-SUB'), 'RULE', /does not list AMLO5-G \(substitute of AMLO5\), GONE \(substitute of MET500\)$/);

    await publishCatalogue(ledger, { versionId: 'CAT-A', effectiveFrom: '2026-05-01', limits }, drugs);
    await expectCode(open({ versionId: 'CAT-B', effectiveFrom: '2026-05-01', limits, drugCount: 5 }), 'CONFLICT', /CAT-A already takes effect on 2026-05-01/);
    await expectCode(seal('CAT-A'), 'CONFLICT', /CAT-A is sealed/);
  });

  it('refuses a batch that repeats a drug, lists one again, outgrows the version, comes from another insurer or after sealing', async () => {
    await open({ ...v2, drugCount: 5 });
    await expectCode(add('CAT-2026-03', [drugs[0], drugs[0]]), 'VALIDATION', /drugs\[1\]\.drugCode: repeats the drug of drugs\[0\]/);
    await add('CAT-2026-03', drugs.slice(0, 2));
    const before = [...ledger.state.keys()].length;
    await expectCode(add('CAT-2026-03', drugs.slice(1, 3)), 'CONFLICT', /already lists AMLO5-G/);
    expect([...ledger.state.keys()].length, 'the refused batch wrote nothing, not even MET500').to.equal(before);
    await expectCode(add('CAT-2026-03', [...drugs.slice(2), { ...drugs[0], drugCode: 'EXTRA' }]), 'CONFLICT', /opened for 5 drugs; it lists 2 and this batch of 4 would make 6/);
    await expectCode(add('CAT-2026-03', drugs.slice(2), people.insurerBJ), 'FORBIDDEN', /only it may upload/);
    await expectCode(add('CAT-404', drugs.slice(2)), 'NOT_FOUND', /catalogue CAT-404 does not exist/);
    expect((await add('CAT-2026-03', drugs.slice(2))).drugsAdded, 'exactly the declared count').to.equal(5);
    await seal('CAT-2026-03');
    await expectCode(add('CAT-2026-03', [{ ...drugs[0], drugCode: 'LATE' }]), 'CONFLICT', /sealed; its drugs can no longer change/);
  });

  it('answers NOT_FOUND for unlisted drugs, unknown versions and when nothing is in force', async () => {
    await expectCode(getDrug({ drugCode: 'NOPE' }), 'NOT_FOUND', /NOPE is not listed in catalogue version CAT-2026-01/);
    await expectCode(getDrug({ drugCode: 'AMLO5', versionId: 'CAT-404' }), 'NOT_FOUND', /catalogue CAT-404 does not exist/);
    const empty = await memberLedger();
    await expectCode(empty.tx(people.doctor, (ctx) => cat.GetVersionInForce(ctx, '{}')), 'NOT_FOUND', /no drug catalogue version is in force/);
    await expectCode(empty.tx(people.doctor, (ctx) => cat.GetDrug(ctx, json({ drugCode: 'AMLO5' }))), 'NOT_FOUND', /no drug catalogue version is in force/);
  });

  it('pages a version’s drugs in code order', async () => {
    const list = (args: object) => ledger.tx(people.pharmacist, (ctx) => cat.ListDrugs(ctx, json(args)));
    const first = await list({ versionId: 'CAT-2026-01', pageSize: 2 });
    expect(first.records.map((d) => d.drugCode)).to.deep.equal(['AMLO5', 'AMLO5-G']);
    const rest = await list({ versionId: 'CAT-2026-01', bookmark: first.bookmark });
    expect(rest.records.map((d) => d.drugCode)).to.deep.equal(['AMOX250', 'INSIMP', 'MET500']);
    expect(rest.bookmark).to.equal('');
    expect(rest.records[1]).to.deep.include({ docType: 'catalogue-drug', versionId: 'CAT-2026-01', coverage: { class: 'NONE', selfPayRatioBp: 10_000 } });
    await expectCode(list({ versionId: 'CAT-404' }), 'NOT_FOUND');
    await expectCode(list({ versionId: 'CAT-2026-01', pageSize: 201 }), 'VALIDATION', /pageSize: must be a page size from 1 to 200/);
  });

  it('reads any version by id, and refuses bad ids and stray fields', async () => {
    await publishCatalogue(ledger, v2, v2Drugs);
    const read = (args: object) => ledger.tx(people.investigator, (ctx) => cat.GetVersion(ctx, json(args)));
    expect((await read({ versionId: 'CAT-2026-03' })).effectiveFrom).to.equal('2026-03-10');
    expect(await read({ versionId: 'CAT-2026-01' })).to.deep.include({ drugCount: 5, drugsAdded: 5, status: 'SEALED' });
    await expectCode(read({ versionId: 'CAT-404' }), 'NOT_FOUND', /catalogue CAT-404 does not exist/);
    await expectCode(read({}), 'VALIDATION', /versionId: is required/);
    await expectCode(ledger.tx(people.doctor, (ctx) => cat.GetVersionInForce(ctx, '{"at":"2026-01-01"}')), 'VALIDATION', /at: is not an allowed field/);
    await expectCode(getDrug({ drugCode: 'AM LO' }), 'VALIDATION', /drugCode: must be 1-40 letters/);
  });

  it('records left-out substitutes as none, monitored as false and the ratio the class fixes', async () => {
    await open({ ...v2, drugCount: 2 });
    const bare = { drugCode: 'X1', name: 'x', genericGroup: 'G', coverage: { class: 'A', paymentStandardFen: 10 } };
    await add('CAT-2026-03', [bare, { ...bare, drugCode: 'X2', coverage: { class: 'C' } }]);
    const got = await getDrug({ drugCode: 'X1', versionId: 'CAT-2026-03' });
    expect(got.drug).to.deep.equal({ docType: 'catalogue-drug', versionId: 'CAT-2026-03', drugCode: 'X1', name: 'x', genericGroup: 'G', coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 10 }, substitutes: [], monitored: false });
    expect((await getDrug({ drugCode: 'X2', versionId: 'CAT-2026-03' })).drug.coverage).to.deep.equal({ class: 'C', selfPayRatioBp: 10_000 });
  });
});
