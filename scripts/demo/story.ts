/**
 * The whole story on a running network, one actor at a time: a Beijing-insured patient is
 * filed for cross-region care, prescribed for in Shanghai, dispensed to, claimed for, paid,
 * cleared between the two insurance offices, and traced back by an investigator.
 */
import crypto from 'node:crypto';
import type { ClearingResult, BatchRecord } from '../../chaincode/src/model/batch';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { FilingRecord } from '../../chaincode/src/model/filing';
import type { HistoryEntry } from '../../chaincode/src/model/audit';
import type { PreCheckResult, PrescriptionRecord, VerifyResult } from '../../chaincode/src/model/prescription';
import type { FundFlow, Timeline } from '../../chaincode/src/model/trace';
import type { PaymentResult } from '../../chaincode/src/model/transfer';
import type { Call } from './api';
import { chinaToday } from './api';
import { enrolInsured } from './seed-insured';

const SHANGHAI = '310000';
const BEIJING = '110000';
/**
 * A Beijing employee with type 2 diabetes, treated in Shanghai: a 90-day long prescription (RX-09)
 * of insulin glargine pens, class 乙 (B) with 10 % self-paid first, payment standard ¥65.00 a pen;
 * the pharmacy charges ¥63.00, under the standard.
 */
const DRUG = { drugCode: 'XA10AE04', name: 'Insulin glargine pen', quantity: 10, unitPriceFen: 6_300 };
/** The patient's personal account in Beijing, as the Beijing insurer records it. */
const ACCOUNT_FEN = 50_000;

export interface StoryResult {
  patientRef: string;
  filingId: string;
  rxId: string;
  dispenseId: string;
  claimId: string;
  paymentTransferId: string;
  batchId: string;
  clearingTransferId: string;
  claim: ClaimRecord;
  fundFlow: FundFlow;
  /** The patient's timeline as the investigator sees it. */
  timeline: Timeline;
  /** Wall time from sending the claim to the payment's commit. */
  claimToRemittedMs: number;
}

type Written<K extends string, T> = Record<K, T> & { txId: string; blockNumber: string };

