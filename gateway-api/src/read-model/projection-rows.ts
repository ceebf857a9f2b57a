/**
 * What one record version contributes to the read model's projections: fact rows and timeline
 * entries, computed from the record's value alone (pure; the SQL that writes them is in
 * projections.ts). The timeline entries come from the chaincode's own entry rules, so an entry
 * here is the entry the chain's Trace:Timeline makes of the same record.
 */
import {
  chinaDateOf,
  claimEntries,
  complaintEntries,
  dispenseEntry,
  filingEntry,
  prescriptionEntry,
  receiptPosition,
  transferEntry,
  type ClaimRecord,
  type ComplaintRecord,
  type DispenseRecord,
  type FilingRecord,
  type PrescriptionRecord,
  type TimelineActorType,
  type TimelineEntry,
  type TransferRecord,
} from '@rxchain/chaincode/dist/shared';

/** A record's latest version as the projections read it. */
export interface ProjectedRecord {
  docType: string;
  recordId: string;
  blockNumber: string;
  txId: string;
  /** Undefined for a delete. */
  value: unknown;
}

export interface ClaimFact {
  claim_id: string;
  institution_id: string;
  institution_level: string;
  treatment_region: string;
  insured_region: string;
  patient_ref: string;
  encounter_type: string;
  service_date: string;
  month: string;
  total_fen: number;
  fund_fen: number;
  consumable_fen: number;
  status: string;
  hit_rule_ids: string[];
  block_number: string;
  tx_id: string;
}

/** A claim's quantity and amount of one drug, its lines summed. */
export interface ClaimDrugFact {
  claim_id: string;
  drug_code: string;
  quantity: number;
  amount_fen: number;
}

export interface PrescriptionFact {
  rx_id: string;
  patient_ref: string;
  doctor_id: string;
  institution_id: string;
  region: string;
  issued_date: string;
  month: string;
  status: string;
  /** The other prescriptions of the same drug or generic group the doctor issued over (SR-04). */
  duplicate_hits: number;
  block_number: string;
  tx_id: string;
}

export interface DispenseFact {
  dispense_id: string;
  rx_id: string;
  patient_ref: string;
  pharmacy_id: string;
  total_fen: number;
  dispensed_date: string;
  block_number: string;
  tx_id: string;
}

export interface TransferFact {
  transfer_id: string;
  kind: string;
  from_party: string;
  to_party: string;
  amount_fen: number;
  transfer_date: string;
  /** The chain's receipt order: `<executed at>|<transferId>`. */
  position: string;
  claim_ids: string[];
  block_number: string;
  tx_id: string;
}

/** One timeline entry of one actor, with where it sorts among entries of the same instant. */
export interface TimelineRow {
  actor_type: TimelineActorType;
  actor_id: string;
  /** The record whose projection made the entry; re-projecting the record replaces its entries. */
  source_type: string;
  source_id: string;
  seq: number;
  at: string;
  /** Entries of one instant in the order the chain gathers them: see rankOf. */
  rank: number;
  kind: TimelineEntry['kind'];
  record_id: string;
  action: string;
  amount_fen: number | null;
  tx_id: string;
}

/**
 * The chain's timeline sorts by time only and keeps gathering order within one instant:
 * prescriptions, dispenses, then each claim with its payments and recovery, then receipts,
 * recoveries, filings, complaints. The rank reproduces that order for entries of one tx.
 */
const RANK = { prescription: 0, dispense: 1, claim: 2, receipt: 3, recovery: 4, filing: 5, complaint: 6 } as const;

export const monthOf = (date: string): string => date.slice(0, 7);
const chinaDateAt = (iso: string): string => chinaDateOf(Date.parse(iso));

export function claimFact(claim: ClaimRecord, at: Pick<ProjectedRecord, 'blockNumber' | 'txId'>): ClaimFact {
  return {
    claim_id: claim.claimId,
    institution_id: claim.institutionId,
    institution_level: claim.institutionLevel,
    treatment_region: claim.treatmentRegion,
    insured_region: claim.insuredRegion,
    patient_ref: claim.patientRef,
    encounter_type: claim.encounterType,
    service_date: claim.serviceDate,
    month: monthOf(claim.serviceDate),
    total_fen: claim.amounts.totalFen,
    fund_fen: claim.amounts.fundFen,
    consumable_fen: claim.feeLines.filter((l) => l.category === 'consumable').reduce((sum, l) => sum + l.amountFen, 0),
    status: claim.status,
    hit_rule_ids: [...new Set(claim.reviewHits.map((h) => h.ruleId))].sort(),
    block_number: at.blockNumber,
    tx_id: at.txId,
  };
}

/** Per drug: the quantity and amount of the claim's lines that name it. */
export function claimDrugFacts(claim: ClaimRecord): ClaimDrugFact[] {
  const byDrug = new Map<string, ClaimDrugFact>();
  for (const line of claim.feeLines) {
    if (line.drugCode === undefined) continue;
    const fact = byDrug.get(line.drugCode) ?? { claim_id: claim.claimId, drug_code: line.drugCode, quantity: 0, amount_fen: 0 };
    fact.quantity += line.quantity;
    fact.amount_fen += line.amountFen;
    byDrug.set(line.drugCode, fact);
  }
  return [...byDrug.values()];
}

