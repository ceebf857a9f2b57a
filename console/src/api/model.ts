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
