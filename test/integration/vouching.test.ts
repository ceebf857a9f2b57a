import { expect } from 'chai';
import crypto from 'node:crypto';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { EncounterRecord } from '../../chaincode/src/model/encounter';
import type { InstitutionRecord } from '../../chaincode/src/model/institution';
import type { PrescriptionRecord } from '../../chaincode/src/model/prescription';
import type { FundFlow, FundsReceived } from '../../chaincode/src/model/trace';
import type { PaymentResult, TransferRecord } from '../../chaincode/src/model/transfer';
import { addDays } from '../../chaincode/src/rules/dates';
import { chinaToday } from '../../scripts/demo/api';
import request from 'supertest';
import { refused } from '../support/refused';
import { appCall as call, gatewayApp, uniqueId } from '../support/network';

/**
 * Issue 11's probes replayed on the real network: each fact that decides money now comes from a
 * ledger record written by the party responsible for it, so what a claimant used to declare is
 * refused or derived, and what the fund should not pay, it does not.
 */

const SH = '310000';

const invoice = () => crypto.randomBytes(32).toString('hex');
const newPatient = () => ({ idType: 'PASSPORT', idNumber: `V${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`.toUpperCase(), name: 'Vouching Probe Patient' });

/** A patient the Shanghai insurer enrols, with their pseudonym. */
async function insuredPatient(accountFen = 0): Promise<{ patient: ReturnType<typeof newPatient>; patientRef: string }> {
  const patient = newPatient();
  const { patientRef } = await call<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient });
  await call('POST', '/insured-persons', 'insurer-sh', { patientRef, scheme: 'employee', personalAccountFen: accountFen });
  return { patient, patientRef };
}

async function issue(patient: object, drugCode: string, quantity: number, extra: Record<string, unknown> = {}): Promise<PrescriptionRecord> {
  const { prescription } = await call<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
    patient,
    kind: 'ORDINARY',
    diagnosisCodes: ['E11.9'],
    items: [{ drugCode, quantity, dose: 'as directed', days: 7 }],
    ...extra,
  });
  return prescription;
}

/** Under the seeded auto-approval limit of ¥1 000, as in the original probe. */
const CT = { item: 'CT scan, chest (胸部CT平扫)', unitPriceFen: 28_000, quantity: 1, amountFen: 28_000, category: 'exam', itemCode: 'CT-CHEST' };

