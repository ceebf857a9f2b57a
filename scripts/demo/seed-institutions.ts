/**
 * The designated institutions of the demo field (XR-03, CR-04): every institution a demo or test
 * user's certificate names, registered by the insurer of its region with an agreement that
 * started in the past and runs a year ahead. Idempotent: an institution already registered is
 * left as it is.
 */
import { addDays } from '../../chaincode/src/rules/dates';
import type { InstitutionGrade, InstitutionKind } from '../../chaincode/src/model/institution';
import type { InstitutionLevel } from '../../chaincode/src/model/policy';
import type { Call, CallError } from './api';
import { chinaToday } from './api';

export interface InstitutionSeed {
  institutionId: string;
  name: string;
  kind: InstitutionKind;
  level: InstitutionLevel;
  region: string;
  grade: InstitutionGrade;
  agreement: { number: string; validFrom: string; validTo: string };
}

/** Agreements are signed for a few years; these were signed before the chain went live and run a year past today. */
const SIGNED = '2024-01-01';
const validTo = addDays(chinaToday(), 365);
const agreement = (number: string) => ({ number, validFrom: SIGNED, validTo });

/** Names are fictional; "(demo)" says so wherever a name is shown. */
export const INSTITUTIONS: readonly InstitutionSeed[] = [
  {
    institutionId: 'H310001',
    name: "Shanghai No. 1 People's Hospital (demo)",
    kind: 'hospital',
    level: 'tertiary',
    region: '310000',
    grade: 'A',
    agreement: agreement('沪医保协〔2024〕H001号'),
  },
  {
    institutionId: 'H310002',
    name: 'Xuhui Qinghe Community Health Service Centre (demo)',
    kind: 'communityClinic',
    level: 'basic',
    region: '310000',
    grade: 'B',
    agreement: agreement('沪医保协〔2024〕H002号'),
  },
  {
    institutionId: 'H310003',
    name: 'Shanghai Pudong Riverside Hospital (demo)',
    kind: 'hospital',
    level: 'secondary',
    region: '310000',
    grade: 'B',
    agreement: agreement('沪医保协〔2024〕H003号'),
  },
  {
    institutionId: 'P310001',
    name: 'Shanghai Hengsheng Pharmacy, Nanjing Road (demo)',
    kind: 'pharmacy',
    level: 'basic',
    region: '310000',
    grade: 'A',
    agreement: agreement('沪医保协〔2024〕P001号'),
  },
  {
    // The pharmacy the gateway's enrolment test enrols a new pharmacist for.
    institutionId: 'P310009',
    name: 'Shanghai Jinqiao Pharmacy, Huaihai Road (demo)',
    kind: 'pharmacy',
    level: 'basic',
    region: '310000',
    grade: 'B',
    agreement: agreement('沪医保协〔2024〕P009号'),
  },
  {
    institutionId: 'H110001',
    name: 'Beijing No. 1 Municipal Hospital (demo)',
    kind: 'hospital',
    level: 'tertiary',
    region: '110000',
    grade: 'A',
    agreement: agreement('京医保协〔2024〕H001号'),
  },
  {
    institutionId: 'P110001',
    name: 'Beijing Jingxin Pharmacy, Wangfujing (demo)',
    kind: 'pharmacy',
    level: 'basic',
    region: '110000',
    grade: 'B',
    agreement: agreement('京医保协〔2024〕P001号'),
  },
];

/** The demo insurer who designates institutions in each region (network/users.json). */
export const INSURER_OF_REGION: Record<string, string> = { '310000': 'insurer-sh', '110000': 'insurer-bj' };

async function registerUnlessThere(seed: InstitutionSeed, call: Call, log: (s: string) => void): Promise<void> {
  // Right after start-up endorsement can fail for want of endorsers (502/503); that settles within seconds.
  for (let attempt = 1; ; attempt++) {
    try {
      await call('POST', '/institutions', INSURER_OF_REGION[seed.region], seed);
      log(`seeded institution ${seed.institutionId}`);
      return;
    } catch (err) {
      const e = err as CallError;
      if (e.status === 409) {
        log(`institution ${seed.institutionId}: already there`);
        return;
      }
      if ((e.status === 502 || e.status === 503) && attempt < 15) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        continue;
      }
      throw new Error(`seeding institution ${seed.institutionId} failed: ${e.message} ${JSON.stringify(e.details ?? '')}`);
    }
  }
}

/** Registers every demo institution; call it before any staff act (issue, dispense, encounter, claim). */
export async function seedInstitutions(call: Call, log: (s: string) => void = () => undefined): Promise<void> {
  for (const seed of INSTITUTIONS) await registerUnlessThere(seed, call, log);
}
