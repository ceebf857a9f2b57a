import type { Context } from 'fabric-contract-api';

/** Transaction time in milliseconds: the same on every endorser, unlike the wall clock. */
export function txTimeMs(ctx: Context): number {
  const ts = ctx.stub.getTxTimestamp();
  const seconds = typeof ts.seconds === 'number' ? ts.seconds : Number(ts.seconds.toString());
  return seconds * 1000 + Math.floor(ts.nanos / 1_000_000);
}

export function txTimeIso(ctx: Context): string {
  return new Date(txTimeMs(ctx)).toISOString();
}