export function prescriptionFact(rx: PrescriptionRecord, at: Pick<ProjectedRecord, 'blockNumber' | 'txId'>): PrescriptionFact {
  const issuedDate = chinaDateAt(rx.issuedAt);
  return {
    rx_id: rx.rxId,
    patient_ref: rx.patientRef,
    doctor_id: rx.prescriber.doctorId,
    institution_id: rx.prescriber.institutionId,
    region: rx.prescriber.region,
    issued_date: issuedDate,
    month: monthOf(issuedDate),
    status: rx.status,
    duplicate_hits: rx.duplicateOverride?.duplicates.length ?? 0,
    block_number: at.blockNumber,
    tx_id: at.txId,
  };
}

export function dispenseFact(d: DispenseRecord, at: Pick<ProjectedRecord, 'blockNumber' | 'txId'>): DispenseFact {
  return {
    dispense_id: d.dispenseId,
    rx_id: d.rxId,
    patient_ref: d.patientRef,
    pharmacy_id: d.pharmacyId,
    total_fen: d.totalFen,
    dispensed_date: chinaDateAt(d.dispensed.at),
    block_number: at.blockNumber,
    tx_id: at.txId,
  };
}

export function transferFact(t: TransferRecord, at: Pick<ProjectedRecord, 'blockNumber' | 'txId'>): TransferFact {
  return {
    transfer_id: t.transferId,
    kind: t.kind,
    from_party: t.fromParty,
    to_party: t.toParty,
    amount_fen: t.amountFen,
    transfer_date: t.date,
    position: receiptPosition({ transferId: t.transferId, date: t.date, at: t.executed.at, amountFen: t.amountFen }),
    claim_ids: t.claimIds,
    block_number: at.blockNumber,
    tx_id: at.txId,
  };
}

type Source = Pick<TimelineRow, 'source_type' | 'source_id'>;

function rows(actor: Pick<TimelineRow, 'actor_type' | 'actor_id'>, source: Source, rank: number, entries: TimelineEntry[], firstSeq = 0): TimelineRow[] {
  return entries.map((e, i) => ({
    ...actor,
    ...source,
    seq: firstSeq + i,
    at: e.at,
    rank,
    kind: e.kind,
    record_id: e.id,
    action: e.action,
    amount_fen: e.amountFen ?? null,
    tx_id: e.txId,
  }));
}

export const prescriptionTimeline = (rx: PrescriptionRecord): TimelineRow[] => {
  const source = { source_type: 'prescription', source_id: rx.rxId };
  const entry = [prescriptionEntry(rx)];
  return [...rows({ actor_type: 'doctor', actor_id: rx.prescriber.doctorId }, source, RANK.prescription, entry), ...rows({ actor_type: 'patientRef', actor_id: rx.patientRef }, source, RANK.prescription, entry)];
};

export const dispenseTimeline = (d: DispenseRecord): TimelineRow[] => {
  const source = { source_type: 'dispense', source_id: d.dispenseId };
  const entry = [dispenseEntry(d)];
  return [...rows({ actor_type: 'pharmacy', actor_id: d.pharmacyId }, source, RANK.dispense, entry), ...rows({ actor_type: 'patientRef', actor_id: d.patientRef }, source, RANK.dispense, entry)];
};

/**
 * A claim's entries: its statuses for its institution and its patient; its payments and recovery
 * for its patient; its recovery (the institution paying back) for its institution. `transfers`
 * are the claim's own, as the claim names them (transferIds, recoveryTransferId).
 */
export function claimTimeline(claim: ClaimRecord, transfers: ReadonlyMap<string, TransferRecord>): TimelineRow[] {
  const source = { source_type: 'claim', source_id: claim.claimId };
  const statuses = claimEntries(claim);
  const payments = claim.transferIds.flatMap((id) => (transfers.has(id) ? [transferEntry(transfers.get(id) as TransferRecord)] : []));
  const recovery = claim.recoveryTransferId !== undefined && transfers.has(claim.recoveryTransferId) ? [transferEntry(transfers.get(claim.recoveryTransferId) as TransferRecord)] : [];
  const institution = { actor_type: 'institution' as const, actor_id: claim.institutionId };
  const patient = { actor_type: 'patientRef' as const, actor_id: claim.patientRef };
  return [
    ...rows(institution, source, RANK.claim, statuses),
    ...rows(institution, source, RANK.recovery, recovery, statuses.length),
    ...rows(patient, source, RANK.claim, [...statuses, ...payments, ...recovery]),
  ];
}

/** What a party received: the institution's (or fund's) receipts, as the payee index lists them. */
export const transferTimeline = (t: TransferRecord): TimelineRow[] =>
  rows({ actor_type: 'institution', actor_id: t.toParty }, { source_type: 'transfer', source_id: t.transferId }, RANK.receipt, [transferEntry(t)]);

export const filingTimeline = (f: FilingRecord): TimelineRow[] =>
  rows({ actor_type: 'patientRef', actor_id: f.patientRef }, { source_type: 'filing', source_id: f.filingId }, RANK.filing, [filingEntry(f)]);

export const complaintTimeline = (c: ComplaintRecord): TimelineRow[] =>
  rows({ actor_type: 'patientRef', actor_id: c.patientRef }, { source_type: 'complaint', source_id: c.complaintId }, RANK.complaint, complaintEntries(c));

/** The record ids a claim's timeline needs besides the claim: its transfers. */
export const claimTransferIds = (claim: ClaimRecord): string[] => [...claim.transferIds, ...(claim.recoveryTransferId === undefined ? [] : [claim.recoveryTransferId])];
