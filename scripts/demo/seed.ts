/**
 * Reference data a fresh network needs before the first prescription: the patient salt, the
 * designated institutions, a drug catalogue, both regions' reimbursement policies and working-day calendars, and the
 * demo doctors' registrations. Idempotent: what exists already is left as it is.
 */
import type { Call, CallError } from './api';
import { chinaToday } from './api';
import { catalogueOfSize, seedCatalogue } from './seed-catalogue';
import { seedInstitutions } from './seed-institutions';
import { seedInsuredPersons } from './seed-insured';


export const DOCTORS = [
  { doctorId: 'DOC-310-0001', institutionId: 'H310001', scope: ['internal medicine'] },
  { doctorId: 'DOC-310-0002', institutionId: 'H310002', scope: ['endocrinology'] },
];

/** Item codes of the demo's encounter lines: an exam (SR-03 repeat examinations) and a consumable (SR-08). */
export const DEMO_ITEMS = { chestCt: 'CT-CHEST', coronaryStent: 'C-STENT-CORONARY' } as const;

export function policy(effectiveFrom: string) {
  return {
    effectiveFrom,
    ratioBpByLevel: { basic: 7000, secondary: 6000, tertiary: 5000 },
    deductibleFenByLevel: { basic: 20_000, secondary: 50_000, tertiary: 100_000 },
    annualCapFen: 30_000_000,
    crossRegionFiledRatioBp: 6000,
    crossRegionUnfiledRatioBp: 4000,
    // Clean claims up to 1 000 CNY are approved by smart review; larger ones wait for the insurer.
    reviewThresholds: { stayWarnDays: 30, manualReviewTotalFen: 5_000_000, autoApproveMaxFen: 100_000 },
    // Smart review's rules at their defaults, spelt out, and one contradiction: a coronary stent under a common cold (SR-08).
    reviewRules: {
      'SR-03': { action: 'reject', repeatExamDays: 7 },
      'SR-04': { action: 'flag', windowDays: 30 },
      'SR-08': { action: 'flag', contradictions: [{ diagnosisPrefix: 'J00', itemCodes: [DEMO_ITEMS.coronaryStent], categories: [] }] },
      'SR-18': { action: 'flag' },
      'RX-12': { action: 'flag' },
    },
    personalAccountUse: 'all',
  };
}

/** The demo working-day calendar of both regions: public holidays and make-up working days (调休). */
export const HOLIDAYS = ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'];
export const EXTRA_WORKDAYS = ['2026-09-27', '2026-10-10'];

async function unlessExists(step: string, log: (s: string) => void, fn: () => Promise<unknown>): Promise<void> {
  // Right after start-up the peers' gossip may not yet know every org's peer, so endorsement
  // can fail for want of endorsers (502/503); that settles within seconds.
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      log(`seeded ${step}`);
      return;
    } catch (err) {
      const e = err as CallError;
      if (e.status === 409) {
        log(`${step}: already there`);
        return;
      }
      if ((e.status === 502 || e.status === 503) && attempt < 15) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      throw new Error(`seeding ${step} failed: ${e.message} ${JSON.stringify(e.details ?? '')}`);
    }
  }
}

/** `catalogueSize`: seed a catalogue of that many drugs (the benchmark's 5 vs 3 000) instead of the demo list. */
export async function seed(call: Call, log: (s: string) => void = () => undefined, options: { catalogueSize?: number } = {}): Promise<void> {
  const today = chinaToday();
  await unlessExists('patient salt', log, () => call('POST', '/admin/patient-salt', 'hospitaladmin'));
  // Staff act for registered institutions only, so the registry comes before anything they do.
  await seedInstitutions(call, log);
  await seedCatalogue(call, log, options.catalogueSize === undefined ? undefined : catalogueOfSize(options.catalogueSize));
  for (const [region, insurer] of [['310000', 'insurer-sh'], ['110000', 'insurer-bj']] as const) {
    const versions = await call<unknown[]>('GET', `/policies/${region}`, insurer);
    if (versions.length === 0) await unlessExists(`policy ${region}`, log, () => call('POST', '/policies', insurer, policy(today)));
    await unlessExists(`calendar ${region}`, log, () => call('POST', '/calendars', insurer, { holidays: HOLIDAYS, extraWorkdays: EXTRA_WORKDAYS }));
  }
  for (const d of DOCTORS) {
    await unlessExists(`practitioner ${d.doctorId}`, log, () => call('POST', '/practitioners', 'hospitaladmin', d));
  }
  await seedInsuredPersons(call, log);
}
