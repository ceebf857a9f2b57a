/**
 * How the insurance catalogue covers a drug (RX-04, PM-14): class 甲 (A) fully, class 乙 (B)
 * after the patient pays its self-pay ratio first, class 丙 (C) and drugs outside the catalogue
 * (NONE) not at all; and never above the payment standard (医保支付标准) per unit.
 */
export const COVERAGE_CLASSES = ['A', 'B', 'C', 'NONE'] as const;
export type CoverageClass = (typeof COVERAGE_CLASSES)[number];

export interface Coverage {
  class: CoverageClass;
  /** Class B: the share the patient pays first, basis points; 0 for A; 10 000 for C and NONE. */
  selfPayRatioBp: number;
  /** The most the fund recognises per unit, fen; absent where no standard applies (services, uncovered drugs). */
  paymentStandardFen?: number;
}
