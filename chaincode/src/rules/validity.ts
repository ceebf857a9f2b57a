/**
 * How long a prescription may be filled, counted from the transaction time of issue. The
 * documents give no figures; these follow the usual Chinese practice (处方管理办法: a
 * prescription is valid on its day of issue, extendable to 3 days) and are parameters here:
 * - ORDINARY: 3 days;
 * - EMERGENCY: 1 day;
 * - LONG (chronic-disease long prescription, RX-09): the longest days' supply among its items,
 *   so a 60-day long prescription can be filled in parts over the 60 days.
 * A prescription is valid from issuedAt (inclusive) until validUntil (exclusive).
 */
import type { PrescriptionKind } from '../model/prescription';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const ORDINARY_VALIDITY_DAYS = 3;
export const EMERGENCY_VALIDITY_DAYS = 1;

export function validityDays(kind: PrescriptionKind, items: readonly { days: number }[]): number {
  if (kind === 'ORDINARY') return ORDINARY_VALIDITY_DAYS;
  if (kind === 'EMERGENCY') return EMERGENCY_VALIDITY_DAYS;
  return Math.max(...items.map((item) => item.days));
}

export function validUntilMs(kind: PrescriptionKind, issuedMs: number, items: readonly { days: number }[]): number {
  return issuedMs + validityDays(kind, items) * DAY_MS;
}

export type ValidityPhase = 'NOT_YET_VALID' | 'VALID' | 'EXPIRED';

export function validityAt(issuedMs: number, validUntil: number, atMs: number): ValidityPhase {
  if (atMs < issuedMs) return 'NOT_YET_VALID';
  return atMs < validUntil ? 'VALID' : 'EXPIRED';
}
