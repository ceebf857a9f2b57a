/**
 * The synthetic region the large data set is made of, the same for the same seed: institutions,
 * doctors, patients and the visits of a year of history, each visit computed from its index
 * alone (seeded PRNG), so a resumed load rebuilds exactly the batches it had not committed.
 */
import type { Static } from '@sinclair/typebox';
import type { HistoricalVisit } from '../../chaincode/src/api/archive-api';
import { addDays } from '../../chaincode/src/rules/dates';
import { catalogueOfSize } from '../../scripts/demo/seed-catalogue';
import { prng } from '../prng';

export type Visit = Static<typeof HistoricalVisit>;

export interface WorldSize {
  patients: number;
  hospitals: number;
  pharmacies: number;
  visits: number;
  catalogueSize: number;
  seed: number;
  /** Visits per import batch. */
  batch: number;
}

/** More than the batches a load keeps in flight. */
export const PATIENT_SLICES = 16;


export const REGION = '310000';
/** The demo institutions and staff the bench's live workloads act as: history is dense around them. */
export const LIVE_HOSPITAL = { institutionId: 'H310001', doctorId: 'DOC-310-0001' };
export const LIVE_PHARMACY = 'P310001';
/** The patients the live workloads of the large data set use: each has about a visit a fortnight of history. */
export const HOT_PATIENTS = 2_000;
/** Days of history before today. */
export const HISTORY_DAYS = 365;

export const hospitalId = (i: number): string => `H31G${String(i + 1).padStart(4, '0')}`;
export const pharmacyId = (i: number): string => `P31G${String(i + 1).padStart(4, '0')}`;
export const doctorIdOf = (hospital: number, k: number): string => `DOC-31G-${String(hospital + 1).padStart(4, '0')}-${k + 1}`;
export const DOCTORS_PER_HOSPITAL = 2;

/** Patient n's identity document: what the enrolment list and the live workloads name them by. */
export const patientIdentity = (n: number) => ({ idType: 'PASSPORT' as const, idNumber: `G${String(n).padStart(8, '0')}`, name: `History Patient ${n}` });

/** Drugs a historical visit prescribes: covered (class A or B), with no indication list (no off-indication hits), not the live workloads' metformin. */
export function historyDrugs(catalogueSize: number) {
  return catalogueOfSize(catalogueSize).filter(
    (d) => (d.coverage.class === 'A' || d.coverage.class === 'B') && !(d.indications && d.indications.length > 0) && d.drugCode !== 'XA10BA02',
  );
}

const DIAGNOSES = ['I10', 'E11.9', 'J06.9', 'K29.7', 'M54.5', 'R51', 'E78.5', 'N39.0'];

/**
 * Visit k of the history: 10 % at the live hospital and pharmacy, 10 % for the hot patients,
 * dates over the year before today; 90 % claimed, of which 85 % remitted, 10 % approved and not
 * yet paid, 5 % rejected.
 */
export function visitOf(k: number, size: WorldSize, drugs: ReturnType<typeof historyDrugs>, today: string): { visit: Visit; patient: number } {
  const r = prng(size.seed * 1_000_003 + k);
  const hot = r() < 0.1;
  // A batch's patients are of its own slice (patient mod PATIENT_SLICES), so the batches in
  // flight together never write one patient's benefit year side by side (MVCC conflicts).
  const slice = Math.floor(k / size.batch) % PATIENT_SLICES;
  const pool = hot ? Math.min(HOT_PATIENTS, size.patients) : size.patients;
  const patient = Math.floor(r() * Math.floor(pool / PATIENT_SLICES)) * PATIENT_SLICES + slice;
  const live = r() < 0.1;
  const h = Math.floor(r() * size.hospitals);
  const hospital = live ? LIVE_HOSPITAL.institutionId : hospitalId(h);
  const doctorId = live ? LIVE_HOSPITAL.doctorId : doctorIdOf(h, Math.floor(r() * DOCTORS_PER_HOSPITAL));
  const pharmacy = live ? LIVE_PHARMACY : pharmacyId(Math.floor(r() * size.pharmacies));
  const date = addDays(today, -1 - Math.floor(r() * HISTORY_DAYS));
  const lines = 1 + Math.floor(r() * 3);
  const chosen = new Map<string, (typeof drugs)[number]>();
  while (chosen.size < lines) {
    const d = drugs[Math.floor(r() * drugs.length)];
    chosen.set(d.drugCode, d);
  }
  const items = [...chosen.values()].map((d) => ({ drugCode: d.drugCode, quantity: 1 + Math.floor(r() * 30), dose: 'as directed', days: 1 + Math.floor(r() * 7) }));
  const visitId = `HV${String(size.seed)}-${String(k).padStart(8, '0')}`;
  const visit: Visit = {
    visitId,
    date,
    hospitalId: hospital,
    doctorId,
    patientRef: '',
    kind: 'ORDINARY',
    diagnosisCodes: [DIAGNOSES[Math.floor(r() * DIAGNOSES.length)]],
    items,
  };
  const dispensedAtAll = r() < 0.97;
  if (!dispensedAtAll) return { visit, patient };
  const feeLines = items.map((item) => {
    const standard = chosen.get(item.drugCode)!.coverage.paymentStandardFen ?? 100;
    return { drugCode: item.drugCode, unitPriceFen: standard, quantity: item.quantity, amountFen: standard * item.quantity };
  });
  visit.dispense = { pharmacyId: pharmacy, pharmacistId: live ? 'PHA-310-0001' : `PHA-${pharmacy}`, feeLines };
  const claimRoll = r();
  if (claimRoll >= 0.9) return { visit, patient };
  const outcomeRoll = r();
  const invoiceHash = hex64(size.seed, k);
  if (outcomeRoll < 0.85) {
    const paidOn = addDays(date, Math.floor(r() * 30));
    visit.dispense.claim = { invoiceHash, outcome: 'REMITTED', payment: { paymentRef: `HPAY-${visitId}`, date: paidOn < today ? paidOn : addDays(today, -1) } };
  } else {
    visit.dispense.claim = { invoiceHash, outcome: outcomeRoll < 0.95 ? 'APPROVED' : 'REJECTED' };
  }
  return { visit, patient };
}

/**
 * A larger --visits on the same world: visit k is computed from k, the seed and the world's other
 * sizes alone (visitOf), so the visits loaded stay its first ones, provided the last batch loaded
 * was a whole one.
 */
export function isExtensionOf(loaded: WorldSize, wanted: WorldSize): boolean {
  const same = JSON.stringify({ ...loaded, visits: 0 }) === JSON.stringify({ ...wanted, visits: 0 });
  return same && wanted.visits > loaded.visits && loaded.visits % loaded.batch === 0;
}

/** A deterministic, unique 64-hex invoice hash per visit (not a real invoice's: the archive's are). */
function hex64(seed: number, k: number): string {
  const r = prng(seed * 7_919 + k * 31 + 1);
  let s = '';
  while (s.length < 64) s += Math.floor(r() * 0xffffffff).toString(16).padStart(8, '0');
  return s.slice(0, 48) + k.toString(16).padStart(16, '0');
}
