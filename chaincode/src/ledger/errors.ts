/**
 * Chaincode errors carry a code in brackets at the start of the message, e.g.
 * "[CONFLICT] prescription RX1 is fully dispensed". Fabric passes only the message string back
 * to the client, so the code is how the gateway maps a rejection to an HTTP status. A
 * VALIDATION reason lists its fields as "field: message; field: message", so the gateway can
 * hand them back one by one.
 */
export type ErrorCode =
  | 'VALIDATION' // malformed arguments → 400
  | 'FORBIDDEN' // wrong role, org, region, or a certificate without the attribute the act needs → 403
  | 'NOT_FOUND' // → 404
  | 'CONFLICT' // state does not allow it: already dispensed, duplicate claim → 409
  | 'RULE'; // a domain rule refuses it: suspended prescriber, limit exceeded → 422

export const ERROR_CODES: readonly ErrorCode[] = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RULE'];

/** One refused field: its path (e.g. feeLines[0].category) and what it must be. */
export interface FieldError {
  field: string;
  message: string;
}

export class ChaincodeError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(`[${code}] ${reason}`);
    this.name = 'ChaincodeError';
  }
}

const DETAIL_SEPARATOR = '; ';

/** A VALIDATION error listing the offending fields. */
export function invalidFields(details: readonly FieldError[]): ChaincodeError {
  return new ChaincodeError('VALIDATION', details.map((d) => `${d.field}: ${d.message}`).join(DETAIL_SEPARATOR), details);
}

export const validationError = (field: string, message: string): ChaincodeError => invalidFields([{ field, message }]);
export const forbidden = (reason: string): ChaincodeError => new ChaincodeError('FORBIDDEN', reason);
export const notFound = (reason: string): ChaincodeError => new ChaincodeError('NOT_FOUND', reason);
export const conflict = (reason: string): ChaincodeError => new ChaincodeError('CONFLICT', reason);
export const ruleViolation = (reason: string): ChaincodeError => new ChaincodeError('RULE', reason);

const FIELD_DETAIL = /^([A-Za-z0-9_.[\]()]+): (.+)$/s;

/** Parses "[CODE] reason" back into its parts, with the field details of a VALIDATION; used by the gateway. */
export function parseChaincodeMessage(message: string): { code: ErrorCode; reason: string; details: FieldError[] } | undefined {
  const match = /\[(VALIDATION|FORBIDDEN|NOT_FOUND|CONFLICT|RULE)\] (.*)$/s.exec(message);
  if (!match) return undefined;
  const code = match[1] as ErrorCode;
  const reason = match[2];
  const details: FieldError[] = [];
  if (code === 'VALIDATION') {
    for (const part of reason.split(DETAIL_SEPARATOR)) {
      const detail = FIELD_DETAIL.exec(part);
      if (detail) details.push({ field: detail[1], message: detail[2] });
    }
  }
  return { code, reason, details };
}
