import type { Stamp } from './audit';

/** One drug as a catalogue version lists it (§3.2 item 5). Ratios are integer basis points. */
export interface DrugEntry {
  drugCode: string;
  name: string;
  genericGroup: string;
  /** Whether the insurance catalogue covers the drug; outside it the patient pays all (RX-04). */
  inCatalogue: boolean;
  /** Share the patient pays, 0..10 000 basis points. */
  selfPayRatioBp: number;
  /** Codes of drugs in the same version that may replace this one (RX-04/05). */
  substitutes: string[];
  /** Key-monitored drug: antibiotic, TCM injection, high-value (RX-14). */
  monitored: boolean;
}

/** Days' supply allowed per prescription kind; the documents give no number, so each version sets them. */
export interface CatalogueLimits {
  ordinaryMaxDays: number;
  emergencyMaxDays: number;
  longMaxDays: number;
}

/** A catalogue version; key: versionId. In force from effectiveFrom (China date) until a later one starts. */
export interface CatalogueVersion {
  docType: 'catalogue';
  versionId: string;
  /** YYYY-MM-DD, China Standard Time. */
  effectiveFrom: string;
  drugs: DrugEntry[];
  limits: CatalogueLimits;
  published: Stamp;
}

/** What GetDrug answers: the entry and the version it came from. */
export interface DrugLookup {
  catalogueVersion: string;
  effectiveFrom: string;
  drug: DrugEntry;
}
