import { StatusCode } from '@hyperledger/fabric-gateway';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { RestClient } from '../../bench/clients';
import { rssKiBOf } from '../../bench/proc';
import { contractClient } from '../../gateway-api/src/fabric/contract-client';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { reloadNetwork } from '../../gateway-api/src/fabric/network-reload';
import type { ClearingResult, BatchRecord } from '../../chaincode/src/model/batch';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { FilingRecord } from '../../chaincode/src/model/filing';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import type { FundFlow } from '../../chaincode/src/model/trace';
import type { PaymentResult } from '../../chaincode/src/model/transfer';
import { chinaToday } from '../../scripts/demo/api';
import { EXTRA_WORKDAYS, HOLIDAYS, policy } from '../../scripts/demo/seed';
import { loadRunDefinition, peerOrgs, runDefinitionFile } from '../../scripts/network/definition';
import { sleep, suiteGateway, writeLoad, type Outcome } from '../support/faults';
import { appCall, gatewayDeps, gatewayDir, runDir, tokenOf, uniqueId, userOf } from '../support/network';

const root = path.resolve(__dirname, '..', '..');
const GUANGDONG = path.join(root, 'network', 'orgs', 'guangdong-insurer.yaml');

/** Runs a script of the project without blocking this process (the write load keeps going). */
function run(args: string[]): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', args, { cwd: root, env: { ...process.env, RXCHAIN_RUN_DIR: runDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output, ms: Date.now() - started }));
  });
}

async function heights(): Promise<Record<string, number>> {
  const { code, output } = await run([path.join(root, 'scripts', 'network.sh'), 'heights']);
  expect(code, output).to.equal(0);
  return Object.fromEntries(output.trim().split('\n').map((l) => l.split(' ')).map(([org, h]) => [org, Number(h)]));
}

/** Resident memory of a tracked process, from /proc. */
function rssMiB(name: string): number {
  const pid = fs.readFileSync(path.join(runDir, 'pids', `${name}.pid`), 'utf8').split('\n')[0];
  return Math.round(rssKiBOf(fs.readFileSync(`/proc/${pid}/status`, 'utf8')) / 1024);
}

