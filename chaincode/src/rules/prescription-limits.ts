/**
 * Item checks at issue, against the entries of the catalogue version in force (RX-04, RX-07)
 * and its days' supply limits per prescription kind (RX-01 over-quantity, RX-09 long
 * prescriptions). The entries are only those of the drugs prescribed.
 */
import { ruleViolation } from '../ledger/errors';
import type { CatalogueDrug, CatalogueLimits } from '../model/catalogue';
import type { Coverage } from '../model/coverage';
import type { PrescriptionItem, PrescriptionKind } from '../model/prescription';

export interface ItemRequest {
  drugCode: string;
  quantity: number;
  dose: string;
  days: number;
}

/** The version in force as issue needs it: its id, its limits and the entries of the prescribed drugs. */
export interface CatalogueExcerpt {
  versionId: string;
  limits: CatalogueLimits;
  drugs: ReadonlyMap<string, CatalogueDrug>;
}

export function maxDaysFor(kind: PrescriptionKind, limits: CatalogueLimits): number {
  if (kind === 'EMERGENCY') return limits.emergencyMaxDays;
  if (kind === 'LONG') return limits.longMaxDays;
  return limits.ordinaryMaxDays;
}

/** Drugs the fund pays nothing for: 丙 class and out of catalogue. The patient pays them in full. */
export const isUncovered = (coverage: Coverage): boolean => coverage.class === 'C' || coverage.class === 'NONE';

/**
 * The items as they will be recorded, or a RULE error for the first that cannot be prescribed:
 * a drug the version does not list, a supply longer than the kind allows, or a drug the fund
 * does not cover that the patient has not agreed to pay for in full.
 */
export function prescribeItems(
  requests: readonly ItemRequest[],
  kind: PrescriptionKind,
  catalogue: CatalogueExcerpt,
  selfPayConfirmed: readonly string[],
): PrescriptionItem[] {
  const maxDays = maxDaysFor(kind, catalogue.limits);
  return requests.map((req, i) => {
    const drug = catalogue.drugs.get(req.drugCode);
    if (!drug) throw ruleViolation(`items[${i}].drugCode ${req.drugCode} is not listed in catalogue version ${catalogue.versionId}`);
    if (req.days > maxDays) {
      throw ruleViolation(`items[${i}].days ${req.days} exceeds the ${kind} limit of ${maxDays} days (catalogue ${catalogue.versionId})`);
    }
    const confirmed = selfPayConfirmed.includes(req.drugCode);
    if (isUncovered(drug.coverage) && !confirmed) {
      const why = drug.coverage.class === 'NONE' ? 'is outside the insurance catalogue' : 'is a class C drug the fund does not pay for';
      throw ruleViolation(`items[${i}].drugCode ${req.drugCode} ${why}; the patient must confirm paying for it in full (RX-04, selfPayConfirmed)`);
    }
    return {
      drugCode: req.drugCode,
      name: drug.name,
      quantity: req.quantity,
      dose: req.dose,
      days: req.days,
      genericGroup: drug.genericGroup,
      coverage: { ...drug.coverage },
      monitored: drug.monitored,
      selfPayConfirmed: confirmed,
      remainingQuantity: req.quantity,
    };
  });
}
