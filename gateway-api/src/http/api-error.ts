import type { FieldError } from '@rxchain/chaincode/dist/shared';

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

/** A 400 naming every refused field. */
export function invalidRequest(details: FieldError[]): ApiError {
  return new ApiError(400, 'VALIDATION', `invalid request: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}
