/** Designated institutions: key institutionId, listed per region; and the gate every act of staff passes. */
import type { Context } from 'fabric-contract-api';
import { forbidden, ruleViolation } from '../ledger/errors';
import type { Staff } from '../ledger/parties';
import { RecordStore, index, lastAttribute, pageOf, type Paging } from '../ledger/record-store';
import type { Page } from '../model/audit';
import { STAFF_ORG_KIND_OF, type InstitutionRecord } from '../model/institution';
import { agreementRefusal } from '../rules/designation';

/** [region, institutionId] */
export const INSTITUTION_BY_REGION = 'institution-by-region';

export const institutions = new RecordStore<InstitutionRecord>('institution', (i) => i.institutionId, [
  index(INSTITUTION_BY_REGION, (i) => [[i.region, i.institutionId]]),
]);

/** One page of a region's designated institutions, in institution id order. */
export function institutionsOfRegion(ctx: Context, region: string, paging: Paging): Promise<Page<InstitutionRecord>> {
  return pageOf(ctx, INSTITUTION_BY_REGION, [region], paging, (attributes) => institutions.mustGet(ctx, lastAttribute(attributes)));
}

/**
 * The registered institution a member of staff acts for, if it may act on `today` (China date):
 * registered, of the staff's kind, in the staff's region, its agreement in force (CR-10).
 * Unregistered or foreign → FORBIDDEN; suspended, revoked or out of its validity → RULE.
 */
export async function actingInstitution(ctx: Context, staff: Staff, today: string): Promise<InstitutionRecord> {
  const institution = await institutions.get(ctx, staff.institutionId);
  if (!institution) throw forbidden(`institution ${staff.institutionId} is not a registered designated institution`);
  if (STAFF_ORG_KIND_OF[institution.kind] !== staff.kind) {
    throw forbidden(`institution ${institution.institutionId} is a ${institution.kind}; ${staff.kind} staff cannot act for it`);
  }
  if (institution.region !== staff.region) {
    throw forbidden(`institution ${institution.institutionId} is registered in region ${institution.region}, not ${staff.region}`);
  }
  const refusal = agreementRefusal(institution, today);
  if (refusal) throw ruleViolation(refusal);
  return institution;
}
