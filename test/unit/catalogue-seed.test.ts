/** The demo catalogue seed: valid data, sealed in batches, idempotent, and catalogues of any size on demand. */
import { expect } from 'chai';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError, type ErrorCode } from '../../chaincode/src/ledger/errors';
import type { Call, CallError } from '../../scripts/demo/api';
import { CORE_DRUGS, DEMO_DRUGS, catalogueOfSize, seedCatalogue } from '../../scripts/demo/seed-catalogue';
import { FakeLedger } from '../support/fake-ledger';
import { people, rxcc } from '../support/rx-fixtures';
import { memberLedger } from '../support/membership-fixtures';

const STATUS: Record<ErrorCode, number> = { VALIDATION: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RULE: 422 };

/** The seed's REST calls, answered by the Catalogue contract on a fake ledger as the insurer; `fail` may break one call. */
function callOn(ledger: FakeLedger, fail: (path: string) => boolean = () => false): { call: Call; paths: string[] } {
  const paths: string[] = [];
  const route = (method: string, path: string, body: Record<string, unknown>): ((ctx: Context) => Promise<unknown>) => {
    const cat = rxcc.catalogue;
    if (method === 'GET' && path === '/catalogue') return (ctx) => cat.GetVersionInForce(ctx, '{}');
    if (path === '/catalogue/versions') return (ctx) => cat.OpenVersion(ctx, JSON.stringify(body));
    const [, versionId, what] = /^\/catalogue\/versions\/([^/]+)\/(drugs|seal)$/.exec(path) ?? [];
    if (what === 'drugs') return (ctx) => cat.AddDrugs(ctx, JSON.stringify({ versionId, ...body }));
    if (what === 'seal') return (ctx) => cat.SealVersion(ctx, JSON.stringify({ versionId }));
    throw new Error(`no route ${method} ${path}`);
  };
  const call = (async (method: string, path: string, _user: string, body: Record<string, unknown> = {}) => {
    paths.push(`${method} ${path}`);
    if (fail(path)) throw Object.assign(new Error('gateway down'), { status: 500 });
    try {
      return await ledger.tx(people.insurerSH, route(method, path, body));
    } catch (err) {
      if (err instanceof ChaincodeError) throw Object.assign(new Error(err.message), { status: STATUS[err.code] }) as CallError;
      throw err;
    }
  }) as Call;
  return { call, paths };
}

describe('demo catalogue seed', () => {
  it('lists at least 40 real drugs, keeps the five codes the tests use, and spans every class', () => {
    expect(DEMO_DRUGS.length).to.be.at.least(40);
    expect(CORE_DRUGS.map((d) => d.drugCode)).to.deep.equal(['XA10BA02', 'XC09AA02', 'XC09AA05', 'XJ01CA04', 'XL01XC07']);
    expect(new Set(DEMO_DRUGS.map((d) => d.drugCode)).size).to.equal(DEMO_DRUGS.length);
    const classes = new Set(DEMO_DRUGS.map((d) => d.coverage.class));
    expect([...classes].sort()).to.deep.equal(['A', 'B', 'C', 'NONE']);
    const enalapril = DEMO_DRUGS.find((d) => d.drugCode === 'XC09AA02');
    expect(enalapril?.coverage.paymentStandardFen, 'tens of fen a tablet under volume-based procurement').to.be.within(10, 99);
    expect(DEMO_DRUGS.find((d) => d.drugCode === 'XL01XC07')?.coverage.class).to.equal('NONE');
    for (const d of DEMO_DRUGS.filter((x) => x.coverage.class === 'B')) expect(d.coverage.selfPayRatioBp, d.drugCode).to.be.within(500, 3000);
  });

  it('makes deterministic catalogues of exactly n drugs whose substitutes stay inside', () => {
    for (const n of [1, 5, 59, 60, 3000]) {
      const list = catalogueOfSize(n);
      const codes = new Set(list.map((d) => d.drugCode));
      expect(codes.size, `${n}`).to.equal(n);
      for (const d of list) for (const s of d.substitutes) expect(codes.has(s), `${d.drugCode} → ${s}`).to.equal(true);
    }
    expect(catalogueOfSize(3000)).to.deep.equal(catalogueOfSize(3000));
    expect(catalogueOfSize(5).map((d) => d.drugCode)).to.deep.equal(CORE_DRUGS.map((d) => d.drugCode));
    expect(() => catalogueOfSize(0)).to.throw(RangeError);
    expect(() => catalogueOfSize(5001)).to.throw(RangeError);
  });

  it('opens a version effective today, uploads in batches of 200, seals it, and resumes after a failure', async () => {
    const ledger = await memberLedger();
    ledger.nowMs = Date.now();
    const drugs = catalogueOfSize(450);
    const broken = callOn(ledger, (path) => path.endsWith('/drugs') && broken.paths.filter((p) => p.endsWith('/drugs')).length === 2);
    let failure: unknown;
    await seedCatalogue(broken.call, () => undefined, drugs).catch((err: unknown) => (failure = err));
    expect(String(failure)).to.match(/catalogue drugs 201-400 of 450 failed/);

    const log: string[] = [];
    const rerun = callOn(ledger);
    await seedCatalogue(rerun.call, (line) => log.push(line), drugs);
    const versionId = /CAT-\d{4}-\d{2}-\d{2}/.exec(log[0])?.[0];
    expect(log.slice(1)).to.deep.equal([
      'catalogue drugs 1-200 of 450: already there',
      'seeded catalogue drugs 201-400 of 450',
      'seeded catalogue drugs 401-450 of 450',
      `seeded catalogue version ${versionId} sealed`,
    ]);
    expect(log[0]).to.match(/^catalogue version CAT-\d{4}-\d{2}-\d{2}: already there$/);
    const inForce = await ledger.tx(people.doctor, (ctx) => rxcc.catalogue.GetVersionInForce(ctx, '{}'));
    expect(inForce).to.deep.include({ status: 'SEALED', drugCount: 450, drugsAdded: 450 });

    const again: string[] = [];
    const third = callOn(ledger);
    await seedCatalogue(third.call, (line) => again.push(line));
    expect(again).to.deep.equal(['drug catalogue: a version is in force already']);
    expect(third.paths).to.deep.equal(['GET /catalogue']);
  });

  it('seals the demo list as it is', async () => {
    const ledger = await memberLedger();
    ledger.nowMs = Date.now();
    await seedCatalogue(callOn(ledger).call);
    const version = await ledger.tx(people.pharmacist, (ctx) => rxcc.catalogue.GetVersionInForce(ctx, '{}'));
    expect(version).to.deep.include({ status: 'SEALED', drugsAdded: DEMO_DRUGS.length });
    const enalapril = await ledger.tx(people.pharmacist, (ctx) => rxcc.catalogue.GetDrug(ctx, JSON.stringify({ drugCode: 'XC09AA02' })));
    expect(enalapril.drug).to.deep.include({ substitutes: ['XC09AA05'], coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 28 } });
  });
});
