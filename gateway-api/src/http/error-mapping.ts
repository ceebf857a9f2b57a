/**
 * The one place failures become HTTP answers: the ledger's own errors by kind, a chaincode
 * refusal by its code, the body parser's errors, and anything unexpected as a 500.
 */
import type { ErrorCode } from '@rxchain/chaincode/dist/shared';
import { LedgerError, type LedgerFailure } from '../fabric/ledger-port';
import { ApiError } from './api-error';

const STATUS_OF_REJECTION: Record<ErrorCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE: 422,
};

/** Retry-After, in seconds: a peer behind catches up in milliseconds, an unreachable node takes longer. */
const RETRY_AFTER_BEHIND = '1';
const RETRY_AFTER_UNREACHABLE = '2';

export function fromLedgerFailure(failure: LedgerFailure, message: string): ApiError {
  switch (failure.kind) {
    case 'rejected':
      return new ApiError(STATUS_OF_REJECTION[failure.code], failure.code, failure.reason, failure.details);
    case 'conflict':
      return new ApiError(409, 'CONFLICT', message, failure.txId ? { txId: failure.txId } : {});
    case 'commit-rejected':
      return new ApiError(409, 'COMMIT_REJECTED', message, { txId: failure.txId, validationCode: failure.validationCode });
    case 'unavailable':
      return failure.grpcCode === undefined
        ? new ApiError(503, 'UNAVAILABLE', message, {}, { 'Retry-After': RETRY_AFTER_BEHIND })
        : new ApiError(503, 'UNAVAILABLE', message, { grpcCode: failure.grpcCode }, { 'Retry-After': RETRY_AFTER_UNREACHABLE });
    case 'endorsement-failed':
      return new ApiError(502, 'ENDORSEMENT_FAILED', message, { reasons: failure.reasons });
    case 'identity-refused':
      return new ApiError(403, 'FORBIDDEN', message);
    case 'ledger-error':
      return new ApiError(502, 'LEDGER_ERROR', message, { reasons: failure.reasons });
  }
}

/** Any error thrown while serving a request, as the answer to send. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof LedgerError) return fromLedgerFailure(err.failure, err.message);
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed') return new ApiError(400, 'VALIDATION', 'request body is not valid JSON', [{ field: 'body', message: 'is not valid JSON' }]);
  if (e.type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body is too large');
  if (e.status && e.status >= 400 && e.status < 500) return new ApiError(e.status, 'BAD_REQUEST', e.message ?? 'bad request');
  return new ApiError(500, 'INTERNAL', 'internal error');
}
