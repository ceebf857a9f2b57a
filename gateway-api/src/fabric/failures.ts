/**
 * Fabric's failures in the ledger's own terms (LedgerError), never in HTTP's: a chaincode
 * refusal with its code and fields, a lost race, an unreachable network, a failed endorsement,
 * a commit the validators refused, an identity the network does not accept.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { parseChaincodeMessage } from '@rxchain/chaincode/dist/shared';
import { LedgerError } from './ledger-port';

const CONFLICT_CODES = new Set<number>([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);
const UNAVAILABLE_CODES = new Set<number>([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED]);
const IDENTITY_REFUSED = /access denied|creator.*(unknown|not.*valid)|certificate.*(unknown|invalid)/i;
/**
 * Discovery found too few peers serving the chaincode to satisfy the policy: for a moment while a
 * new chaincode definition spreads (npm run deploy, org:add's collection update), or while too many
 * orgs are down. Nothing was endorsed; a later attempt may find the endorsers.
 */
const TOO_FEW_ENDORSERS = /required chaincodes are not installed on sufficient peers/;
/** Endorsers at different heights simulated against different states: the same race as an MVCC conflict. */
const DIVERGENT_ENDORSEMENTS = /ProposalResponsePayloads do not match/;

const CONFLICT_MESSAGE = 'the record was changed by a concurrent transaction; retries were exhausted';

/**
 * A transaction that lost a race: invalidated at commit by a conflicting read, or endorsed by
 * peers that had not yet all committed the same latest block. Simulating it again may succeed.
 */
export function isLostRace(err: unknown): boolean {
  if (err instanceof CommitError) return CONFLICT_CODES.has(err.code);
  if (err instanceof EndorseError) return err.details.some((d) => DIVERGENT_ENDORSEMENTS.test(d.message));
  return false;
}

/** The commit status stayed silent past its deadline: the envelope may have died with an orderer. */
export function isSilentCommit(err: unknown): boolean {
  return err instanceof GatewayError && err.code === GrpcStatus.DEADLINE_EXCEEDED;
}

/** Classifies a fabric-gateway failure; anything that is not one (a bug, a missing key file) is returned as it is. */
export function classify(err: unknown): unknown {
  if (err instanceof LedgerError) return err;
  if (err instanceof CommitError) {
    if (CONFLICT_CODES.has(err.code)) return new LedgerError({ kind: 'conflict', txId: err.transactionId }, CONFLICT_MESSAGE);
    const name = Object.entries(StatusCode).find(([, code]) => code === err.code)?.[0] ?? 'unknown';
    return new LedgerError(
      { kind: 'commit-rejected', txId: err.transactionId, validationCode: err.code },
      `the transaction was not committed (validation code ${err.code} ${name})`,
    );
  }
  if (!(err instanceof GatewayError)) return err;
  const texts = [err.message, ...err.details.map((d) => d.message)];
  for (const text of texts) {
    const rejection = parseChaincodeMessage(text);
    if (rejection) return new LedgerError({ kind: 'rejected', ...rejection }, rejection.reason);
  }
  if (isLostRace(err)) {
    return new LedgerError({ kind: 'conflict', ...(err instanceof EndorseError ? { txId: err.transactionId } : {}) }, CONFLICT_MESSAGE);
  }
  if (texts.some((t) => IDENTITY_REFUSED.test(t))) return new LedgerError({ kind: 'identity-refused' }, 'the network refused the caller identity');
  if (UNAVAILABLE_CODES.has(err.code) || texts.some((t) => TOO_FEW_ENDORSERS.test(t))) {
    return new LedgerError({ kind: 'unavailable', grpcCode: err.code }, 'the ledger is unreachable or too slow; try again');
  }
  if (err instanceof EndorseError) return new LedgerError({ kind: 'endorsement-failed', reasons: texts }, 'the transaction could not be endorsed');
  return new LedgerError({ kind: 'ledger-error', reasons: texts }, err.message);
}