export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
const short = (id: string): string => (id.length > 16 ? `${id.slice(0, 12)}…` : id);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function playStory(call: Call, log: (line: string) => void = () => undefined): Promise<StoryResult> {
  const today = chinaToday();
  const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
  // The identity travels in the transient field only; the ledger sees the salted pseudonym.
  const patient = { idType: 'PASSPORT', idNumber: `E${tag}`, name: `Demo Patient ${tag}` };
  let step = 0;
  const say = (actor: string, text: string) => log(`${String(++step).padStart(2)}. [${actor}] ${text}`);

  const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-bj', { patient });
  await enrolInsured(call, patientRef, 'insurer-bj', 'employee', ACCOUNT_FEN);
  say('Beijing insurer', `enrols the patient insured in Beijing (${BEIJING}), known on the chain only as patientRef ${short(patientRef)}: employee scheme, personal account ${yuan(ACCOUNT_FEN)}`);

  const { filing } = await call<Written<'filing', FilingRecord>>('POST', '/filings', 'insurer-bj', {
    patientRef,
    insuredRegion: BEIJING,
    treatmentRegion: SHANGHAI,
    period: { from: today, to: addDays(today, 90) },
    emergencyPostFiled: false,
  });
  say('Beijing insurer', `files cross-region care in Shanghai (异地备案) ${filing.filingId}, ${filing.period.from} → ${filing.period.to}`);

  const precheck = await call<PreCheckResult>('POST', '/prescriptions/precheck', 'doctor1', { patient, items: [{ drugCode: DRUG.drugCode }] });
  const checked = precheck.items[0];
  const coverage = checked.coverage;
  say(
    'Shanghai doctor',
    `pre-checks ${DRUG.name}: class ${coverage?.class ?? '?'}, ${(coverage?.selfPayRatioBp ?? 0) / 100} % self-paid first, payment standard ${yuan(coverage?.paymentStandardFen ?? 0)}, duplicates ${checked.duplicates.length}`,
  );

  const { prescription: rx } = await call<Written<'prescription', PrescriptionRecord>>('POST', '/prescriptions', 'doctor1', {
    patient,
    kind: 'LONG',
    chronicDisease: 'E11.9',
    diagnosisCodes: ['E11.9'],
    items: [{ drugCode: DRUG.drugCode, quantity: DRUG.quantity, dose: '20 IU qn', days: 90 }],
  });
  say('Shanghai doctor', `issues prescription ${rx.rxId} (${DRUG.quantity} × ${DRUG.name}), valid until ${rx.validUntil}`);

  const verified = await call<VerifyResult>('GET', `/prescriptions/${rx.rxId}/verification`, 'pharmacist1');
  say('Shanghai pharmacy', `verifies ${rx.rxId}: ${verified.status}, ${verified.items[0].remaining} remaining`);

  const amountFen = DRUG.unitPriceFen * DRUG.quantity;
  const { dispense } = await call<Written<'dispense', DispenseRecord>>('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', {
    items: [{ drugCode: DRUG.drugCode, quantity: DRUG.quantity }],
    feeLines: [{ drugCode: DRUG.drugCode, unitPriceFen: DRUG.unitPriceFen, quantity: DRUG.quantity, amountFen }],
  });
  say('Shanghai pharmacy', `dispenses all ${DRUG.quantity} at ${dispense.pharmacyId}: ${dispense.dispenseId}, ${yuan(amountFen)}`);

  const started = performance.now();
  const { claim } = await call<Written<'claim', ClaimRecord>>('POST', '/claims', 'pharmacyadmin', {
    refType: 'dispense',
    refId: dispense.dispenseId,
    invoiceHash: crypto.createHash('sha256').update(`e-invoice ${dispense.dispenseId}`).digest('hex'),
    personalAccountRequestFen: ACCOUNT_FEN,
  });
  const a = claim.amounts;
  say(
    'Shanghai pharmacy',
    `claims ${claim.claimId}: total ${yuan(a.totalFen)} = fund ${yuan(a.fundFen)} + personal account ${yuan(a.personalAccountFen)} + self-pay ${yuan(a.selfPayFen)} ` +
      `(self-paid first ${yuan(a.selfPayFirstFen)}, deductible ${yuan(a.deductibleFen)}, ${claim.ruleSnapshot.ratioBp / 100} % ${claim.ruleSnapshot.ratioBasis} of Beijing policy v${claim.ruleSnapshot.policy.version}; ` +
      `level ${claim.derivation.institution.level} and regions from the chain, not from the claimant)`,
  );
  say('smart review', `${claim.status}: ${claim.statusHistory[claim.statusHistory.length - 1].reason}`);

  let approved = claim;
  if (claim.status !== 'APPROVED') {
    approved = (await call<Written<'claim', ClaimRecord>>('POST', `/claims/${claim.claimId}/review`, 'insurer-sh', { decision: 'APPROVED', reason: 'demo review' })).claim;
    say('Shanghai insurer', `approves ${claim.claimId}: ${approved.status}`);
  }

  const paid = await call<PaymentResult>('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${tag}` });
  const claimToRemittedMs = performance.now() - started;
  say(
    'Shanghai insurer',
    `pays ${paid.transfer.toParty} ${yuan(paid.transfer.amountFen)} from ${paid.transfer.fromParty} (${paid.transfer.transferId}); claim ${paid.claim.status} ` +
      `${Math.round(claimToRemittedMs)} ms after submission`,
  );

  const { batch } = await call<Written<'batch', BatchRecord>>('POST', '/settlement/batches', 'insurer-sh', {
    counterpartyRegion: BEIJING,
    claimIds: [claim.claimId],
    owedFenByRegion: { [BEIJING]: a.fundFen, [SHANGHAI]: 0 },
  });
  const plan = batch.legs.map((leg) => `${leg.payerRegion} → ${leg.payeeRegion} ${yuan(leg.amountFen)}`).join(', ') || 'nothing to move';
  say('Shanghai insurer', `proposes clearing batch ${batch.batchId}: Beijing owes ${yuan(batch.owedFenByRegion[BEIJING])}, netted: ${plan}`);

  const cleared = await call<ClearingResult>('POST', `/settlement/batches/${batch.batchId}/confirmation`, 'insurer-bj', { paymentRef: `BJ-BANK-${tag}` });
  const moved = cleared.transfers.map((t) => `${t.fromParty} → ${t.toParty} ${yuan(t.amountFen)} (${t.transferId})`).join(', ');
  say('Beijing insurer', `confirms ${batch.batchId}: ${cleared.batch.status}; ${moved || 'nothing to move'}`);

  const fundFlow = await call<FundFlow>('GET', `/trace/claims/${claim.claimId}/fund-flow`, 'investigator1');
  const traced = await call<DispenseRecord>('GET', `/dispenses/${(await call<ClaimRecord>('GET', `/claims/${claim.claimId}`, 'investigator1')).refId}`, 'investigator1');
  const history = await call<HistoryEntry<PrescriptionRecord>[]>('GET', `/prescriptions/${traced.rxId}/history`, 'investigator1');
  const issued = history[history.length - 1].value as PrescriptionRecord;
  say(
    'investigator',
    `traces the money: ${fundFlow.clearings?.[0]?.fromParty ?? '?'} → ${fundFlow.clearings?.[0]?.toParty ?? '?'} (batch ${fundFlow.batch?.batchId ?? '?'}) → ` +
      `${fundFlow.payee.party} ${yuan(fundFlow.payee.receivedFen)} ← claim ${fundFlow.claimId} ← dispense ${traced.dispenseId} ← prescription ${traced.rxId} ` +
      `by ${issued.prescriber.doctorId} at ${issued.prescriber.institutionId} (tx ${short(issued.issued.txId)})`,
  );
  const timeline = await call<Timeline>('GET', `/trace/timeline/patientRef/${patientRef}`, 'investigator1');
  say('investigator', `patient timeline: ${timeline.entries.map((e) => `${e.kind} ${e.action}`).join(' → ')}`);

  return {
    patientRef,
    filingId: filing.filingId,
    rxId: rx.rxId,
    dispenseId: dispense.dispenseId,
    claimId: claim.claimId,
    paymentTransferId: paid.transfer.transferId,
    batchId: batch.batchId,
    clearingTransferId: cleared.transfers[0]?.transferId ?? '',
    claim: paid.claim,
    fundFlow,
    timeline,
    claimToRemittedMs,
  };
}
