/**
 * Who may call what: every chaincode transaction and the roles allowed to call it. The chaincode
 * refuses any other role before it reads an argument; the gateway answers 403 from the same
 * table, and OpenAPI publishes it as x-roles. Which institution or region a caller acts for
 * (party checks) is the chaincode's own business, judged against the records.
 */
import type { Role } from '../model/organisations';

const ANY: readonly Role[] = ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'];
const STAFF: readonly Role[] = ['admin', 'doctor', 'pharmacist'];
const OVERSIGHT: readonly Role[] = ['insurer', 'investigator'];

export const ACCESS = {
  'Probe:Write': ['admin'],
  'Probe:Read': ANY,
  'Audit:History': ['investigator', 'insurer', 'admin'],

  'Institution:Register': ['insurer'],
  'Institution:Update': ['insurer'],
  'Institution:Suspend': OVERSIGHT,
  'Institution:Revoke': OVERSIGHT,
  'Institution:Get': ANY,
  'Institution:ListByRegion': ANY,

  'Practitioner:Register': ['admin'],
  'Practitioner:RecordViolation': ['insurer', 'admin'],
  'Practitioner:Restore': ['insurer', 'admin'],
  'Practitioner:Get': ANY,

  'Catalogue:OpenVersion': ['insurer'],
  'Catalogue:AddDrugs': ['insurer'],
  'Catalogue:SealVersion': ['insurer'],
  'Catalogue:GetVersionInForce': ANY,
  'Catalogue:GetVersion': ANY,
  'Catalogue:GetDrug': ANY,
  'Catalogue:ListDrugs': ANY,

  'Prescription:InitPatientSalt': ['admin'],
  'Prescription:PatientRef': ['doctor', 'pharmacist', 'insurer', 'admin'],
  'Prescription:PreCheck': ['doctor'],
  'Prescription:Issue': ['doctor'],
  'Prescription:Verify': ['pharmacist', 'insurer', 'investigator'],
  'Prescription:Dispense': ['pharmacist'],
  'Prescription:Revoke': ['doctor', 'admin'],
  'Prescription:Get': ANY,
  'Prescription:History': ANY,
  'Prescription:GetDispense': ANY,
  'Prescription:List': ANY,
  'Prescription:ByPharmacy': ANY,

  'Policy:Set': ['insurer'],
  'Policy:Get': ANY,
  'Policy:InForce': ANY,
  'Policy:List': ANY,

  'Filing:Create': ['insurer'],
  'Filing:Get': ANY,
  'Filing:ListByPatient': ANY,

  'InsuredPerson:Enrol': ['insurer'],
  'InsuredPerson:EnrolBatch': ['insurer'],
  'InsuredPerson:SetStatus': ['insurer'],
  'InsuredPerson:CreditAccount': ['insurer'],
  // Staff read it too: at the counter they must tell the patient whether and where they are
  // insured and what the account can pay (XR-02, TF-06); the contract checks nothing more.
  'InsuredPerson:Get': ANY,

  'Encounter:Record': ['admin', 'doctor'],
  'Encounter:Get': ['admin', 'doctor', 'insurer', 'investigator'],
  'Encounter:ListByPatient': ['admin', 'doctor', 'insurer', 'investigator'],

  'Claim:Submit': STAFF,
  'Claim:Review': ['insurer'],
  'Claim:Get': ANY,
  'Claim:ListByRegion': OVERSIGHT,
  'Claim:ListByInstitution': ANY,

  'Settlement:Pay': ['insurer'],
  'Settlement:Recover': ['insurer'],
  'Settlement:Clearable': ['insurer'],
  'Settlement:ProposeBatch': ['insurer'],
  'Settlement:ConfirmBatch': ['insurer'],
  'Settlement:RejectBatch': ['insurer'],
  'Settlement:GetBatch': OVERSIGHT,
  'Settlement:ListBatches': OVERSIGHT,
  'Settlement:GetTransfer': ANY,

  'Complaint:File': STAFF,
  'Complaint:Respond': ['insurer'],
  'Complaint:Get': ANY,
  'Complaint:ListOverdue': OVERSIGHT,
  'Complaint:SetCalendar': ['insurer'],
  'Complaint:GetCalendar': ANY,

  'Trace:FundFlow': ['investigator'],
  'Trace:FundsReceived': ['investigator'],
  'Trace:Timeline': ['investigator'],

  // Cases are the regulator's (FT-01/02/04); the insurer of a case's region reads it (party check in the contract).
  'Investigation:Open': ['investigator'],
  'Investigation:LinkEvidence': ['investigator'],
  'Investigation:RecordFinding': ['investigator'],
  'Investigation:Sanction': ['investigator'],
  'Investigation:RecordRecovery': ['investigator'],
  'Investigation:Close': ['investigator'],
  'Investigation:Get': OVERSIGHT,
  'Investigation:ListByRegion': OVERSIGHT,
  'Investigation:ListOverdue': OVERSIGHT,
  // FT-05 patient observers: gateway-only identities, reaching the chain through the gateway's
  // observer service identity (role observer), which names the observer; the contract checks the assignment.
  'Investigation:AssignObserver': ['investigator'],
  'Investigation:AnswerRemark': ['investigator'],
  'Investigation:FileRemark': ['observer'],
  'Investigation:ObserverView': ['observer'],
  'Investigation:ListForObserver': ['observer'],
  // Membership is public channel data; changes are voted by member orgs' admins.
  'Membership:Get': ANY,
  'Membership:Propose': ['admin'],
  'Membership:Approve': ['admin'],
  'Membership:GetProposal': ANY,
  // Index rebuilds write only entries derived from records already on the ledger.
  'Maintenance:IndexPage': ['admin'],
  'Maintenance:RebuildIndex': ['admin'],
  // A region's history is its insurer's to import (the region from its membership entry); oversight reads the batches.
  'Archive:ImportPolicy': ['insurer'],
  'Archive:ImportVisits': ['insurer'],
  'Archive:GetBatch': OVERSIGHT,
} as const satisfies Record<string, readonly Role[]>;

export type TxId = keyof typeof ACCESS;

export function rolesOf(id: TxId): readonly Role[] {
  return ACCESS[id];
}
