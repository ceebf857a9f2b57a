import type { Stamp } from './audit';
import type { Coverage, CoverageClass } from './coverage';

/** Days' supply allowed per prescription kind; the documents give no number, so each version sets them. */
export interface CatalogueLimits {
  ordinaryMaxDays: number;
  emergencyMaxDays: number;
  longMaxDays: number;
}

/** OPEN while its drugs are being uploaded; only a SEALED version can be in force. */
export const CATALOGUE_STATUSES = ['OPEN', 'SEALED'] as const;
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number];

/**
 * A catalogue version's header; key: versionId. Its drugs are records of their own, one key per
 * drug (CatalogueDrug), so reading the header never reads the list. Once sealed it is in force
 * from effectiveFrom (00:00 China time) until a later sealed version starts (RX-07, PM-14).
 */
export interface CatalogueVersion {
  docType: 'catalogue';
  versionId: string;
  /** YYYY-MM-DD, China Standard Time. */
  effectiveFrom: string;
  limits: CatalogueLimits;
  /** How many drugs the version lists: declared when it is opened, checked when it is sealed. */
  drugCount: number;
  /** Drugs uploaded so far, in all and per coverage class. */
  drugsAdded: number;
  byClass: Record<CoverageClass, number>;
  status: CatalogueStatus;
  opened: Stamp;
  sealed?: Stamp;
  updated: Stamp;
}

/**
 * One drug as one catalogue version lists it (§3.2 item 5); key: `${versionId}:${drugCode}`.
 * Written once, by the batch that uploaded it; the version's dates are its dates.
 */
export interface CatalogueDrug {
  docType: 'catalogue-drug';
  versionId: string;
  drugCode: string;
  name: string;
  genericGroup: string;
  /** Class 甲/乙/丙/目录外, the 乙 self-pay ratio and the payment standard per unit (RX-04, PM-14). */
  coverage: Coverage;
  /** Codes of drugs of the same version that may replace this one (RX-04/05). */
  substitutes: string[];
  /** Key-monitored drug: antibiotic, TCM injection, high-value (RX-14). */
  monitored: boolean;
  /**
   * The diagnoses the drug is indicated for, as ICD-10 prefixes ('E11' covers E11.9): a claim
   * for it on none of them is off-indication use (SR-03). Empty: no indication listed, no check.
   * Absent on entries uploaded before it existed, which counts as empty.
   */
  indications?: string[];
  /** A health supplement (保健品): never insurance goods on a pharmacy claim (RX-12). Absent counts as false. */
  healthSupplement?: boolean;
}

/** What GetDrug answers: the entry and the version it came from. */
export interface DrugLookup {
  catalogueVersion: string;
  effectiveFrom: string;
  drug: CatalogueDrug;
}
