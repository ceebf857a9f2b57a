/**
 * What the gateway shares with the chaincode: record types, error codes and deterministic
 * JSON. Importing this entry does not load fabric-shim or the contracts.
 */
export * from './ledger/canonical-json';
export * from './ledger/errors';
export * from './model/audit';
export * from './model/organisations';
