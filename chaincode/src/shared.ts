/**
 * What the gateway shares with the chaincode: record types, error codes and deterministic
 * JSON. Importing this entry does not load fabric-shim or the contracts.
 */
export * from './api';
export { DOC_TYPES } from './stores/doc-types';
export * from './ledger/canonical-json';
export * from './ledger/errors';
export * from './model/audit';
export * from './model/batch';
export * from './model/catalogue';
export * from './model/claim';
export * from './model/complaint';
export * from './model/coverage';
export * from './model/dispense';
export * from './model/encounter';
export * from './model/filing';
export * from './model/institution';
export * from './model/insured-person';
export * from './model/investigation-case';
export * from './model/membership';
export * from './model/organisations';
export * from './model/policy';
export * from './model/practitioner';
export * from './model/probe';
export * from './model/prescription';
export * from './model/trace';
export * from './model/transfer';
// The read model builds the investigators' traces from its copy with the chaincode's own rules,
// so its timeline entries, fund flows and receipt order are the chain's by construction.
export { chinaDateOf } from './rules/dates';
export { fundFlowOf } from './rules/fund-flow';
export { receiptPosition } from './rules/funds-received';
export { claimEntries, complaintEntries, dispenseEntry, filingEntry, prescriptionEntry, transferEntry } from './rules/timeline';
