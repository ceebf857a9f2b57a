/**
 * Synthetic ledger records for the risk-list benchmark and the read-model tests: a sealed
 * catalogue with monitored drugs, then claims (and a prescription for some of them) spread over
 * patients, institutions and months, as decoded blocks the read-model store applies exactly as
 * it applies the chain's. They are written into the read model directly, not through the chain.
 * Deterministic: the same options give the same records, byte for byte.
 */
import crypto from 'node:crypto';
import type { CatalogueDrug, CatalogueVersion, ClaimFeeLine, ClaimRecord, ClaimStatus, PrescriptionRecord, StatusChange } from '@rxchain/chaincode/dist/shared';
import type { DecodedBlock, RecordWrite } from '../gateway-api/src/read-model/block-decoder';
import { prng } from './prng';

export interface SyntheticOptions {
  claims: number;
  patients: number;
  institutions: number;
  /** Months of claims, ending with `lastMonth` (YYYY-MM). */
  months: number;
  lastMonth: string;
  /** One claim in this many also has its prescription on the ledger. */
  prescriptionEvery: number;
  /** Writes per block. */
  blockSize: number;
}

export const REGIONS = ['310000', '110000', '440100', '330100', '320100', '510100', '420100', '610100', '120000', '500000'];
export const DRUGS = Array.from({ length: 20 }, (_, i) => ({ code: `SYN${String(i).padStart(3, '0')}`, monitored: i < 5, priceFen: 50 + i * 35 }));


const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const patientRefOf = (n: number): string => sha(`synthetic patient ${n}`);
export const institutionIdOf = (n: number): string => `SYN-H${String(n).padStart(5, '0')}`;
/** Every 100th institution is made an outlier: monitored drugs ×4 in the last month, heavy on consumables. */
export const isOutlier = (institution: number): boolean => institution % 100 === 7;

