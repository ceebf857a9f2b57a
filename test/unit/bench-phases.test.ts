import { expect } from 'chai';
import { notePhase, parseServerTiming, phaseNoter, summarisePhases, withPhases } from '../../bench/phases';
import { serverTimingHeader } from '../../gateway-api/src/http/server-timing';

describe('bench: latency by phase', () => {
  it("reads the gateway's Server-Timing header, its submit as ordering, repeated entries kept", () => {
    const header = serverTimingHeader(
      [{ phase: 'evaluate', ms: 1.24 }, { phase: 'endorse', ms: 40 }, { phase: 'submit', ms: 3 }, { phase: 'commit', ms: 200 }, { phase: 'endorse', ms: 38.5 }],
      290.04,
    );
    expect(header).to.equal('evaluate;dur=1.2, endorse;dur=40.0, submit;dur=3.0, commit;dur=200.0, endorse;dur=38.5, gateway;dur=290.0');
    expect(parseServerTiming(header)).to.deep.equal([['evaluate', 1.2], ['endorse', 40], ['order', 3], ['commit', 200], ['endorse', 38.5], ['gateway', 290]]);
    expect(parseServerTiming('cache;desc="hit", db;dur=5, endorse')).to.deep.equal([]);
    expect(parseServerTiming(undefined)).to.deep.equal([]);
  });

  it("collects each operation's phases apart, also from callbacks outside its async context", async () => {
    let later: ((p: 'commit', ms: number) => void) | undefined;
    const [a, b] = await Promise.all([
      withPhases(async () => {
        notePhase('endorse', 10);
        later = phaseNoter();
        await new Promise((r) => setTimeout(r, 5));
        notePhase('endorse', 5);
      }),
      withPhases(async () => {
        notePhase('commit', 100);
      }),
    ]);
    later!('commit', 7);
    expect(a.phases).to.deep.equal({ commits: 1, endorse: 15, commit: 7 });
    expect(b.phases).to.deep.equal({ commits: 1, commit: 100 });
    notePhase('endorse', 1); // outside any operation: dropped
  });

  it('summarises per phase; in-gateway and rest are what the phases do not cover', () => {
    const s = summarisePhases([
      { latencyMs: 300, phases: { commits: 1, endorse: 40, order: 5, commit: 200, evaluate: 5, gateway: 280 } },
      { latencyMs: 100, phases: { commits: 1, endorse: 30, order: 5, commit: 50 } },
    ]);
    expect(s.operations).to.equal(2);
    expect(s.commitsPerOperation).to.equal(1);
    expect(s.phases['in-gateway']).to.deep.equal({ p50: 0, p99: 30, mean: 15 });
    // 300 − 280 (the gateway's whole time) and 100 − 85 (the direct phases).
    expect(s.phases.rest).to.deep.equal({ p50: 15, p99: 20, mean: 17.5 });
    expect(s.phases.endorse.p99).to.equal(40);
    expect(summarisePhases([])).to.deep.equal({ operations: 0, commitsPerOperation: 0, phases: {} });
  });
});
