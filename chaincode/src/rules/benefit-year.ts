/**
 * A patient's benefit year in an insured region: the deductible met and the fund paid so far.
 * A claim reserves its part at submission, since the patient pays their share at the counter
 * (XR-02); a rejected claim hands it back.
 */
import type { Stamp } from '../model/audit';
import { benefitYearIdOf, type BenefitYearRecord, type ClaimAmounts, type ClaimRecord } from '../model/claim';

type YearKey = Pick<ClaimRecord, 'insuredRegion' | 'patientRef' | 'serviceDate'>;

/** Benefit years are calendar years of the service date. */
export const benefitYearOf = (serviceDate: string): number => Number(serviceDate.slice(0, 4));

export const benefitYearIdFor = (key: YearKey): string => benefitYearIdOf(key.insuredRegion, benefitYearOf(key.serviceDate), key.patientRef);

/** The year after a claim reserved its deductible and fund share; `prev` is absent for the patient's first claim of the year. */
export function reserveBenefit(prev: BenefitYearRecord | undefined, key: YearKey, amounts: Pick<ClaimAmounts, 'deductibleFen' | 'fundFen'>, stamp: Stamp): BenefitYearRecord {
  return {
    docType: 'benefit-year',
    id: benefitYearIdFor(key),
    insuredRegion: key.insuredRegion,
    year: benefitYearOf(key.serviceDate),
    patientRef: key.patientRef,
    deductibleMetFen: (prev?.deductibleMetFen ?? 0) + amounts.deductibleFen,
    fundPaidFen: (prev?.fundPaidFen ?? 0) + amounts.fundFen,
    updated: stamp,
  };
}

/** The year after a rejected claim handed back what it reserved. */
export function releaseBenefit(benefit: BenefitYearRecord, claim: Pick<ClaimRecord, 'amounts'>, stamp: Stamp): BenefitYearRecord {
  return {
    ...benefit,
    deductibleMetFen: benefit.deductibleMetFen - claim.amounts.deductibleFen,
    fundPaidFen: benefit.fundPaidFen - claim.amounts.fundFen,
    updated: stamp,
  };
}