describe('a Guangdong insurance office joins the running network (org:add, integration)', () => {
  const gateway = suiteGateway();

  it('refuses the update when only a minority of the member orgs’ admins signed it, and the channel stays as it was', async function () {
    this.timeout(300_000);
    const before = fs.readFileSync(runDefinitionFile(runDir), 'utf8');
    const res = await run([path.join(root, 'scripts', 'org-add.sh'), GUANGDONG, '--signers', 'hospital,pharmacy']);
    expect(res.code, res.output).to.equal(1);
    expect(res.output).to.include('the orderers refused the update submitted by pharmacy with the signatures of hospital pharmacy (2 of 5 member orgs; the channel needs 3)');
    expect(fs.readFileSync(runDefinitionFile(runDir), 'utf8')).to.equal(before);
    expect(Object.keys(await heights())).to.deep.equal(['hospital', 'pharmacy', 'insurersh', 'insurerbj', 'regulator']);
  });

  it('adds the office while writes go on: every acknowledged write is on the ledger once; a second run changes nothing', async function () {
    this.timeout(900_000);
    // The gateway as npm start runs it (a tracked process), to see org:add tell it about the office.
    const started = await run([path.join(root, 'scripts', 'gateway.sh'), 'start']);
    expect(started.code, started.output).to.equal(0);
    let stopAt = Number.POSITIVE_INFINITY;
    const load: Promise<Outcome> = writeLoad(gateway.client, 'hospitaladmin', 3, () => stopAt);
    await sleep(3_000);
    const addedAt = Date.now();
    const res = await run([path.join(root, 'scripts', 'org-add.sh'), GUANGDONG]);
    const doneAt = Date.now();
    stopAt = doneAt + 5_000;
    const outcome = await load;
    expect(res.code, res.output).to.equal(0);
    // Its steps with their times, for the record.
    console.log(res.output.trim().split('\n').filter((l) => /^\[\d\d:\d\d:\d\d\]/.test(l)).map((l) => `        ${l}`).join('\n'));
    console.log(`      org:add on the running network under write load: ${(res.ms / 1000).toFixed(1)} s ` +
      `(after the refused attempt had started the office's CA and peer); ${outcome.acked.length} writes acknowledged meanwhile, ${outcome.failures.length} answered with an error`);
    expect(res.output).to.match(/hospital signed \S+update\.pb\n.*pharmacy signed \S+update\.pb\n.*insurersh signed and submitted: InsurerGDMSP is a member of rxchannel \(signed by hospital pharmacy insurersh, 3 of 5\)/);

    // The running gateway process was sent SIGHUP: the office's insurer is known to it, no restart.
    expect(res.output).to.include('told the running gateway (SIGHUP)');
    const gatewayPort = 3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0);
    const viaProcess = new RestClient(`http://127.0.0.1:${gatewayPort}`, 2);
    try {
      const membership = await viaProcess.call<{ members: { mspId: string; region?: string }[] }>('GET', '/membership', tokenOf('insurer-gd'));
      expect(membership.members).to.deep.include({ mspId: 'InsurerGDMSP', kind: 'insurer', region: '440000', roles: ['admin', 'insurer'] });
    } finally {
      viaProcess.close();
      const stopped = await run([path.join(root, 'scripts', 'gateway.sh'), 'stop']);
      expect(stopped.code, stopped.output).to.equal(0);
    }
    // The in-process gateway learns the new peer and users the same way.
    const deps = gatewayDeps();
    expect(reloadNetwork(gatewayDir, deps.profile, deps.identities, deps.ledger)).to.deep.equal(['insurergd']);
    expect(deps.identities.user('insurer-gd')).to.deep.include({ org: 'insurergd', mspId: 'InsurerGDMSP' });

    expect(outcome.acked.filter((a) => a.at < addedAt).length, 'writes before org:add').to.be.greaterThan(0);
    expect(outcome.acked.filter((a) => a.at > addedAt && a.at < doneAt).length, 'writes during org:add').to.be.greaterThan(0);
    expect(outcome.acked.filter((a) => a.at > doneAt).length, 'writes after org:add').to.be.greaterThan(0);
    // Nothing but "unavailable, retry" or a lost race may reach a client while the channel grows.
    expect(outcome.failures.filter((f) => f.status !== 503 && f.status !== 409), JSON.stringify(outcome.failures.slice(0, 3))).to.deep.equal([]);
    for (const { id } of outcome.acked) {
      const history = await gateway.client.call<unknown[]>('GET', `/records/probe/${id}/history`, tokenOf('investigator1'));
      expect(history.length, id).to.equal(1);
    }

    const definition = fs.readFileSync(runDefinitionFile(runDir), 'utf8');
    expect(peerOrgs(loadRunDefinition(runDir)).map((o) => o.msp)).to.include('InsurerGDMSP').and.have.length(6);
    const again = await run([path.join(root, 'scripts', 'org-add.sh'), GUANGDONG]);
    expect(again.code, again.output).to.equal(0);
    expect(again.output).to.include('insurergd (InsurerGDMSP) is already a member of rxchannel; nothing changed');
    expect(fs.readFileSync(runDefinitionFile(runDir), 'utf8')).to.equal(definition);
  });

  it('the new peer endorses and commits: endorsed by 4 of the 6 orgs (the office among them) a write commits, by 3 of 6 it is invalidated', async () => {
    const probes = contractClient(gatewayDeps().ledger, ProbeApi);
    const four = uniqueId('four-of-six');
    await probes.Write(userOf('hospitaladmin'), { id: four, note: '4 of 6' }, { endorsingOrganizations: ['InsurerGDMSP', 'HospitalMSP', 'PharmacyMSP', 'RegulatorMSP'] });
    // Read back from the office's own peer, as its insurer.
    const read = await gateway.client.call<{ note: string }>('GET', `/probes/${four}`, tokenOf('insurer-gd'));
    expect(read.note).to.equal('4 of 6');

    let failure: unknown;
    try {
      await probes.Write(userOf('hospitaladmin'), { id: uniqueId('three-of-six'), note: '3 of 6' }, { endorsingOrganizations: ['InsurerGDMSP', 'HospitalMSP', 'PharmacyMSP'] });
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(LedgerError);
    expect((failure as LedgerError).failure).to.deep.include({ kind: 'commit-rejected', validationCode: StatusCode.ENDORSEMENT_POLICY_FAILURE });
  });

  it('plays a Guangdong-insured patient treated in Shanghai from filing to clearing, netted with a Beijing one among the three regions', async function () {
    this.timeout(300_000);
    const GUANGDONG = '440000';
    const BEIJING = '110000';
    const SHANGHAI = '310000';
    const today = chinaToday();
    // The office's own reference data, as the seed writes the founding insurers'.
    if ((await appCall<unknown[]>('GET', `/policies/${GUANGDONG}`, 'insurer-gd')).length === 0) {
      await appCall('POST', '/policies', 'insurer-gd', policy(today));
      await appCall('POST', '/calendars', 'insurer-gd', { holidays: HOLIDAYS, extraWorkdays: EXTRA_WORKDAYS });
    }
    /** A patient insured in `region`, filed by its insurer, treated and paid in Shanghai: the paid claim. */
    const treatedInShanghai = async (insurer: 'insurer-gd' | 'insurer-bj', region: string): Promise<ClaimRecord> => {
      const tag = uniqueId(region).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-16);
      const patient = { idType: 'PASSPORT', idNumber: `P${tag}`, name: `Patient ${tag}` };
      const { patientRef } = await appCall<{ patientRef: string }>('POST', '/patients/ref', insurer, { patient });
      await appCall('POST', '/insured-persons', insurer, { patientRef, scheme: 'employee', personalAccountFen: 0 });
      const { filing } = await appCall<{ filing: FilingRecord }>('POST', '/filings', insurer, {
        patientRef, insuredRegion: region, treatmentRegion: SHANGHAI,
        period: { from: today, to: new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10) }, emergencyPostFiled: false,
      });
      expect(filing.insuredRegion).to.equal(region);
      // 30 insulin glargine pens over 90 days (a long prescription for diabetes): ¥1 890, over the deductible.
      const { prescription: rx } = await appCall<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
        patient, kind: 'LONG', chronicDisease: 'E11.9', diagnosisCodes: ['E11.9'], items: [{ drugCode: 'XA10AE04', quantity: 30, dose: '20 IU qn', days: 90 }],
      });
      const { dispense } = await appCall<{ dispense: DispenseRecord }>('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', {
        items: [{ drugCode: 'XA10AE04', quantity: 30 }], feeLines: [{ drugCode: 'XA10AE04', unitPriceFen: 6_300, quantity: 30, amountFen: 189_000 }],
      });
      const { claim } = await appCall<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacyadmin', {
        refType: 'dispense', refId: dispense.dispenseId, invoiceHash: crypto.createHash('sha256').update(`e-invoice ${dispense.dispenseId}`).digest('hex'),
      });
      expect(claim.derivation.insuredPerson.insuredRegion, 'the insured region comes from the insurer’s record on the chain').to.equal(region);
      expect(claim).to.deep.include({ insuredRegion: region, treatmentRegion: SHANGHAI, crossRegion: true });
      if (claim.status !== 'APPROVED') await appCall('POST', `/claims/${claim.claimId}/review`, 'insurer-sh', { decision: 'APPROVED', reason: 'org-add story' });
      const paid = await appCall<PaymentResult>('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${tag}` });
      expect(paid.claim.status).to.equal('REMITTED');
      expect(paid.claim.amounts.fundFen, 'the insured region’s fund owes part of it').to.be.greaterThan(0);
      return paid.claim;
    };
    const guangdong = await treatedInShanghai('insurer-gd', GUANGDONG);
    const beijing = await treatedInShanghai('insurer-bj', BEIJING);

    // One batch among the three regions, netted: each insured region owes Shanghai its fund's part.
    const { batch } = await appCall<{ batch: BatchRecord }>('POST', '/settlement/batches', 'insurer-sh', {
      regions: [GUANGDONG, BEIJING], claimIds: [guangdong.claimId, beijing.claimId],
    });
    await appCall<ClearingResult>('POST', `/settlement/batches/${batch.batchId}/confirmation`, 'insurer-gd', { paymentRef: `GD-BANK-${batch.batchId}`.slice(0, 40) });
    const cleared = await appCall<ClearingResult>('POST', `/settlement/batches/${batch.batchId}/confirmation`, 'insurer-bj', { paymentRef: `BJ-BANK-${batch.batchId}`.slice(0, 40) });
    expect(cleared.batch.status).to.equal('CLEARED');
    expect(cleared.transfers.map((t) => [t.fromParty, t.toParty, t.amountFen])).to.have.deep.members([
      [`fund:${GUANGDONG}`, `fund:${SHANGHAI}`, guangdong.amounts.fundFen],
      [`fund:${BEIJING}`, `fund:${SHANGHAI}`, beijing.amounts.fundFen],
    ]);
    const flow = await appCall<FundFlow>('GET', `/trace/claims/${guangdong.claimId}/fund-flow`, 'investigator1');
    expect(flow.batch?.batchId).to.equal(batch.batchId);
    console.log(`      story: ${guangdong.claimId} (Guangdong fund ${guangdong.amounts.fundFen} fen) and ${beijing.claimId} (Beijing fund ${beijing.amounts.fundFen} fen) paid in Shanghai, ` +
      `cleared in ${batch.batchId}: ${cleared.transfers.map((t) => `${t.fromParty} → ${t.toParty} ${t.amountFen}`).join(', ')}`);
  });

  it('all six peers reach the same height; the office’s processes and their memory', async () => {
    let h: Record<string, number> = {};
    for (let i = 0; i < 50; i++) {
      h = await heights();
      if (new Set(Object.values(h)).size === 1) break;
      await sleep(200);
    }
    expect(Object.keys(h)).to.deep.equal(['hospital', 'pharmacy', 'insurersh', 'insurerbj', 'regulator', 'insurergd']);
    expect(new Set(Object.values(h)).size, JSON.stringify(h)).to.equal(1);
    const rss = Object.fromEntries(['ca-insurergd', 'peer-insurergd', 'cc-insurergd'].map((n) => [n, rssMiB(n)]));
    console.log(`      block heights: ${JSON.stringify(h)}; RSS of the office's processes (MiB): ${JSON.stringify(rss)}, total ${Object.values(rss).reduce((a, b) => a + b, 0)}`);
  });
});
