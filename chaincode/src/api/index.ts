/**
 * Every transaction of the rxchain chaincode, by contract. The gateway, the typed clients and
 * the drift test all read this one registry.
 */
import { ArchiveApi } from './archive-api';
import { AuditApi } from './audit-api';
import { CatalogueApi } from './catalogue-api';
import { ClaimApi } from './claim-api';
import { ComplaintApi } from './complaint-api';
import { EncounterApi } from './encounter-api';
import { FilingApi } from './filing-api';
import { InstitutionApi } from './institution-api';
import { InsuredPersonApi } from './insured-person-api';
import { InvestigationApi } from './investigation-api';
import { MaintenanceApi } from './maintenance-api';
import { MembershipApi } from './membership-api';
import { PolicyApi } from './policy-api';
import { PractitionerApi } from './practitioner-api';
import { PrescriptionApi } from './prescription-api';
import { ProbeApi } from './probe-api';
import { SettlementApi } from './settlement-api';
import { TraceApi } from './trace-api';
import type { AnyTx } from './transaction';

export const API = {
  Probe: ProbeApi,
  Audit: AuditApi,
  Institution: InstitutionApi,
  InsuredPerson: InsuredPersonApi,
  Practitioner: PractitionerApi,
  Catalogue: CatalogueApi,
  Prescription: PrescriptionApi,
  Policy: PolicyApi,
  Filing: FilingApi,
  Encounter: EncounterApi,
  Claim: ClaimApi,
  Settlement: SettlementApi,
  Complaint: ComplaintApi,
  Trace: TraceApi,
  Investigation: InvestigationApi,
  Membership: MembershipApi,
  Maintenance: MaintenanceApi,
  Archive: ArchiveApi,
} as const;

/** Every transaction definition, in registry order. */
export const ALL_TRANSACTIONS: readonly AnyTx[] = Object.values(API).flatMap((contract) => Object.values(contract) as AnyTx[]);

export * from './access';
export * from './checker';
export * from './kit';
export * from './transaction';
export { ArchiveApi, AuditApi, CatalogueApi, ClaimApi, ComplaintApi, EncounterApi, FilingApi, InstitutionApi, InsuredPersonApi, InvestigationApi, MaintenanceApi, MembershipApi, PolicyApi, PractitionerApi, PrescriptionApi, ProbeApi, SettlementApi, TraceApi };
export { MAX_REBUILD_IDS, type IndexPage, type IndexRebuild } from './maintenance-api';
