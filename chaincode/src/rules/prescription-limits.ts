/**
 * Item checks at issue, against the catalogue version in force (RX-04, RX-07) and its days'
 * supply limits per prescription kind (RX-01 over-quantity, RX-09 long prescriptions).
 */
import { ruleViolation } from '../ledger/errors';
import type { CatalogueLimits, DrugEntry } from '../model/catalogue';
import type { PrescriptionItem, PrescriptionKind } from '../model/prescription';

export interface ItemRequest {
  drugCode: string;
  quantity: number;
  dose: string;
  days: number;
}

export function maxDaysFor(kind: PrescriptionKind, limits: CatalogueLimits): number {
  if (kind === 'EMERGENCY') return limits.emergencyMaxDays;
  if (kind === 'LONG') return limits.longMaxDays;
  return limits.ordinaryMaxDays;
}

/**
 * The items as they will be recorded, or a RULE error for the first that cannot be prescribed:
 * a drug the version does not list, a supply longer than the kind allows, or an out-of-catalogue
 * drug the patient has not agreed to pay for in full.
 */
export function prescribeItems(
  requests: readonly ItemRequest[],
  kind: PrescriptionKind,
  catalogue: { versionId: string; drugs: readonly DrugEntry[]; limits: CatalogueLimits },
  selfPayConfirmed: readonly string[],
): PrescriptionItem[] {
  const maxDays = maxDaysFor(kind, catalogue.limits);
  return requests.map((req, i) => {
    const drug = catalogue.drugs.find((d) => d.drugCode === req.drugCode);
    if (!drug) throw ruleViolation(`items[${i}].drugCode ${req.drugCode} is not listed in catalogue version ${catalogue.versionId}`);
    if (req.days > maxDays) {
      throw ruleViolation(`items[${i}].days ${req.days} exceeds the ${kind} limit of ${maxDays} days (catalogue ${catalogue.versionId})`);
    }
    const confirmed = selfPayConfirmed.includes(req.drugCode);
    if (!drug.inCatalogue && !confirmed) {
      throw ruleViolation(`items[${i}].drugCode ${req.drugCode} is outside the insurance catalogue; the patient must confirm paying for it in full (RX-04, selfPayConfirmed)`);
    }
    return {
      drugCode: req.drugCode,
      quantity: req.quantity,
      dose: req.dose,
      days: req.days,
      genericGroup: drug.genericGroup,
      inCatalogue: drug.inCatalogue,
      selfPayRatioBp: drug.selfPayRatioBp,
      selfPayConfirmed: confirmed,
      remainingQuantity: req.quantity,
    };
  });
}
