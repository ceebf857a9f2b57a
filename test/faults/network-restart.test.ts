import path from 'node:path';
import { expect } from 'chai';
import { gatewayDeps, runDir, tokenOf, uniqueId, userOf, type DemoUser } from '../support/network';
import { raftLeader, script, sleep, suiteGateway, waitFor } from '../support/faults';

const ADMINS: DemoUser[] = ['hospitaladmin', 'pharmacyadmin', 'insureradmin-sh', 'insureradmin-bj', 'regulatoradmin'];

/** Every peer's height and newest block hash, each read through its own org's admin. */
async function chains(): Promise<{ height: string; currentBlockHash: string }[]> {
  const { ledger } = gatewayDeps();
  return Promise.all(ADMINS.map((u) => ledger.chainHeight(userOf(u))));
}

describe('the whole network stopped and started again from its run folder (npm stop, npm start)', () => {
  const gateway = suiteGateway();

  it('keeps every peer\'s chain, serves what was written before, and takes new writes', async () => {
    const token = tokenOf('hospitaladmin');
    const written = [uniqueId('before-stop'), uniqueId('before-stop')];
    for (const id of written) await gateway.client.call('POST', '/probes', token, { id, note: 'before the stop' });
    // The write's answer comes when the hospital's peer has committed it; the others may be a block behind.
    let before = await chains();
    await waitFor('every peer at the same block before the stop', async () => new Set((before = await chains()).map((c) => c.currentBlockHash)).size === 1, 30_000);
    expect(new Set(before.map((c) => c.currentBlockHash)).size, 'all peers on one chain before').to.equal(1);

    script(['network.sh', 'down'], path.join(runDir, 'logs', 'peer-hospital.log'));
    script(['network.sh', 'up'], path.join(runDir, 'logs', 'peer-hospital.log'));
    // What npm start runs: the chaincode servers of the committed sequence started again.
    script(['deploy-chaincode.sh', '--ensure'], path.join(runDir, 'logs', 'cc-hospital.log'));

    // The gateway's connections come back on their own; its first calls may still find a peer
    // starting, the orderers electing a Raft leader, or the peers not yet known to each other
    // again (an endorsement then fails with 5xx, as a client would see it and retry).
    let after: Awaited<ReturnType<typeof chains>> | undefined;
    for (let i = 0; i < 60 && !after; i++) after = await chains().catch(() => sleep(1_000).then(() => undefined));
    expect(after, 'every peer answers after the restart').to.deep.equal(before);
    for (const id of written) {
      const read = await gateway.client.call<{ note: string }>('GET', `/probes/${id}`, tokenOf('pharmacist1'));
      expect(read.note).to.equal('before the stop');
    }
    await waitFor('a Raft leader', () => raftLeader().then(() => true, () => false), 60_000);
    const next = uniqueId('after-start');
    const failures: string[] = [];
    await waitFor(
      'a write accepted after the restart',
      () =>
        gateway.client.call('POST', '/probes', token, { id: next, note: 'after the start' }).then(
          () => true,
          (err: { status?: number; message: string }) => {
            // A retry after a write that committed but whose answer was lost is refused as a duplicate: it is there.
            if (err.status === 409) return true;
            expect(err.status ?? 0, err.message).to.be.at.least(500);
            failures.push(`${err.status} ${err.message}`);
            return sleep(1_000).then(() => false);
          },
        ),
      90_000,
    );
    expect(failures.length, `writes refused while the network settled: ${failures.join('; ')}`).to.be.below(60);
    const read = await gateway.client.call<{ note: string }>('GET', `/probes/${next}`, tokenOf('pharmacist1'));
    expect(read.note).to.equal('after the start');
    await waitFor('the new write on every peer', async () => (await chains()).every((c) => BigInt(c.height) > BigInt(before[0].height)), 30_000);
  });
});
