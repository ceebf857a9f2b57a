/**
 * Chaincode errors carry a code in brackets at the start of the message, e.g.
 * "[CONFLICT] prescription RX1 is fully dispensed". Fabric passes only the message string back
 * to the client, so the code is how the gateway maps a rejection to an HTTP status.
 */
export type ErrorCode =
  | 'VALIDATION' // malformed arguments → 400
  | 'UNAUTHENTICATED' // identity lacks required attributes → 401
  | 'FORBIDDEN' // wrong role, org or region → 403
  | 'NOT_FOUND' // → 404
  | 'CONFLICT' // state does not allow it: already dispensed, duplicate claim → 409
  | 'RULE'; // a domain rule refuses it: suspended prescriber, limit exceeded → 422

export const ERROR_CODES: readonly ErrorCode[] = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE',
];

export class ChaincodeError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
  ) {
    super(`[${code}] ${reason}`);
    this.name = 'ChaincodeError';
  }
}

export const validationError = (reason: string): ChaincodeError => new ChaincodeError('VALIDATION', reason);
export const forbidden = (reason: string): ChaincodeError => new ChaincodeError('FORBIDDEN', reason);
export const notFound = (reason: string): ChaincodeError => new ChaincodeError('NOT_FOUND', reason);
export const conflict = (reason: string): ChaincodeError => new ChaincodeError('CONFLICT', reason);
export const ruleViolation = (reason: string): ChaincodeError => new ChaincodeError('RULE', reason);

/** Parses "[CODE] reason" back into its parts; used by the gateway. */
export function parseChaincodeMessage(message: string): { code: ErrorCode; reason: string } | undefined {
  const match = /\[(VALIDATION|UNAUTHENTICATED|FORBIDDEN|NOT_FOUND|CONFLICT|RULE)\] (.*)$/s.exec(message);
  return match ? { code: match[1] as ErrorCode, reason: match[2] } : undefined;
}