function monthList(last: string, count: number): string[] {
  const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const m = end - (count - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

const actor = { mspId: 'HospitalMSP' as const, id: 'x509::/CN=synthetic::/CN=synthetic-ca', role: 'admin' as const };

class Writer {
  private txIndex = 0;
  private block: RecordWrite[] = [];
  private number = 0n;
  private previousHash = '';
  constructor(private readonly blockSize: number) {}

  write(docType: string, recordId: string, value: object, txId: string, txTime: string): DecodedBlock | undefined {
    const valueText = JSON.stringify(value);
    this.block.push({ docType, recordId, txIndex: this.txIndex++, txId, txTime, creatorMsp: 'HospitalMSP', isDelete: false, valueText, sha256: sha(valueText) });
    return this.block.length >= this.blockSize ? this.flush() : undefined;
  }

  flush(): DecodedBlock | undefined {
    if (!this.block.length) return undefined;
    const hash = sha(`synthetic block ${this.number}`);
    const block: DecodedBlock = { number: this.number, hash, previousHash: this.previousHash, transactions: this.block.length, validTransactions: this.block.length, writes: this.block };
    this.number++;
    this.previousHash = hash;
    this.block = [];
    this.txIndex = 0;
    return block;
  }
}

const STATUS_PATHS: { until: number; path: ClaimStatus[] }[] = [
  { until: 0.6, path: ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REMITTED'] },
  { until: 0.75, path: ['SUBMITTED', 'UNDER_REVIEW', 'APPROVED'] },
  { until: 0.8, path: ['SUBMITTED', 'UNDER_REVIEW', 'REJECTED'] },
  { until: 0.9, path: ['SUBMITTED', 'MANUAL_REVIEW'] },
  { until: 1, path: ['SUBMITTED', 'UNDER_REVIEW'] },
];

/** The blocks, in order: the catalogue first, then the claims and prescriptions. */
export function* syntheticBlocks(o: SyntheticOptions): Generator<DecodedBlock> {
  const random = prng(12);
  const w = new Writer(o.blockSize);
  const months = monthList(o.lastMonth, o.months);
  const firstMonth = months[0];
  const catalogueTx = sha('synthetic catalogue');
  const catalogueTime = `${firstMonth}-01T00:00:00.000Z`;
  const stamp = (txId: string, at: string) => ({ by: actor, at, txId });
  const version: CatalogueVersion = {
    docType: 'catalogue',
    versionId: 'SYN-CAT-1',
    effectiveFrom: `${firstMonth}-01`,
    limits: { ordinaryMaxDays: 7, emergencyMaxDays: 3, longMaxDays: 30 },
    drugCount: DRUGS.length,
    drugsAdded: DRUGS.length,
    byClass: { A: DRUGS.length, B: 0, C: 0, NONE: 0 },
    status: 'SEALED',
    opened: stamp(catalogueTx, catalogueTime),
    sealed: stamp(catalogueTx, catalogueTime),
    updated: stamp(catalogueTx, catalogueTime),
  };
  let full = w.write('catalogue', version.versionId, version, catalogueTx, catalogueTime);
  if (full) yield full;
  for (const d of DRUGS) {
    const drug: CatalogueDrug = {
      docType: 'catalogue-drug',
      versionId: version.versionId,
      drugCode: d.code,
      name: `Synthetic drug ${d.code}`,
      genericGroup: `G-${d.code}`,
      coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: d.priceFen },
      substitutes: [],
      monitored: d.monitored,
    };
    full = w.write('catalogue-drug', `${version.versionId}:${d.code}`, drug, catalogueTx, catalogueTime);
    if (full) yield full;
  }

  for (let n = 0; n < o.claims; n++) {
    const patient = Math.floor(random() * o.patients);
    const institution = Math.floor(random() * o.institutions);
    const region = REGIONS[institution % REGIONS.length];
    const insuredRegion = random() < 0.9 ? region : REGIONS[(institution + 1) % REGIONS.length];
    const month = months[Math.floor(random() * months.length)];
    const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
    const serviceDate = `${month}-${day}`;
    const at = `${serviceDate}T0${Math.floor(random() * 10)}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z`;
    const claimId = `CLM-SYN-${String(n).padStart(8, '0')}`;
    const txId = sha(`synthetic claim ${n}`);
    const outlier = isOutlier(institution);
    const lastMonth = month === o.lastMonth;
    const lines: ClaimFeeLine[] = [];
    const drugCount = 1 + Math.floor(random() * 2);
    for (let k = 0; k < drugCount; k++) {
      const drug = DRUGS[Math.floor(random() * DRUGS.length)];
      const quantity = (1 + Math.floor(random() * 20)) * (outlier && lastMonth && drug.monitored ? 4 : 1);
      lines.push(feeLine(lines.length + 1, drug.code, 'drug', drug.priceFen, quantity));
    }
    if (random() < (outlier ? 0.9 : 0.2)) lines.push(feeLine(lines.length + 1, undefined, 'consumable', 800 + Math.floor(random() * 4000), 1 + Math.floor(random() * (outlier ? 6 : 2))));
    const pick = random();
    const statuses = (STATUS_PATHS.find((p) => pick < p.until) ?? STATUS_PATHS[0]).path;
    const patientRef = patientRefOf(patient);
    const claim = claimRecord({
      claimId,
      patientRef,
      institutionId: institutionIdOf(institution),
      level: (['basic', 'secondary', 'tertiary'] as const)[institution % 3],
      region,
      insuredRegion,
      serviceDate,
      at,
      txId,
      lines,
      statuses,
      hitRuleIds: random() < 0.05 ? ['SR-04'] : [],
    });
    full = w.write('claim', claimId, claim, txId, at);
    if (full) yield full;
    if (n % o.prescriptionEvery === 0) {
      // Outliers' patients also get prescriptions from a second institution the same month (SR-04).
      for (const [k, inst] of (outlier ? [institution, (institution + 1) % o.institutions] : [institution]).entries()) {
        const rxTx = sha(`synthetic rx ${n} ${k}`);
        const rx = prescription(`RX-SYN-${n}-${k}`, patientRef, institutionIdOf(inst), REGIONS[inst % REGIONS.length], at, stamp(rxTx, at));
        full = w.write('prescription', rx.rxId, rx, rxTx, at);
        if (full) yield full;
      }
    }
  }
  const last = w.flush();
  if (last) yield last;
}

export interface ClaimSpec {
  claimId: string;
  patientRef: string;
  institutionId: string;
  level: 'basic' | 'secondary' | 'tertiary';
  region: string;
  insuredRegion: string;
  serviceDate: string;
  /** Time of the one transaction that wrote every status of the history. */
  at: string;
  txId: string;
  lines: ClaimFeeLine[];
  statuses: ClaimStatus[];
  hitRuleIds: string[];
}

/** A claim record of the chaincode's shape, its amounts the sums of its lines (fund share 70 %). */
export function claimRecord(c: ClaimSpec): ClaimRecord {
  const totalFen = c.lines.reduce((s, l) => s + l.amountFen, 0);
  const fundFen = Math.round(totalFen * 0.7);
  const stamp = { by: actor, at: c.at, txId: c.txId };
  return {
    docType: 'claim',
    claimId: c.claimId,
    refType: 'dispense',
    refId: `DSP-${c.claimId}`,
    invoiceHash: sha(`invoice ${c.claimId}`),
    patientRef: c.patientRef,
    institutionId: c.institutionId,
    institutionLevel: c.level,
    insuredRegion: c.insuredRegion,
    treatmentRegion: c.region,
    crossRegion: c.insuredRegion !== c.region,
    encounterType: 'pharmacy',
    serviceDate: c.serviceDate,
    feeLines: c.lines,
    amounts: { totalFen, uncoveredFen: 0, overStandardFen: 0, selfPayFirstFen: 0, eligibleFen: totalFen, deductibleFen: 0, fundFen, personalAccountFen: 0, selfPayFen: totalFen - fundFen, capLimited: false },
    ruleSnapshot: { policy: { region: c.insuredRegion, version: 1 }, ratioBp: 7000, ratioBasis: 'level', deductibleThresholdFen: 0, deductibleMetBeforeFen: 0, annualCapFen: 100_000_000, fundPaidBeforeFen: 0 },
    derivation: {
      ref: { refType: 'dispense', refId: `DSP-${c.claimId}`, txId: c.txId },
      institution: { institutionId: c.institutionId, level: c.level, region: c.region, agreementNumber: 'SYN', txId: c.txId, updatedAt: c.at },
      insuredPerson: { txId: c.txId, insuredRegion: c.insuredRegion, scheme: 'employee', status: 'ACTIVE', personalAccountBeforeFen: 0, personalAccountRequestFen: 0 },
    },
    reviewHits: c.hitRuleIds.map((ruleId) => ({ ruleId, action: 'flag' as const, detail: 'synthetic', policy: { region: c.region, version: 1 } })),
    status: c.statuses[c.statuses.length - 1],
    statusHistory: c.statuses.map((status): StatusChange => ({ status, reason: 'synthetic', by: actor, at: c.at, txId: c.txId })),
    transferIds: [],
    submitted: stamp,
    updated: stamp,
  };
}

export function feeLine(lineNo: number, drugCode: string | undefined, category: 'drug' | 'consumable', unitPriceFen: number, quantity: number): ClaimFeeLine {
  const amountFen = unitPriceFen * quantity;
  return {
    lineNo,
    item: drugCode ?? 'synthetic consumable',
    unitPriceFen,
    quantity,
    amountFen,
    category,
    ...(drugCode ? { drugCode } : {}),
    coverage: { class: 'A', selfPayRatioBp: 0 },
    coverageSource: 'dispense',
    uncoveredFen: 0,
    overStandardFen: 0,
    selfPayFirstFen: 0,
    eligibleFen: amountFen,
    insurerAmountFen: Math.round(amountFen * 0.7),
    personalAccountFen: 0,
    selfPayFen: amountFen - Math.round(amountFen * 0.7),
    selfAmountFen: amountFen - Math.round(amountFen * 0.7),
  };
}

export function prescription(rxId: string, patientRef: string, institutionId: string, region: string, at: string, stamp: PrescriptionRecord['issued']): PrescriptionRecord {
  const drug = DRUGS[0];
  return {
    docType: 'prescription',
    rxId,
    prescriber: { doctorId: `DOC-${institutionId}`, institutionId, region },
    patientRef,
    kind: 'ORDINARY',
    diagnosisCodes: ['J06.9'],
    items: [{ drugCode: drug.code, name: `Synthetic drug ${drug.code}`, quantity: 10, dose: '1 tab', days: 7, genericGroup: `G-${drug.code}`, coverage: { class: 'A', selfPayRatioBp: 0 }, monitored: true, selfPayConfirmed: false, remainingQuantity: 10 }],
    catalogueVersion: 'SYN-CAT-1',
    issuedAt: at,
    validUntil: at,
    status: 'ISSUED',
    docHash: sha(rxId),
    flagged: false,
    dispenseIds: [],
    issued: stamp,
    updated: stamp,
  };
}
