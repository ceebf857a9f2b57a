/**
 * Which catalogue version applies at an instant (RX-07): the sealed one with the greatest
 * effectiveFrom on or before that instant's China date. Versions start at local midnight
 * (UTC+8), the way catalogue adjustments are announced.
 */
import { type ChaincodeError, conflict, ruleViolation } from '../ledger/errors';
import { chinaDateOf } from './dates';

export interface VersionStart {
  versionId: string;
  effectiveFrom: string;
}

export function versionInForce(versions: readonly VersionStart[], atMs: number): VersionStart | undefined {
  const today = chinaDateOf(atMs);
  let best: VersionStart | undefined;
  for (const v of versions) {
    // ISO dates compare correctly as strings.
    if (v.effectiveFrom <= today && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  }
  return best;
}

/**
 * A new version may never change which version was in force at a past instant: prescriptions
 * already issued were checked against that one. So it starts tomorrow or later — or today, when
 * nothing is in force yet (the first version on a new channel). Two versions may not start on
 * the same day. Checked against the sealed versions when a version is opened, and again when it
 * is sealed, the moment it can come into force. Returns the refusal, or undefined.
 */
export function newVersionRefusal(versions: readonly VersionStart[], effectiveFrom: string, nowMs: number): ChaincodeError | undefined {
  const today = chinaDateOf(nowMs);
  if (effectiveFrom < today) return ruleViolation(`effectiveFrom ${effectiveFrom} is before today (${today}); catalogue versions cannot be retroactive`);
  const current = versionInForce(versions, nowMs);
  if (effectiveFrom === today && current) {
    return ruleViolation(`version ${current.versionId} is in force today (${today}); a new version can start tomorrow at the earliest`);
  }
  const clash = versions.find((v) => v.effectiveFrom === effectiveFrom);
  return clash ? conflict(`catalogue version ${clash.versionId} already takes effect on ${effectiveFrom}`) : undefined;
}
