/**
 * The rxchain chaincode: every contract the `rxchain` chaincode serves. fabric-chaincode-node
 * loads this module's `contracts` export when started as a chaincode server.
 */
import type { Contract } from 'fabric-contract-api';
import { AuditContract } from './contracts/audit-contract';
import { ProbeContract } from './contracts/probe-contract';

export const contracts: (new () => Contract)[] = [ProbeContract, AuditContract];

export * from './shared';
