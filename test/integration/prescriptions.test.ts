import { expect } from 'chai';
import crypto from 'node:crypto';
import fs from 'node:fs';
import request from 'supertest';
import { PrescriptionApi } from '../../chaincode/src/api/prescription-api';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { HistoryEntry, Page } from '../../chaincode/src/model/audit';
import type { PractitionerRecord } from '../../chaincode/src/model/practitioner';
import type { PreCheckResult, PrescriptionRecord, VerifyResult } from '../../chaincode/src/model/prescription';
import { LedgerError } from '../../gateway-api/src/fabric/ledger-port';
import { bearer, gatewayApp, gatewayDeps, profile, rawGateway, uniqueId, userOf } from '../support/network';

/**
 * The prescription lifecycle end to end on the real network: issue, verify, dispense at two
 * pharmacies, races, suspension, duplicates across hospitals, revocation, validation, history,
 * and that no patient identity ever reaches a block.
 */

type Auth = [string, string];
const withToken = (token: string): Auth => ['Authorization', `Bearer ${token}`];

interface Patient {
  idType: 'ID_CARD';
  idNumber: string;
  name: string;
}

interface Item {
  drugCode: string;
  quantity: number;
  dose: string;
  days: number;
}

interface ErrorBody {
  error: { code: string; message: string; details: { field: string; message: string }[] | Record<string, unknown> };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A fresh resident identity card number with a correct GB 11643 check character (computed here,
 * independently of the chaincode), so every test has its own patient for duplicate detection.
 * `checkX` asks for one ending in X, to test the case handling of that letter.
 */
function idCardNumber(checkX = false): string {
  for (;;) {
    const birth = new Date(Date.UTC(1950 + crypto.randomInt(55), crypto.randomInt(12), 1 + crypto.randomInt(28)));
    const body = `310104${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(crypto.randomInt(1000)).padStart(3, '0')}`;
    const check = ID_CHECK[[...body].reduce((sum, digit, i) => sum + ID_WEIGHTS[i] * Number(digit), 0) % 11];
    if (!checkX || check === 'X') return body + check;
  }
}

function newPatient(checkX = false): Patient {
  return { idType: 'ID_CARD', idNumber: idCardNumber(checkX), name: `测试患者${crypto.randomBytes(4).toString('hex')}` };
}

const metformin = (quantity: number, days = 7): Item => ({ drugCode: 'XA10BA02', quantity, dose: '500 mg bid', days });

function rxBody(patient: Patient, items: Item[] = [metformin(10)], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { patient, kind: 'ORDINARY', diagnosisCodes: ['E11.9'], items, ...extra };
}

/** Metformin's payment standard is 6 fen a tablet: the pharmacy charges 5. */
function dispenseBody(drugCode: string, quantity: number, unitPriceFen = 5): Record<string, unknown> {
  return { items: [{ drugCode, quantity }], feeLines: [{ drugCode, unitPriceFen, quantity, amountFen: unitPriceFen * quantity }] };
}

interface Issued {
  rx: PrescriptionRecord;
  txId: string;
  blockNumber: string;
}

async function issue(auth: Auth, body: Record<string, unknown>): Promise<Issued> {
  const res = await request(gatewayApp()).post('/prescriptions').set(...auth).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { rx: res.body.prescription as PrescriptionRecord, txId: res.body.txId as string, blockNumber: res.body.blockNumber as string };
}

async function verify(rxId: string, auth: Auth = bearer('pharmacist1')): Promise<VerifyResult> {
  const res = await request(gatewayApp()).get(`/prescriptions/${rxId}/verification`).set(...auth);
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body as VerifyResult;
}

function dispense(rxId: string, auth: Auth, drugCode: string, quantity: number): request.Test {
  return request(gatewayApp()).post(`/prescriptions/${rxId}/dispensations`).set(...auth).send(dispenseBody(drugCode, quantity));
}

/** The LedgerError a direct ledger call fails with (the call must fail). */
async function ledgerFailure(call: () => Promise<unknown>): Promise<LedgerError> {
  let failure: unknown;
  try {
    await call();
  } catch (err) {
    failure = err;
  }
  expect(failure, 'the ledger call must be refused').to.be.instanceOf(LedgerError);
  return failure as LedgerError;
}

describe('prescriptions on the network (integration)', () => {
  it('issues, verifies, dispenses in part at one pharmacy and the rest at another, then refuses more', async () => {
    const { rx } = await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(10)]));
    expect(rx.status).to.equal('ISSUED');
    expect(rx.prescriber).to.deep.equal({ doctorId: 'DOC-310-0001', institutionId: 'H310001', region: '310000' });

    const fresh = await verify(rx.rxId);
    expect(fresh.status).to.equal('VALID');
    const METFORMIN = { drugCode: 'XA10BA02', name: 'Metformin hydrochloride 500 mg tablet (盐酸二甲双胍片)', coverage: { class: 'A', selfPayRatioBp: 0, paymentStandardFen: 6 } };
    // The pharmacist sees the catalogue facts recorded at issue, the payment standard among them.
    expect(fresh.items).to.deep.equal([{ ...METFORMIN, prescribed: 10, dispensed: 0, remaining: 10 }]);
    expect(fresh.dispenses).to.deep.equal([]);

    const first = await dispense(rx.rxId, bearer('pharmacist1'), 'XA10BA02', 4).expect(201);
    const d1 = first.body.dispense as DispenseRecord;
    expect(d1.pharmacyId).to.equal('P310001');
    expect(d1.rxStatusAfter).to.equal('PARTIALLY_DISPENSED');
    expect(d1.items).to.deep.equal([{ drugCode: 'XA10BA02', quantity: 4, remainingAfter: 6 }]);

    // The second pharmacy (another region) gets the same answer and takes the remainder.
    const middle = await verify(rx.rxId, bearer('pharmacist2'));
    expect(middle.status).to.equal('VALID');
    expect(middle.recordedStatus).to.equal('PARTIALLY_DISPENSED');
    expect(middle.items[0]).to.include({ dispensed: 4, remaining: 6 });

    const second = await dispense(rx.rxId, bearer('pharmacist2'), 'XA10BA02', 6).expect(201);
    const d2 = second.body.dispense as DispenseRecord;
    expect(d2.pharmacyId).to.equal('P110001');
    expect(d2.rxStatusAfter).to.equal('DISPENSED');

    const done = await verify(rx.rxId, bearer('insurer-sh'));
    expect(done.status).to.equal('FULLY_DISPENSED');
    expect(done.items).to.deep.equal([{ ...METFORMIN, prescribed: 10, dispensed: 10, remaining: 0 }]);
    expect(done.dispenses.map((d) => [d.dispenseId, d.pharmacyId, d.items[0].quantity])).to.deep.equal([
      [d1.dispenseId, 'P310001', 4],
      [d2.dispenseId, 'P110001', 6],
    ]);

    const more = await dispense(rx.rxId, bearer('pharmacist1'), 'XA10BA02', 1).expect(409);
    expect((more.body as ErrorBody).error.code).to.equal('CONFLICT');
    expect((more.body as ErrorBody).error.message).to.match(/fully dispensed/);
  });

  it('never dispenses more than prescribed when two pharmacies race 20 requests for the same prescription', async function () {
    this.timeout(180_000);
    const prescribed = 10;
    const { rx } = await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(prescribed)]));
    // 20 attempts of 1..3 units (40 in all) for 10 prescribed: most must lose.
    const attempts = Array.from({ length: 20 }, (_, i) => ({
      pharmacist: i % 2 === 0 ? ('pharmacist1' as const) : ('pharmacist2' as const),
      quantity: (i % 3) + 1,
      dispenseId: uniqueId(`race-${i}`),
    }));
    const responses = await Promise.all(
      attempts.map((a) =>
        request(gatewayApp())
          .post(`/prescriptions/${rx.rxId}/dispensations`)
          .set(...bearer(a.pharmacist))
          .send({ ...dispenseBody('XA10BA02', a.quantity), dispenseId: a.dispenseId }),
      ),
    );

    const statuses = responses.map((r) => r.status);
    for (const [i, res] of responses.entries()) {
      expect(res.status, `attempt ${i}: ${JSON.stringify(res.body)}`).to.be.oneOf([201, 409]);
      if (res.status === 409) expect((res.body as ErrorBody).error.code, `attempt ${i}`).to.equal('CONFLICT');
    }
    const acknowledged = attempts.filter((_, i) => statuses[i] === 201);
    expect(acknowledged.length, 'at least one dispense wins').to.be.greaterThan(0);
    const acknowledgedQuantity = acknowledged.reduce((sum, a) => sum + a.quantity, 0);

    const after = await verify(rx.rxId);
    const remaining = after.items[0].remaining;
    expect(remaining).to.be.at.least(0);
    expect(acknowledgedQuantity).to.equal(prescribed - remaining);
    expect(after.items[0].dispensed).to.equal(acknowledgedQuantity);
    // Exactly the acknowledged dispenses were committed: no loser left a record behind.
    expect(after.dispenses.map((d) => d.dispenseId)).to.have.members(acknowledged.map((a) => a.dispenseId));
    expect(after.dispenses.reduce((sum, d) => sum + d.items[0].quantity, 0)).to.equal(acknowledgedQuantity);
    expect(after.status).to.equal(remaining === 0 ? 'FULLY_DISPENSED' : 'VALID');
    // The remainders each record saw chain down from the prescribed total without a gap.
    const remainders = after.dispenses.map((d) => d.items[0].remainingAfter);
    let left = prescribed;
    for (const [i, d] of after.dispenses.entries()) {
      left -= d.items[0].quantity;
      expect(remainders[i], `dispense ${i}`).to.equal(left);
    }
  });

  describe('a doctor whose prescribing right is suspended', () => {
    const licenceId = `DOC-310-9${Date.now().toString(36).toUpperCase()}${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
    let doctor: Auth;

    before(async function () {
      this.timeout(90_000);
      // The licence in the certificate is the doctorId the chaincode checks, so the doctor needs
      // its own enrolment rather than a demo user's certificate.
      const enrolled = await request(gatewayApp())
        .post('/admin/users')
        .set(...bearer('hospitaladmin'))
        .send({ name: `doc-${Date.now().toString(36)}-${crypto.randomBytes(2).toString('hex')}`, role: 'doctor', region: '310000', institutionId: 'H310001', licenceId });
      expect(enrolled.status, JSON.stringify(enrolled.body)).to.equal(201);
      doctor = withToken(enrolled.body.token as string);
      const registered = await request(gatewayApp())
        .post('/practitioners')
        .set(...bearer('hospitaladmin'))
        .send({ doctorId: licenceId, institutionId: 'H310001', scope: ['internal medicine'] })
        .expect(201);
      expect(registered.body.practitioner).to.include({ points: 100, rxRight: 'ACTIVE' });
    });

    it('is refused at issue, its earlier prescriptions verify as PRESCRIBER_SUSPENDED, and restoration lets it prescribe again', async function () {
      this.timeout(120_000);
      const { rx: before } = await issue(doctor, rxBody(newPatient()));
      expect((await verify(before.rxId)).status).to.equal('VALID');

      const deducted = await request(gatewayApp())
        .post(`/practitioners/${licenceId}/violations`)
        .set(...bearer('insurer-sh'))
        .send({ ruleId: 'CR-01', points: 40, reason: 'integration test: repeated over-prescribing', evidenceRef: uniqueId('evidence') })
        .expect(200);
      const suspended = deducted.body.practitioner as PractitionerRecord;
      expect(suspended).to.include({ points: 60, rxRight: 'SUSPENDED' });
      expect(suspended.violations.at(-1)).to.include({ pointsDeducted: 40, pointsAfter: 60, suspended: true });

      const refused = await request(gatewayApp()).post('/prescriptions').set(...doctor).send(rxBody(newPatient())).expect(422);
      expect((refused.body as ErrorBody).error.code).to.equal('RULE');
      expect((refused.body as ErrorBody).error.message).to.match(/suspended/).and.to.contain(licenceId);

      const stale = await verify(before.rxId);
      expect(stale.status).to.equal('PRESCRIBER_SUSPENDED');
      expect(stale.prescriber.rxRight).to.equal('SUSPENDED');
      const blocked = await dispense(before.rxId, bearer('pharmacist1'), 'XA10BA02', 1).expect(422);
      expect((blocked.body as ErrorBody).error.message).to.match(/suspended/);

      const restored = await request(gatewayApp())
        .post(`/practitioners/${licenceId}/restoration`)
        .set(...bearer('insurer-sh'))
        .send({ decisionRef: uniqueId('decision'), reason: 'integration test: appeal upheld' })
        .expect(200);
      expect(restored.body.practitioner).to.include({ points: 60, rxRight: 'ACTIVE' });

      const { rx: after } = await issue(doctor, rxBody(newPatient()));
      expect(after.prescriber.doctorId).to.equal(licenceId);
      expect((await verify(before.rxId)).status).to.equal('VALID');
    });
  });

  it('enforces roles in the chaincode even when the gateway is bypassed, and at the gateway', async () => {
    const patient = newPatient();
    const { rx } = await issue(bearer('doctor1'), rxBody(patient, [metformin(5)]));
    const { ledger } = gatewayDeps();

    const asPharmacist = await ledgerFailure(() =>
      ledger.submit(userOf('pharmacist1'), PrescriptionApi.Issue, { rxId: uniqueId('RX-bypass'), kind: 'ORDINARY', diagnosisCodes: ['E11.9'], items: [metformin(5)] }, {
        transient: { patient: newPatient() },
      }),
    );
    expect(asPharmacist.failure).to.deep.include({ kind: 'rejected', code: 'FORBIDDEN' });
    expect(asPharmacist.message).to.match(/pharmacist may not call Prescription:Issue/);

    const asDoctor = await ledgerFailure(() =>
      ledger.submit(userOf('doctor1'), PrescriptionApi.Dispense, {
        rxId: rx.rxId,
        dispenseId: uniqueId('DSP-bypass'),
        items: [{ drugCode: 'XA10BA02', quantity: 5 }],
        feeLines: [{ drugCode: 'XA10BA02', unitPriceFen: 5, quantity: 5, amountFen: 25 }],
      }),
    );
    expect(asDoctor.failure).to.deep.include({ kind: 'rejected', code: 'FORBIDDEN' });
    expect(asDoctor.message).to.match(/doctor may not call Prescription:Dispense/);
    expect((await verify(rx.rxId)).items[0].remaining, 'the refused dispense took nothing').to.equal(5);

    const rest = await request(gatewayApp()).post('/prescriptions').set(...bearer('pharmacist1')).send(rxBody(newPatient())).expect(403);
    expect((rest.body as ErrorBody).error.code).to.equal('FORBIDDEN');
    await dispense(rx.rxId, bearer('doctor1'), 'XA10BA02', 1).expect(403);
  });

  it('finds a duplicate across two hospitals, requires an override reason, and flags the override for insurers', async function () {
    this.timeout(120_000);
    const patient = newPatient();
    const enalapril: Item = { drugCode: 'XC09AA02', quantity: 14, dose: '10 mg qd', days: 7 };
    const { rx: first } = await issue(bearer('doctor1'), rxBody(patient, [enalapril], { diagnosisCodes: ['I10'] }));
    expect(first.flagged).to.equal(false);

    const precheck = await request(gatewayApp())
      .post('/prescriptions/precheck')
      .set(...bearer('doctor2'))
      .send({ patient, items: [{ drugCode: 'XC09AA02' }, { drugCode: 'XC09AA05' }] })
      .expect(200);
    const check = precheck.body as PreCheckResult;
    expect(check.patientRef).to.equal(first.patientRef);
    const [sameDrug, substitute] = check.items;
    expect(sameDrug.duplicates).to.deep.equal([{ rxId: first.rxId, institutionId: 'H310001', drugCode: 'XC09AA02', otherDrugCode: 'XC09AA02', matchedOn: 'drugCode' }]);
    // Ramipril is a substitute but not the same generic group, so it is not a duplicate.
    expect(substitute.duplicates).to.deep.equal([]);
    expect(sameDrug.substitutes.map((s) => s.drugCode)).to.deep.equal(['XC09AA05']);

    const body = rxBody(patient, [enalapril], { diagnosisCodes: ['I10'] });
    const refused = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor2')).send(body).expect(422);
    expect((refused.body as ErrorBody).error.code).to.equal('RULE');
    expect((refused.body as ErrorBody).error.message).to.contain(first.rxId).and.to.match(/duplicateOverrideReason/);

    const { rx: second } = await issue(bearer('doctor2'), { ...body, duplicateOverrideReason: 'first prescription lost by the patient' });
    expect(second.prescriber.institutionId).to.equal('H310002');
    expect(second.flagged).to.equal(true);
    expect(second.duplicateOverride?.duplicates.map((d) => d.rxId)).to.deep.equal([first.rxId]);

    // Page through the flagged list until the override turns up.
    const seen: string[] = [];
    let bookmark = '';
    for (let page = 0; page < 100; page++) {
      const res = await request(gatewayApp()).get('/prescriptions').query({ flagged: 'true', pageSize: '200', bookmark }).set(...bearer('insurer-sh')).expect(200);
      const { records, bookmark: next } = res.body as Page<PrescriptionRecord>;
      seen.push(...records.map((r) => r.rxId));
      if (seen.includes(second.rxId) || records.length === 0 || next === '' || next === bookmark) break;
      bookmark = next;
    }
    expect(seen).to.include(second.rxId);
    expect(seen).not.to.include(first.rxId);
  });

  it('writes no patient name or identity number to any block of the channel', async function () {
    this.timeout(180_000);
    // A check character X, sent in lower case: neither spelling may reach a block.
    const patient = newPatient(true);
    patient.idNumber = patient.idNumber.toLowerCase();
    const { rx, blockNumber } = await issue(bearer('doctor1'), rxBody(patient, [metformin(6)]));
    await dispense(rx.rxId, bearer('pharmacist1'), 'XA10BA02', 2).expect(201);

    const admin = userOf('hospitaladmin');
    // The dispense committed on the pharmacy's peer; scan the hospital's once it has that block too.
    await gatewayDeps().ledger.catchUp(admin);
    const { height } = await gatewayDeps().ledger.chainHeight(admin);
    expect(Number(height)).to.be.greaterThan(Number(blockNumber));
    const needles = {
      name: Buffer.from(patient.name, 'utf8'),
      idUpper: Buffer.from(patient.idNumber.toUpperCase(), 'utf8'),
      idLower: Buffer.from(patient.idNumber.toLowerCase(), 'utf8'),
      // The first 17 digits catch the number whatever the case of its check character.
      idDigits: Buffer.from(patient.idNumber.slice(0, 17), 'utf8'),
    };
    const patientRef = Buffer.from(rx.patientRef, 'utf8');

    const { gateway, client } = rawGateway('hospital', { mspId: admin.mspId, credentials: fs.readFileSync(admin.certPath) }, fs.readFileSync(admin.keyPath));
    const leaks: string[] = [];
    const refBlocks: number[] = [];
    try {
      const qscc = gateway.getNetwork(profile().channel).getContract('qscc');
      const total = Number(height);
      for (let start = 0; start < total; start += 16) {
        const numbers = Array.from({ length: Math.min(16, total - start) }, (_, i) => start + i);
        const blocks = await Promise.all(numbers.map((n) => qscc.evaluateTransaction('GetBlockByNumber', profile().channel, String(n))));
        for (const [i, bytes] of blocks.entries()) {
          const block = Buffer.from(bytes);
          for (const [what, needle] of Object.entries(needles)) {
            if (block.indexOf(needle) >= 0) leaks.push(`${what} in block ${numbers[i]}`);
          }
          if (block.indexOf(patientRef) >= 0) refBlocks.push(numbers[i]);
        }
      }
    } finally {
      gateway.close();
      client.close();
    }
    expect(leaks).to.deep.equal([]);
    // Positive control: the scan does see prescriptions — the issue block and the dispense's.
    expect(refBlocks).to.include(Number(blockNumber));
    expect(refBlocks.length).to.be.at.least(2);
  });

  it('revokes an undispensed prescription, which then cannot be dispensed; a dispensed one cannot be revoked', async () => {
    const { rx } = await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(8)]));
    // Only the issuing doctor (or an admin of the issuing hospital) may revoke.
    await request(gatewayApp()).post(`/prescriptions/${rx.rxId}/revocation`).set(...bearer('doctor2')).send({ reason: 'not mine' }).expect(403);
    const revoked = await request(gatewayApp())
      .post(`/prescriptions/${rx.rxId}/revocation`)
      .set(...bearer('doctor1'))
      .send({ reason: 'wrong dose entered' })
      .expect(200);
    expect(revoked.body.prescription.status).to.equal('REVOKED');
    expect(revoked.body.prescription.revocation.reason).to.equal('wrong dose entered');

    expect((await verify(rx.rxId)).status).to.equal('REVOKED');
    const refused = await dispense(rx.rxId, bearer('pharmacist1'), 'XA10BA02', 1).expect(409);
    expect((refused.body as ErrorBody).error.message).to.match(/revoked/);
    await request(gatewayApp()).post(`/prescriptions/${rx.rxId}/revocation`).set(...bearer('doctor1')).send({ reason: 'again' }).expect(409);

    const { rx: started } = await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(8)]));
    await dispense(started.rxId, bearer('pharmacist1'), 'XA10BA02', 3).expect(201);
    const late = await request(gatewayApp()).post(`/prescriptions/${started.rxId}/revocation`).set(...bearer('doctor1')).send({ reason: 'too late' }).expect(409);
    expect((late.body as ErrorBody).error.code).to.equal('CONFLICT');
    expect((await verify(started.rxId)).items[0].remaining).to.equal(5);
  });

  describe('validation of an issue request', () => {
    const malformed: [string, (p: Patient) => unknown, string[]][] = [
      ['no patient', (p) => { const body = rxBody(p); delete body.patient; return body; }, ['body.patient']],
      ['an unknown patient field', (p) => rxBody({ ...p, phone: '13800000000' } as Patient), ['body.patient.phone']],
      ['an unknown kind and no items', (p) => rxBody(p, [], { kind: 'WEEKLY' }), ['body.kind', 'body.items']],
      ['a zero quantity and a missing dose', (p) => rxBody(p, [{ drugCode: 'XA10BA02', quantity: 0, days: 7 } as Item]), ['body.items[0].quantity', 'body.items[0].dose']],
      ['a lower-case diagnosis code', (p) => rxBody(p, [metformin(1)], { diagnosisCodes: ['e11.9'] }), ['body.diagnosisCodes[0]']],
    ];
    for (const [what, body, fields] of malformed) {
      it(`answers 400 naming the fields for ${what}`, async () => {
        const res = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor1')).send(body(newPatient()) as object).expect(400);
        const error = (res.body as ErrorBody).error;
        expect(error.code).to.equal('VALIDATION');
        expect((error.details as { field: string }[]).map((d) => d.field)).to.include.members(fields);
      });
    }

    it('answers 400 from the chaincode for an identity card number with a wrong check character, without echoing it', async () => {
      const patient = newPatient();
      const wrong = patient.idNumber.slice(0, 17) + (patient.idNumber[17] === '0' ? '1' : '0');
      const res = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor1')).send(rxBody({ ...patient, idNumber: wrong })).expect(400);
      expect((res.body as ErrorBody).error.message).to.match(/transient\.patient\.idNumber/);
      expect(JSON.stringify(res.body)).not.to.contain(wrong);
    });

    it('refuses an out-of-catalogue drug unless the patient confirmed paying in full', async () => {
      const bevacizumab: Item = { drugCode: 'XL01XC07', quantity: 1, dose: '100 mg iv', days: 1 };
      const patient = newPatient();
      const refused = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor1')).send(rxBody(patient, [bevacizumab], { diagnosisCodes: ['C18.9'] })).expect(422);
      expect((refused.body as ErrorBody).error.code).to.equal('RULE');
      expect((refused.body as ErrorBody).error.message).to.match(/XL01XC07.*selfPayConfirmed/);
      const { rx } = await issue(bearer('doctor1'), rxBody(patient, [bevacizumab], { diagnosisCodes: ['C18.9'], selfPayConfirmed: ['XL01XC07'] }));
      expect(rx.items[0]).to.deep.include({ drugCode: 'XL01XC07', coverage: { class: 'NONE', selfPayRatioBp: 10_000 }, selfPayConfirmed: true });
    });

    it('refuses a days’ supply over the catalogue limit of the prescription kind', async () => {
      const over = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor1')).send(rxBody(newPatient(), [metformin(16, 8)])).expect(422);
      expect((over.body as ErrorBody).error.code).to.equal('RULE');
      expect((over.body as ErrorBody).error.message).to.match(/days 8 exceeds the ORDINARY limit of 7/);
      const emergency = await request(gatewayApp()).post('/prescriptions').set(...bearer('doctor1')).send(rxBody(newPatient(), [metformin(8, 4)], { kind: 'EMERGENCY' })).expect(422);
      expect((emergency.body as ErrorBody).error.message).to.match(/EMERGENCY limit of 3/);
      // The ordinary limit itself is allowed.
      await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(14, 7)]));
    });
  });

  it('keeps one history entry per change with its tx id and the writer’s identity', async () => {
    const issued = await issue(bearer('doctor1'), rxBody(newPatient(), [metformin(4)]));
    const first = await dispense(issued.rx.rxId, bearer('pharmacist1'), 'XA10BA02', 1).expect(201);
    const second = await dispense(issued.rx.rxId, bearer('pharmacist2'), 'XA10BA02', 3).expect(201);

    const res = await request(gatewayApp()).get(`/prescriptions/${issued.rx.rxId}/history`).set(...bearer('investigator1')).expect(200);
    const history = res.body as HistoryEntry<PrescriptionRecord>[];
    // Newest first, as the route documents.
    expect(history.map((h) => h.txId)).to.deep.equal([second.body.txId, first.body.txId, issued.txId]);
    const writers = history.map((h) => {
      expect(h.isDelete).to.equal(false);
      const value = h.value as PrescriptionRecord;
      expect(value.updated.txId).to.equal(h.txId);
      expect(value.issued.txId).to.equal(issued.txId);
      return [value.status, value.updated.by.mspId, value.updated.by.role, value.updated.by.id];
    });
    expect(writers.map(([status, mspId, role]) => [status, mspId, role])).to.deep.equal([
      ['DISPENSED', 'PharmacyMSP', 'pharmacist'],
      ['PARTIALLY_DISPENSED', 'PharmacyMSP', 'pharmacist'],
      ['ISSUED', 'HospitalMSP', 'doctor'],
    ]);
    expect(writers[0][3]).to.contain('CN=pharmacist2');
    expect(writers[1][3]).to.contain('CN=pharmacist1');
    expect(writers[2][3]).to.contain('CN=doctor1');
  });
});
