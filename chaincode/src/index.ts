/**
 * The rxchain chaincode: every contract the `rxchain` chaincode serves. fabric-chaincode-node
 * loads this module's `contracts` export when started as a chaincode server.
 */
import type { Contract } from 'fabric-contract-api';
import { ArchiveContract } from './contracts/archive-contract';
import { AuditContract } from './contracts/audit-contract';
import { CatalogueContract } from './contracts/catalogue-contract';
import { ClaimContract } from './contracts/claim-contract';
import { ComplaintContract } from './contracts/complaint-contract';
import { EncounterContract } from './contracts/encounter-contract';
import { FilingContract } from './contracts/filing-contract';
import { InstitutionContract } from './contracts/institution-contract';
import { InsuredPersonContract } from './contracts/insured-person-contract';
import { InvestigationContract } from './contracts/investigation-contract';
import { MaintenanceContract } from './contracts/maintenance-contract';
import { MembershipContract } from './contracts/membership-contract';
import { PolicyContract } from './contracts/policy-contract';
import { PractitionerContract } from './contracts/practitioner-contract';
import { PrescriptionContract } from './contracts/prescription-contract';
import { ProbeContract } from './contracts/probe-contract';
import { SettlementContract } from './contracts/settlement-contract';
import { TraceContract } from './contracts/trace-contract';

export const contracts: (new () => Contract)[] = [
  ProbeContract,
  AuditContract,
  InstitutionContract,
  PractitionerContract,
  CatalogueContract,
  PrescriptionContract,
  PolicyContract,
  FilingContract,
  InsuredPersonContract,
  EncounterContract,
  ClaimContract,
  SettlementContract,
  ComplaintContract,
  TraceContract,
  InvestigationContract,
  MembershipContract,
  MaintenanceContract,
  ArchiveContract,
];

export * from './shared';
