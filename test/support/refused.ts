import { expect } from 'chai';
import type { CallError } from '../../scripts/demo/api';

/** The error a gateway call must fail with: its HTTP status and, when given, a message pattern. */
export async function refused(promise: Promise<unknown>, status: number, pattern?: RegExp): Promise<CallError> {
  let failure: CallError | undefined;
  try {
    await promise;
  } catch (err) {
    failure = err as CallError;
  }
  expect(failure, `expected HTTP ${status}`).to.be.instanceOf(Error);
  const e = failure as CallError;
  expect(e.status, e.message).to.equal(status);
  if (pattern) expect(e.message).to.match(pattern);
  return e;
}
