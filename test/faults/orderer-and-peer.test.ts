import { expect } from 'chai';
import type { RestClient } from '../../bench/clients';
import { gatewayDeps, tokenOf, userOf } from '../support/network';
import { node, raftLeader, sleep, suiteGateway, writeLoad } from '../support/faults';

async function historyLength(client: RestClient, id: string): Promise<number> {
  const history = await client.call<unknown[]>('GET', `/records/probe/${id}/history`, tokenOf('investigator1'));
  return history.length;
}

describe('fault tolerance (integration, real processes killed)', () => {
  const gateway = suiteGateway();

  it('keeps committing when the Raft leader is killed; every acknowledged write is on the ledger once', async () => {
    const leader = await raftLeader();
    // Raft needs a few election timeouts (5 s each here) to settle; keep writing 25 s past the kill.
    let killedAt = Number.POSITIVE_INFINITY;
    const load = writeLoad(gateway.client, 'hospitaladmin', 4, () => killedAt + 25_000);
    await sleep(4_000);
    node('kill', leader);
    killedAt = Date.now();
    const outcome = await load;
    let failure: unknown;
    try {
      expect(outcome.acked.filter((a) => a.at < killedAt).length, 'writes before the kill').to.be.greaterThan(0);
      expect(outcome.acked.filter((a) => a.at > killedAt + 1_000).length, 'writes resumed after the kill').to.be.greaterThan(0);
      expect(await raftLeader()).not.to.equal(leader);
      // No server error other than "unavailable, retry" may reach a client.
      expect(outcome.failures.filter((f) => f.status !== 503 && f.status !== 409), JSON.stringify(outcome.failures.slice(0, 3))).to.deep.equal([]);
      for (const { id } of outcome.acked) {
        expect(await historyLength(gateway.client, id), id).to.equal(1);
      }
    } catch (err) {
      failure = err;
    }
    // The killed leader is restarted whatever happened above; a failed restart must not hide
    // an earlier failure, nor the other way round.
    try {
      node('start', leader);
    } catch (err) {
      if (failure === undefined) throw err;
      throw new Error(`${(failure as Error).message}\n\nand restarting ${leader} failed too: ${(err as Error).message}`);
    }
    if (failure !== undefined) throw failure;
  });

  it('survives a peer killed under load, and the restarted peer catches up to the same chain', async () => {
    const until = Date.now() + 15_000;
    const load = writeLoad(gateway.client, 'hospitaladmin', 4, () => until);
    await sleep(3_000);
    node('kill', 'peer-pharmacy');
    const outcome = await load;
    expect(outcome.acked.length).to.be.greaterThan(0);
    expect(outcome.failures.filter((f) => f.status !== 503 && f.status !== 409 && f.status !== 502), JSON.stringify(outcome.failures.slice(0, 3))).to.deep.equal([]);
    node('start', 'peer-pharmacy');

    const { ledger } = gatewayDeps();
    const reference = await ledger.chainHeight(userOf('hospitaladmin'));
    let caughtUp: { height: string; currentBlockHash: string } | undefined;
    for (let i = 0; i < 60; i++) {
      try {
        caughtUp = await ledger.chainHeight(userOf('pharmacyadmin'));
        if (BigInt(caughtUp.height) >= BigInt(reference.height)) break;
      } catch {
        // The peer is still starting.
      }
      await sleep(1_000);
    }
    const now = await ledger.chainHeight(userOf('hospitaladmin'));
    const pharmacy = await ledger.chainHeight(userOf('pharmacyadmin'));
    expect(pharmacy.height).to.equal(now.height);
    expect(pharmacy.currentBlockHash).to.equal(now.currentBlockHash);
    // The restarted peer serves the writes it missed.
    const missed = outcome.acked[outcome.acked.length - 1].id;
    const read = await gateway.client.call<{ note: string }>('GET', `/probes/${missed}`, tokenOf('pharmacist1'));
    expect(read.note).to.equal('under fault');
  });
});