describe('paying only what the chain vouches for (integration, issue 11 probes)', () => {
  it('answers 403, not 401, to an authenticated hospital admin whose certificate names no institution on a staff act', async () => {
    const e = await refused(call('POST', '/claims', 'hospitaladmin', { refType: 'encounter', refId: 'ENC-none', invoiceHash: invoice() }), 403, /lacks the institutionId attribute/);
    expect(e.code).to.equal('FORBIDDEN');
  });

  it('takes the level from the registry: a hospital can no longer declare itself basic to lower the deductible', async () => {
    const { patientRef } = await insuredPatient();
    const { encounter } = await call<{ encounter: EncounterRecord }>('POST', '/encounters', 'doctor1', {
      patientRef,
      type: 'outpatient',
      department: 'Radiology',
      attendingDoctorId: 'DOC-310-0001',
      diagnosisCodes: ['R07.4'],
      serviceDate: chinaToday(),
      feeLines: [{ item: 'CT scan, chest (胸部CT平扫)', unitPriceFen: 150_000, quantity: 1, amountFen: 150_000, category: 'exam', itemCode: 'CT-CHEST' }],
    });
    // The old probe: the claim declared its own level. The field is gone.
    await refused(call('POST', '/claims', 'doctor1', { refType: 'encounter', refId: encounter.encounterId, invoiceHash: invoice(), institutionLevel: 'basic' }), 400, /institutionLevel/);
    const { claim } = await call<{ claim: ClaimRecord }>('POST', '/claims', 'doctor1', { refType: 'encounter', refId: encounter.encounterId, invoiceHash: invoice() });
    // H310001 is registered as tertiary: the ¥1 000 deductible and the 50 % ratio of the Shanghai policy apply.
    expect(claim.derivation.institution).to.include({ institutionId: 'H310001', level: 'tertiary' });
    expect(claim.ruleSnapshot).to.include({ deductibleThresholdFen: 100_000, ratioBp: 5000, ratioBasis: 'level' });
    expect(claim.amounts).to.include({ totalFen: 150_000, deductibleFen: 100_000, fundFen: 25_000 });
  });

  it('refuses a health supplement on a dispense at the counter, naming the line (RX-12)', async () => {
    const { patient } = await insuredPatient();
    const rx = await issue(patient, 'XC09AA02', 1);
    const e = await refused(
      call('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', {
        items: [{ drugCode: 'XC09AA02', quantity: 1 }],
        feeLines: [
          { drugCode: 'XC09AA02', unitPriceFen: 28, quantity: 1, amountFen: 28 },
          { drugCode: 'HEALTH-SUPPLEMENT', unitPriceFen: 99_000, quantity: 1, amountFen: 99_000 },
        ],
      }),
      400,
    );
    expect((e.details as { field: string }[]).map((d) => d.field)).to.include('feeLines[1].drugCode');
    // The enalapril's payment standard is 28 fen a tablet: one fen above it is refused too.
    await refused(
      call('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', { items: [{ drugCode: 'XC09AA02', quantity: 1 }], feeLines: [{ drugCode: 'XC09AA02', unitPriceFen: 29, quantity: 1, amountFen: 29 }] }),
      400,
      /payment standard/,
    );
    const verified = await call<{ items: { remaining: number }[] }>('GET', `/prescriptions/${rx.rxId}/verification`, 'pharmacist1');
    expect(verified.items[0].remaining, 'nothing was dispensed').to.equal(1);
  });

  it('pays nothing for an invented patient: three same-day CT claims are refused, none approved (XR-01)', async () => {
    const invented = crypto.randomBytes(32).toString('hex');
    const claims: Promise<unknown>[] = [];
    for (let n = 0; n < 3; n++) {
      const { encounter } = await call<{ encounter: EncounterRecord }>('POST', '/encounters', 'doctor1', {
        patientRef: invented,
        type: 'outpatient',
        department: 'Radiology',
        attendingDoctorId: 'DOC-310-0001',
        diagnosisCodes: ['R07.4'],
        serviceDate: chinaToday(),
        feeLines: [CT],
      });
      claims.push(refused(call('POST', '/claims', 'doctor1', { refType: 'encounter', refId: encounter.encounterId, invoiceHash: invoice() }), 422, /not insured/));
    }
    await Promise.all(claims);
    // An encounter id is no longer any string: a claim must name a recorded visit.
    await refused(call('POST', '/claims', 'doctor1', { refType: 'encounter', refId: uniqueId('ENC-made-up'), invoiceHash: invoice() }), 404);
  });

  it('leaves an out-of-catalogue drug the patient agreed to pay in full entirely self-pay (RX-04)', async () => {
    const { patient } = await insuredPatient();
    const rx = await issue(patient, 'XL01XC07', 1, { selfPayConfirmed: ['XL01XC07'], diagnosisCodes: ['C18.9'] });
    const { dispense } = await call<{ dispense: DispenseRecord }>('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', {
      items: [{ drugCode: 'XL01XC07', quantity: 1 }],
      feeLines: [{ drugCode: 'XL01XC07', unitPriceFen: 150_000, quantity: 1, amountFen: 150_000 }],
    });
    const { claim } = await call<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacyadmin', { refType: 'dispense', refId: dispense.dispenseId, invoiceHash: invoice() });
    expect(claim.amounts).to.include({ totalFen: 150_000, fundFen: 0, uncoveredFen: 150_000 });
    expect(claim.feeLines[0]).to.include({ insurerAmountFen: 0, selfAmountFen: 150_000 });
  });

  it('refuses the staff of a suspended pharmacy with the rule, the sanction and its end (CR-10)', async function () {
    this.timeout(90_000);
    const pharmacyId = `P31S${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
    const { institution } = await call<{ institution: InstitutionRecord }>('POST', '/institutions', 'insurer-sh', {
      institutionId: pharmacyId,
      name: 'Probe pharmacy (demo)',
      kind: 'pharmacy',
      level: 'basic',
      region: SH,
      grade: 'B',
      agreement: { number: `PROBE-${pharmacyId}`, validFrom: chinaToday(), validTo: addDays(chinaToday(), 365) },
    });
    expect(institution.agreement.status).to.equal('ACTIVE');
    const enrolled = await call<{ token: string }>('POST', '/admin/users', 'pharmacyadmin', {
      name: `probe-${pharmacyId.toLowerCase()}`,
      role: 'pharmacist',
      region: SH,
      institutionId: pharmacyId,
      licenceId: `PHA-${pharmacyId}`,
    });
    const asPharmacist = (method: 'GET' | 'POST', path: string, body?: unknown) => fetchAs(enrolled.token, method, path, body);

    const { patient } = await insuredPatient();
    const rx = await issue(patient, 'XA10BA02', 20);
    const dispenseBody = (q: number) => ({ items: [{ drugCode: 'XA10BA02', quantity: q }], feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 6, quantity: q, amountFen: 6 * q }] });
    expect((await asPharmacist('POST', `/prescriptions/${rx.rxId}/dispensations`, dispenseBody(5))).status).to.equal(201);

    const until = chinaToday();
    await call('POST', `/institutions/${pharmacyId}/suspension`, 'investigator1', { until, ruleId: 'RX-12', reason: 'supplements charged to insurance cards', evidenceRef: 'case-2026-0042' });
    const refusedDispense = await asPharmacist('POST', `/prescriptions/${rx.rxId}/dispensations`, dispenseBody(5));
    expect(refusedDispense.status).to.equal(422);
    expect(refusedDispense.body.error.message).to.match(new RegExp(`CR-10.*${pharmacyId}.*suspended until ${until}`));
    // Refused acts took nothing; the sanction is on the record and in its history.
    const verified = await call<{ items: { remaining: number }[] }>('GET', `/prescriptions/${rx.rxId}/verification`, 'pharmacist1');
    expect(verified.items[0].remaining).to.equal(15);
    const after = await call<InstitutionRecord>('GET', `/institutions/${pharmacyId}`, 'investigator1');
    expect(after.agreement).to.include({ status: 'SUSPENDED', suspendedUntil: until });
    expect(after.sanctions.map((s) => [s.action, s.ruleId])).to.deep.equal([['SUSPEND', 'RX-12']]);
    // Whether the suspension ends at midnight China time is a matter of transaction time: the
    // unit tests move the clock across it (test/unit/designation-rules.test.ts).
  });

  it('recovers a paid claim: the money goes back, the claim can never be paid again, and both traces show it', async () => {
    const { patient } = await insuredPatient();
    const rx = await issue(patient, 'XR03AC02', 25, { diagnosisCodes: ['J45.9'] });
    const { dispense } = await call<{ dispense: DispenseRecord }>('POST', `/prescriptions/${rx.rxId}/dispensations`, 'pharmacist1', {
      items: [{ drugCode: 'XR03AC02', quantity: 25 }],
      feeLines: [{ drugCode: 'XR03AC02', unitPriceFen: 2_000, quantity: 25, amountFen: 50_000 }],
    });
    const { claim } = await call<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacyadmin', { refType: 'dispense', refId: dispense.dispenseId, invoiceHash: invoice() });
    expect(claim.status).to.equal('APPROVED');
    const paid = await call<PaymentResult>('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${claim.claimId}` });
    expect(paid.transfer.amountFen).to.be.greaterThan(0);

    await refused(call('POST', `/claims/${claim.claimId}/recovery`, 'insurer-bj', { paymentRef: 'X', ruleId: 'FT-02', reason: 'not mine', evidenceRef: 'none' }), 403);
    const recovered = await call<{ claim: ClaimRecord; transfer: TransferRecord }>('POST', `/claims/${claim.claimId}/recovery`, 'insurer-sh', {
      paymentRef: `SH-RECOVERY-${claim.claimId}`,
      ruleId: 'FT-02',
      reason: 'fake invoice found on inspection',
      evidenceRef: 'case-2026-0043',
    });
    expect(recovered.claim.status).to.equal('RECOVERED');
    expect(recovered.transfer).to.include({ kind: 'recovery', fromParty: 'P310001', toParty: `fund:${SH}`, amountFen: paid.transfer.amountFen });
    await refused(call('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: 'AGAIN' }), 409);
    await refused(call('POST', `/claims/${claim.claimId}/recovery`, 'insurer-sh', { paymentRef: 'AGAIN', ruleId: 'FT-02', reason: 'twice', evidenceRef: 'x' }), 409);

    // Forward: the claim's fund flow shows the payment and its recovery; its history names both.
    const flow = await call<FundFlow>('GET', `/trace/claims/${claim.claimId}/fund-flow`, 'investigator1');
    expect(JSON.stringify(flow)).to.contain(recovered.transfer.transferId);
    expect(recovered.claim.statusHistory.map((s) => s.status)).to.deep.equal(['SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REMITTED', 'RECOVERED']);
    // Reverse: the fund received it back from the pharmacy.
    const back = await call<FundsReceived>('GET', `/trace/parties/fund:${SH}/funds-received?from=${chinaToday()}&pageSize=200`, 'investigator1');
    const seen: string[] = back.transfers.map((t) => t.transferId);
    let page = back;
    while (page.bookmark !== '' && !seen.includes(recovered.transfer.transferId)) {
      page = await call<FundsReceived>('GET', `/trace/parties/fund:${SH}/funds-received?from=${chinaToday()}&pageSize=200&bookmark=${encodeURIComponent(page.bookmark)}`, 'investigator1');
      seen.push(...page.transfers.map((t) => t.transferId));
    }
    expect(seen).to.include(recovered.transfer.transferId);
  });
});

/** A call with a token that is not a demo user's (a user enrolled by the test). */
async function fetchAs(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: { error: { message: string } } }> {
  const agent = request(gatewayApp());
  const req = (method === 'GET' ? agent.get(path) : agent.post(path)).set('Authorization', `Bearer ${token}`);
  const res = body === undefined ? await req : await req.send(body as object);
  return { status: res.status, body: res.body as { error: { message: string } } };
}
