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
export * from './model/membership';
export * from './model/organisations';
export * from './model/policy';
export * from './model/practitioner';
export * from './model/probe';
export * from './model/prescription';
export * from './model/trace';
export * from './model/transfer';
