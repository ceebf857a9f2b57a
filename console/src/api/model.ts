/**
 * The records the API answers with are the chaincode's own model types (the OpenAPI document
 * describes requests only), imported here so the console never re-declares them.
 */
export type { Page, HistoryEntry, Stamp } from '../../../chaincode/src/model/audit';
export type { BatchRecord, ClearableSummary, ClearingResult, NetPosition } from '../../../chaincode/src/model/batch';
export type { CatalogueDrug, CatalogueVersion } from '../../../chaincode/src/model/catalogue';
export type { ClaimRecord, ClaimStatus, ReviewHit } from '../../../chaincode/src/model/claim';
export type { ComplaintView, OverdueList } from '../../../chaincode/src/model/complaint';
export type { Coverage, CoverageClass } from '../../../chaincode/src/model/coverage';
export type { DispenseRecord } from '../../../chaincode/src/model/dispense';
export type { EncounterKind, EncounterRecord, FeeCategory } from '../../../chaincode/src/model/encounter';
export { ENCOUNTER_TYPES, FEE_CATEGORIES } from '../../../chaincode/src/model/encounter';
export type { FilingRecord } from '../../../chaincode/src/model/filing';
export type { InstitutionRecord } from '../../../chaincode/src/model/institution';
export type { InsuredPersonRecord } from '../../../chaincode/src/model/insured-person';
export type { PolicyRecord } from '../../../chaincode/src/model/policy';
export type {
  DuplicateHit, PreCheckItem, PreCheckResult, PrescriptionRecord, PrescriptionStatus, VerifyResult, VerifyStatus, PatientIdType,
} from '../../../chaincode/src/model/prescription';
export type { FundFlow, FundsReceived, Timeline, TimelineActorType, TimelineEntry } from '../../../chaincode/src/model/trace';
export type { PaymentResult, TransferRecord } from '../../../chaincode/src/model/transfer';
export type { MembershipRecord } from '../../../chaincode/src/model/membership';
export type { Role } from '../../../chaincode/src/model/organisations';

/** A committed write: the record under its key, with the transaction that wrote it. */
export type Written<K extends string, T> = Record<K, T> & { txId: string; blockNumber: string };
export type { CaseFraudType, CaseSubjectKind, CaseView, CasePage, OverdueCases } from '../../../chaincode/src/model/investigation-case';
export { CASE_FRAUD_TYPES, CASE_OUTCOMES, CASE_SUBJECT_KINDS, EVIDENCE_KINDS, RECOVERY_KINDS } from '../../../chaincode/src/model/investigation-case';
export { SANCTION_ACTIONS } from '../../../chaincode/src/model/institution';

/** The read model's answers (risk profiles, case files) are the gateway's own types, imported the same way. */
import type { InstitutionMonth, InstitutionRisk, PatientDetail, PatientRisk, RegionMonth } from '../../../gateway-api/src/read-model/risk-queries';
export type { CaseFile, EvidenceEntry, FlowEdge as CaseFlowEdge, FlowNode as CaseFlowNode, TimelineEntry as CaseTimelineEntry } from '../../../gateway-api/src/read-model/case-file';
export type { InstitutionRisk, PatientRisk } from '../../../gateway-api/src/read-model/risk-queries';
export type { Reason as RiskReason } from '../../../gateway-api/src/read-model/risk-scoring';
/** The scoring's thresholds, shown next to the figures they judge. */
export { RISK_PARAMETERS } from '../../../gateway-api/src/read-model/risk-scoring';

/** The envelopes gateway-api/src/routes/risk.ts wraps those in. */
export interface RiskInstitutionList { month: string; region?: string; count: number; institutions: InstitutionRisk[]; bookmark: string }
export type RiskInstitutionProfile = Omit<InstitutionRisk, 'figures' | 'regionFigures'> & Partial<Pick<InstitutionRisk, 'regionFigures'>> & { figures: InstitutionRisk['figures'] | null; months: InstitutionMonth[] };
export interface RiskPatientList { region?: string; patients: PatientRisk[]; bookmark: string }
export type RiskPatientProfile = PatientRisk & PatientDetail;
export interface RegionMonthly { region: string; from: string; to: string; months: RegionMonth[] }
