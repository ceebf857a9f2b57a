import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import { collectingPhases, withPhaseCollection, type LedgerPhase, type PhaseTiming } from '../../gateway-api/src/fabric/ledger-metrics';
import { bearerOf, testGateway, unitRoutes } from '../support/gateway-app';

describe('gateway: Server-Timing', () => {
  it("notes each phase a request's ledger calls time in that request's collection only, and still reports to the metrics", async () => {
    const seen: LedgerPhase[] = [];
    const metrics = withPhaseCollection({ phase: (name) => () => void seen.push(name), resubmitted: () => undefined });
    const call = async (phase: LedgerPhase) => {
      const stop = metrics.phase(phase);
      await new Promise((r) => setTimeout(r, 2));
      stop();
    };
    const a: PhaseTiming[] = [];
    const b: PhaseTiming[] = [];
    await Promise.all([
      collectingPhases(a, async () => {
        await call('endorse');
        await call('submit');
        await call('commit');
      }),
      collectingPhases(b, () => call('evaluate')),
      call('evaluate'), // outside any request: metrics only
    ]);
    expect(a.map((p) => p.phase)).to.deep.equal(['endorse', 'submit', 'commit']);
    expect(b.map((p) => p.phase)).to.deep.equal(['evaluate']);
    expect(a.every((p) => p.ms > 0)).to.equal(true);
    expect(seen).to.have.length(5);
  });

  it("every JSON answer carries the gateway's time, errors included", async () => {
    const gw = testGateway(unitRoutes);
    try {
      gw.ledger.answer(ProbeApi.Read, { docType: 'probe', id: 'p1', note: 'n' } as never);
      const ok = await request(gw.app).get('/probes/p1').set(...bearerOf(gw.tokens.doctor)).expect(200);
      expect(ok.headers['server-timing']).to.match(/^gateway;dur=\d+\.\d$/);
      const refused = await request(gw.app).get('/probes/p1').expect(401);
      expect(refused.headers['server-timing']).to.match(/^gateway;dur=\d+\.\d$/);
    } finally {
      gw.close();
    }
  });
});
