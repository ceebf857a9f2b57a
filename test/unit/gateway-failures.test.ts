import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, StatusCode, type ErrorDetail } from '@hyperledger/fabric-gateway';
import { expect } from 'chai';
import { classify, isLostRace, isSilentCommit } from '../../gateway-api/src/fabric/failures';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';

const TX = 'c'.repeat(64);

function cause(code: number, message: string): ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

const detail = (message: string): ErrorDetail => ({ address: 'peer0.hospital:7051', mspId: 'HospitalMSP', message });

function endorseError(code: number, message: string, details: string[] = []): EndorseError {
  return new EndorseError({ code, message, details: details.map(detail), cause: cause(code, message), transactionId: TX });
}

function gatewayError(code: number, message: string, details: string[] = []): GatewayError {
  return new GatewayError({ code, message, details: details.map(detail), cause: cause(code, message) });
}

function failureOf(err: unknown): LedgerError['failure'] {
  const classified = classify(err);
  expect(classified).to.be.instanceOf(LedgerError);
  return (classified as LedgerError).failure;
}

describe('gateway: Fabric failures classified in the ledger’s terms', () => {
  it('a chaincode refusal in an endorsement error: its code, reason and fields', () => {
    const err = endorseError(GrpcStatus.ABORTED, '10 ABORTED: failed to endorse transaction, see attached details for more info', [
      'chaincode response 500, [VALIDATION] feeLines[0].category: is required; items[1].quantity: must be an integer from 1 to 100000',
    ]);
    expect(failureOf(err)).to.deep.equal({
      kind: 'rejected',
      code: 'VALIDATION',
      reason: 'feeLines[0].category: is required; items[1].quantity: must be an integer from 1 to 100000',
      details: [
        { field: 'feeLines[0].category', message: 'is required' },
        { field: 'items[1].quantity', message: 'must be an integer from 1 to 100000' },
      ],
    });
    expect((classify(err) as LedgerError).message).to.equal('feeLines[0].category: is required; items[1].quantity: must be an integer from 1 to 100000');
  });

  it('a refusal of an evaluate, in the error message itself', () => {
    const err = gatewayError(GrpcStatus.UNKNOWN, '2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, [NOT_FOUND] probe p1 does not exist');
    expect(failureOf(err)).to.deep.equal({ kind: 'rejected', code: 'NOT_FOUND', reason: 'probe p1 does not exist', details: [] });
  });

  it('MVCC and phantom read conflicts at commit are lost races; other invalidations are commit-rejected', () => {
    for (const code of [StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]) {
      const err = new CommitError({ code, transactionId: TX, message: 'lost' });
      expect(isLostRace(err)).to.equal(true);
      expect(failureOf(err)).to.deep.equal({ kind: 'conflict', txId: TX });
    }
    const policy = new CommitError({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: TX, message: 'policy' });
    expect(isLostRace(policy)).to.equal(false);
    expect(failureOf(policy)).to.deep.equal({ kind: 'commit-rejected', txId: TX, validationCode: 10 });
    expect((classify(policy) as LedgerError).message).to.contain('ENDORSEMENT_POLICY_FAILURE');
  });

  it('endorsements from peers at different heights are a lost race too', () => {
    const err = endorseError(GrpcStatus.ABORTED, 'failed to endorse', ['ProposalResponsePayloads do not match (base64): ...']);
    expect(isLostRace(err)).to.equal(true);
    expect(failureOf(err)).to.deep.equal({ kind: 'conflict', txId: TX });
  });

  it('an unreachable or overloaded network is unavailable, with its gRPC code', () => {
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED]) {
      expect(failureOf(gatewayError(code, 'no connection'))).to.deep.equal({ kind: 'unavailable', grpcCode: code });
    }
    // Discovery finding too few peers with the chaincode (a new definition spreading, orgs down) is unavailable too.
    const tooFew = endorseError(GrpcStatus.FAILED_PRECONDITION, 'failed to endorse', ['required chaincodes are not installed on sufficient peers']);
    expect(failureOf(tooFew)).to.deep.equal({ kind: 'unavailable', grpcCode: GrpcStatus.FAILED_PRECONDITION });
    expect(isSilentCommit(gatewayError(GrpcStatus.DEADLINE_EXCEEDED, 'deadline'))).to.equal(true);
    expect(isSilentCommit(gatewayError(GrpcStatus.UNAVAILABLE, 'down'))).to.equal(false);
  });

  it('a refused certificate is identity-refused', () => {
    const err = gatewayError(GrpcStatus.PERMISSION_DENIED, '7 PERMISSION_DENIED', ['access denied: channel [rxchannel] creator org unknown, creator is malformed']);
    expect(failureOf(err)).to.deep.equal({ kind: 'identity-refused' });
  });

  it('any other endorsement failure is endorsement-failed, any other gateway error ledger-error, both with every reason', () => {
    const endorse = endorseError(GrpcStatus.ABORTED, 'failed to endorse', ['peer0: chaincode rxchain not found']);
    expect(failureOf(endorse)).to.deep.equal({ kind: 'endorsement-failed', reasons: ['failed to endorse', 'peer0: chaincode rxchain not found'] });
    expect(failureOf(gatewayError(GrpcStatus.INTERNAL, 'orderer said no', ['raft: not leader']))).to.deep.equal({ kind: 'ledger-error', reasons: ['orderer said no', 'raft: not leader'] });
  });

  it('leaves errors that are not Fabric’s as they are, and a LedgerError as it is', () => {
    const bug = new TypeError('cannot read x of undefined');
    expect(classify(bug)).to.equal(bug);
    const ledger = new LedgerError({ kind: 'unavailable' }, 'behind');
    expect(classify(ledger)).to.equal(ledger);
    expect(isLostRace(bug)).to.equal(false);
  });
});
