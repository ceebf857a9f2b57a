import { expect } from 'chai';
import { runWorkload, WorkerDone, type Workload } from '../../bench/driver';
import { notePhase } from '../../bench/phases';

describe('bench: the closed-loop driver', () => {
  it("counts the transactions its operations committed, collects their phases, and stops a worker that has used up its data", async () => {
    const w: Workload = {
      name: 'w',
      description: 'test',
      prepare: async () => async (worker, i) => {
        if (worker === 1 && i >= 2) throw new WorkerDone('no more');
        await new Promise((r) => setTimeout(r, 2));
        notePhase('endorse', 1);
        notePhase('commit', 1);
      },
    };
    const r = await runWorkload(w, { concurrency: 2, durationSeconds: 0.1 });
    expect(r.committedTx).to.equal(r.successes);
    expect(r.successes).to.be.greaterThan(3);
    expect(r.failures).to.deep.equal({ mvcc: 0, endorsement: 0, timeout: 0, rejected: 0, other: 0 });
    expect(r.notes).to.equal('1 of 2 workers used up their prepared data before the end');
    expect(r.phasesMs?.phases.endorse).to.deep.include({ p50: 1, p99: 1 });
    expect(r.cpu).to.equal(undefined);
  });
});
