import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { ProbeApi, encodeTransient } from '@rxchain/chaincode/dist/shared';
import { committed, withRaceRetries, type Orderable } from '../../gateway-api/src/fabric/commit';
import type { LedgerMetrics, LedgerPhase } from '../../gateway-api/src/fabric/ledger-metrics';
import { decodeResult, proposalOf } from '../../gateway-api/src/fabric/wire';
import { StandIn } from '../support/gateway-app';

const TX = 'd'.repeat(64);
const ok: Status = { blockNumber: 12n, code: StatusCode.VALID, successful: true, transactionId: TX };

const silence = () => new GatewayError({ code: GrpcStatus.DEADLINE_EXCEEDED, message: 'deadline exceeded', details: [], cause: Object.assign(new Error('x'), { code: GrpcStatus.DEADLINE_EXCEEDED, details: '', metadata: new Metadata() }) });

/** An endorsed transaction whose successive commit-status waits end as given. */
function transaction(outcomes: (Status | Error)[]): Orderable & { submitted: number; deadlines: number[] } {
  const t = {
    submitted: 0,
    deadlines: [] as number[],
    submit: async () => {
      t.submitted++;
      const outcome = outcomes.shift();
      return {
        getStatus: async (options?: { deadline?: number }) => {
          t.deadlines.push(options?.deadline ?? Infinity);
          if (!outcome) throw new Error('no more outcomes');
          if (outcome instanceof Error) throw outcome;
          return outcome;
        },
      };
    },
  };
  return t;
}

function recordingMetrics(): LedgerMetrics & { phases: LedgerPhase[]; stopped: number; resubmissions: number } {
  const m = {
    phases: [] as LedgerPhase[],
    stopped: 0,
    resubmissions: 0,
    phase: (name: LedgerPhase) => {
      m.phases.push(name);
      return () => {
        m.stopped++;
      };
    },
    resubmitted: () => {
      m.resubmissions++;
    },
  };
  return m;
}

describe('gateway: getting a transaction committed', () => {
  it('sends the same envelope again when its commit status stays silent, and counts the resubmission', async () => {
    const t = transaction([silence(), ok]);
    const metrics = recordingMetrics();
    const started = Date.now();
    expect(await committed(t, { commitMs: 60_000, resubmitMs: 8_000 }, metrics)).to.equal(ok);
    expect(t.submitted).to.equal(2);
    expect(metrics.resubmissions).to.equal(1);
    expect(metrics.phases).to.deep.equal(['submit', 'commit', 'submit', 'commit']);
    expect(metrics.stopped).to.equal(4);
    // Each wait is bounded by the resubmission interval, not the whole commit deadline.
    expect(t.deadlines[0] - started).to.be.within(7_900, 8_100);
  });

  it('gives up once the commit deadline has passed', async () => {
    const t = transaction([silence(), silence(), silence()]);
    let failure: unknown;
    try {
      await committed(t, { commitMs: 0, resubmitMs: 10 }, recordingMetrics());
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(GatewayError);
    expect(t.submitted).to.equal(1);
  });

  it('does not resubmit after a failure that is not silence', async () => {
    const down = new GatewayError({ code: GrpcStatus.UNAVAILABLE, message: 'down', details: [], cause: Object.assign(new Error('x'), { code: GrpcStatus.UNAVAILABLE, details: '', metadata: new Metadata() }) });
    const t = transaction([down, ok]);
    let failure: unknown;
    try {
      await committed(t, { commitMs: 60_000, resubmitMs: 8_000 }, recordingMetrics());
    } catch (err) {
      failure = err;
    }
    expect(failure).to.equal(down);
    expect(t.submitted).to.equal(1);
  });

  it('throws a CommitError with the validation code for an invalidated transaction', async () => {
    const t = transaction([{ ...ok, code: StatusCode.ENDORSEMENT_POLICY_FAILURE, successful: false }]);
    let failure: unknown;
    try {
      await committed(t, { commitMs: 60_000, resubmitMs: 8_000 }, recordingMetrics());
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(CommitError);
    expect(failure).to.include({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: TX });
  });

  it('simulates a lost race again, at most `retries` more times, and nothing else', async () => {
    const lost = () => new CommitError({ code: StatusCode.MVCC_READ_CONFLICT, transactionId: TX, message: 'mvcc' });
    const pauses: number[] = [];
    const pause = async (n: number) => {
      pauses.push(n);
    };
    let attempts = 0;
    expect(await withRaceRetries(async () => (++attempts < 3 ? Promise.reject(lost()) : 'done'), 3, pause)).to.equal('done');
    expect(attempts).to.equal(3);
    expect(pauses).to.deep.equal([0, 1]);

    attempts = 0;
    let failure: unknown;
    try {
      await withRaceRetries(async () => {
        attempts++;
        throw lost();
      }, 3, pause);
    } catch (err) {
      failure = err;
    }
    expect(attempts).to.equal(4);
    expect(failure).to.be.instanceOf(CommitError);

    attempts = 0;
    const refused = new Error('[CONFLICT] already dispensed');
    try {
      await withRaceRetries(async () => {
        attempts++;
        throw refused;
      }, 3, pause);
    } catch (err) {
      failure = err;
    }
    expect(attempts).to.equal(1);
    expect(failure).to.equal(refused);
  });
});

describe('gateway: the wire encoding of a transaction', () => {
  it('sends exactly one argument, the argument object’s JSON, and the transient fields as transientOf reads them', () => {
    const proposal = proposalOf(StandIn.Issue, { rxId: 'RX-1', note: 'n' }, { transient: { patient: { idNumber: 'A1234567' }, salt: 'a'.repeat(64) }, endorsingOrganizations: ['HospitalMSP'] });
    expect(proposal.arguments).to.deep.equal([JSON.stringify({ rxId: 'RX-1', note: 'n' })]);
    expect(proposal.transientData).to.deep.equal({ patient: '{"idNumber":"A1234567"}', salt: 'a'.repeat(64) });
    expect(proposal.transientData).to.deep.equal(encodeTransient({ patient: { idNumber: 'A1234567' }, salt: 'a'.repeat(64) }));
    expect(proposal.endorsingOrganizations).to.deep.equal(['HospitalMSP']);
    expect(proposalOf(ProbeApi.Read, { id: 'p1' })).to.deep.equal({ arguments: ['{"id":"p1"}'] });
  });

  it('decodes a JSON result, and an empty one as undefined', () => {
    expect(decodeResult(Buffer.from('{"id":"p1"}'))).to.deep.equal({ id: 'p1' });
    expect(decodeResult(new Uint8Array())).to.equal(undefined);
  });
});
