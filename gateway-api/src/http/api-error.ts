import { parseChaincodeMessage, type ErrorCode } from '@rxchain/chaincode/dist/shared';

export interface FieldError {
  field: string;
  message: string;
}

/** An error with the HTTP status and body shape every route answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] | Record<string, unknown> = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { error: { code: string; message: string; details: unknown } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE: 422,
};

/** Maps a chaincode rejection ("[CODE] reason" inside an endorsement error) to its HTTP error. */
export function fromChaincodeMessage(text: string): ApiError | undefined {
  const parsed = parseChaincodeMessage(text);
  return parsed ? new ApiError(STATUS_OF[parsed.code], parsed.code, parsed.reason) : undefined;
}
