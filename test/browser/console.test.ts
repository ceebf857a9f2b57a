/**
 * The console in Chromium against the real network: each role signs in, the demo story is
 * clicked through end to end, and the screens a user must understand (wrong password, expired
 * session, another role's page, a lost dispense race) say so in words.
 */
import { expect } from 'chai';
import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { ClaimRecord } from '../../chaincode/src/model/claim';
import type { DispenseRecord } from '../../chaincode/src/model/dispense';
import type { PrescriptionRecord, VerifyResult } from '../../chaincode/src/model/prescription';
import { enrolInsured } from '../../scripts/demo/seed-insured';
import { chinaToday } from '../../scripts/demo/api';
import { appCall, passwordOf, type DemoUser } from '../support/network';
import { choose, keepFailure, launchBrowser, newContext, pageTo, screenshot, signIn, startGateway, stopReadModel, type Gateway } from './browser';

const SHANGHAI = '310000';
const BEIJING = '110000';
const INSULIN = { code: 'XA10AE04', search: 'Insulin glargine' };

const AMLODIPINE = 'XC09AA02';

/** A Shanghai insured patient's prescription, dispensed and claimed at pharmacy P310001 and paid, through the API. */
async function paidClaim(tag: string): Promise<{ rxId: string; claimId: string }> {
  const patient = { idType: 'PASSPORT', idNumber: `C${tag}`, name: `Case Patient ${tag}` };
  const { patientRef } = await appCall<{ patientRef: string }>('POST', '/patients/ref', 'insurer-sh', { patient });
  await enrolInsured(appCall, patientRef, 'insurer-sh', 'employee', 0);
  const { prescription } = await appCall<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
    patient, kind: 'ORDINARY', diagnosisCodes: ['I10'], items: [{ drugCode: AMLODIPINE, quantity: 7, dose: '10mg qd', days: 7 }],
  });
  const verified = await appCall<VerifyResult>('GET', `/prescriptions/${prescription.rxId}/verification`, 'pharmacist1');
  const unitPriceFen = verified.items[0].coverage.paymentStandardFen ?? 300;
  const { dispense } = await appCall<{ dispense: DispenseRecord }>('POST', `/prescriptions/${prescription.rxId}/dispensations`, 'pharmacist1', {
    items: [{ drugCode: AMLODIPINE, quantity: 7 }],
    feeLines: [{ drugCode: AMLODIPINE, unitPriceFen, quantity: 7, amountFen: unitPriceFen * 7 }],
  });
  const { claim } = await appCall<{ claim: ClaimRecord }>('POST', '/claims', 'pharmacist1', {
    refType: 'dispense', refId: dispense.dispenseId, invoiceHash: crypto.createHash('sha256').update(`e-invoice case ${tag}`).digest('hex'),
  });
  if (claim.status !== 'APPROVED') await appCall('POST', `/claims/${claim.claimId}/review`, 'insurer-sh', { decision: 'APPROVED', reason: 'browser test: case evidence' });
  await appCall('POST', `/claims/${claim.claimId}/payment`, 'insurer-sh', { paymentRef: `SH-BANK-${tag}` });
  return { rxId: prescription.rxId, claimId: claim.claimId };
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('console: every role at work in the browser', function () {
  let browser: Browser;
  let gateway: Gateway;
  const firstLoads: { load: number; form: number }[] = [];

  before(async () => {
    gateway = await startGateway();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await gateway?.close();
    await stopReadModel();
    if (firstLoads.length) {
      const list = (k: 'load' | 'form') => firstLoads.map((f) => f[k]).join(', ');
      console.log(`      console first load, cold cache (ms): load event ${list('load')}; sign-in form on screen ${list('form')}`);
    }
  });

  const open: Page[] = [];
  afterEach(async function () {
    // A failed test leaves what each of its pages showed, for reading: .run/browser-failures/.
    if (this.currentTest?.state === 'failed') await keepFailure(this.currentTest.title, open);
    await Promise.all(open.splice(0).map((p) => p.context().close().catch(() => undefined)));
  });

  async function page(user?: DemoUser, viewport?: { width: number; height: number }): Promise<Page> {
    const p = await (await newContext(browser, viewport)).newPage();
    open.push(p);
    if (user) await signIn(p, gateway, user);
    return p;
  }

  it('signs in each role on its own home, in Chinese, and signs out', async () => {
    const homes: [DemoUser, string, string][] = [
      ['doctor1', '/app/doctor', '开具电子处方'],
      ['pharmacist1', '/app/pharmacist', '输入或扫描处方号'],
      ['insurer-sh', '/app/insurer', '结算审核'],
      ['investigator1', '/app/investigator', '资金流向追踪'],
    ];
    for (const [user, home, heading] of homes) {
      // A fresh profile each time: the console's first load, cold cache, as the browser times it.
      const p = await page();
      await p.goto(`${gateway.url}/app/sign-in`);
      await p.locator('#username').waitFor();
      const load = await p.evaluate<{ load: number; form: number }>(
        "(() => { const [e] = performance.getEntriesByType('navigation'); return { load: Math.round(e.loadEventEnd - e.startTime), form: Math.round(performance.now()) }; })()",
      );
      firstLoads.push(load);
      await p.locator('#username').fill(user);
      await p.locator('#password').fill(passwordOf(user));
      await p.locator('#password').press('Enter');
      await p.waitForURL(`**${home}`);
      await p.getByText(heading).first().waitFor();
      await p.getByRole('button', { name: /退出登录/ }).click();
      await p.locator('#username').waitFor();
      await p.context().close();
    }
  });

  it('says a wrong password is wrong, on the sign-in screen', async () => {
    const p = await page();
    await p.goto(`${gateway.url}/app/sign-in`);
    await p.locator('#username').fill('doctor1');
    await p.locator('#password').fill('not-the-password');
    await p.locator('button[type=submit]').click();
    await p.getByTestId('sign-in-error').waitFor();
    expect(await p.getByTestId('sign-in-error').textContent()).to.contain('用户名或密码错误');
    expect(await p.locator('#password').inputValue()).to.equal('');
  });

  it('shows a pharmacist opening a doctor’s page the no-access screen', async () => {
    const p = await page('pharmacist1');
    await p.goto(`${gateway.url}/app/doctor`);
    await p.getByTestId('no-access').waitFor();
    expect(await p.getByTestId('no-access').textContent()).to.contain('无权访问此页面');
    // The English switch: the same screen in English, every string from the dictionary.
    await p.locator('.ant-select').filter({ has: p.getByLabel('语言') }).click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'EN' }).click();
    await p.getByTestId('no-access').getByText('No access to this page').waitFor();
    await p.context().close();
  });

  it('shows the expired-session screen once the session has timed out', async () => {
    // Sessions of this gateway end 3 s after sign-in, whatever the activity.
    const short = await startGateway({ maxSeconds: 3 });
    try {
      const p = await (await newContext(browser)).newPage();
      open.push(p);
      await signIn(p, short, 'doctor1');
      // No request of the user is needed: the live-update stream ends with the session and the
      // console, finding the session gone, says so.
      await p.getByTestId('session-expired').waitFor({ timeout: 20_000 });
      expect(await p.getByTestId('session-expired').textContent()).to.contain('会话已过期，请重新登录');
      await p.getByRole('button', { name: '重新登录' }).click();
      await p.locator('#username').waitFor();
    } finally {
      await short.close();
    }
  });

  it('clicks the demo story through: issue → verify → partial dispenses at two pharmacies → claim → review → pay → clearing → trace', async () => {
    // The Beijing insurer's part before the doctor sees the patient: enrolment and filing, through the API.
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const patient = { idType: 'PASSPORT', idNumber: `E${tag}`, name: `Browser Patient ${tag}` };
    const { patientRef } = await appCall<{ patientRef: string }>('POST', '/patients/ref', 'insurer-bj', { patient });
    await enrolInsured(appCall, patientRef, 'insurer-bj', 'employee', 50_000);
    const today = chinaToday();
    await appCall('POST', '/filings', 'insurer-bj', { patientRef, insuredRegion: BEIJING, treatmentRegion: SHANGHAI, period: { from: today, to: addDays(today, 90) }, emergencyPostFiled: false });

    // Doctor: patient, a long prescription of 20 insulin pens, pre-checked as typed, signed and issued.
    const doctor = await page('doctor1');
    const requested: string[] = [];
    doctor.on('request', (request) => requested.push(request.url()));
    doctor.on('framenavigated', (frame) => requested.push(frame.url()));
    await choose(doctor, 'patient_idType', '护照');
    await doctor.locator('#patient_idNumber').fill(patient.idNumber);
    await doctor.locator('#patient_name').fill(patient.name);
    await choose(doctor, 'kind', '慢病长处方');
    await doctor.locator('#chronicDisease').fill('E11.9');
    await doctor.locator('#diagnosisCodes').fill('E11.9');
    await doctor.locator('#diagnosisCodes').press('Enter');
    await choose(doctor, 'items_0_drugCode', INSULIN.code, INSULIN.search);
    await doctor.locator('#items_0_quantity').fill('20');
    await doctor.locator('#items_0_dose').fill('20 IU qn');
    await doctor.locator('#items_0_days').fill('90');
    await doctor.getByTestId('precheck-0').getByTestId('coverage-class').filter({ hasText: '乙类' }).waitFor();
    expect(await doctor.getByTestId('precheck-0').textContent()).to.contain('¥65.00');
    await doctor.getByTestId('insured').filter({ hasText: '参保地 110000' }).waitFor();
    expect(doctor.url()).to.not.contain(patient.idNumber);
    await screenshot(doctor, 'doctor');
    await doctor.setViewportSize({ width: 768, height: 1024 });
    await screenshot(doctor, 'doctor-tablet-portrait');
    await doctor.setViewportSize({ width: 1280, height: 800 });
    await doctor.getByRole('button', { name: /签名并开具/ }).click();
    const rxId = (await doctor.getByTestId('issued-rx-id').innerText()).trim();
    expect(rxId).to.match(/^RX-/);
    // The identity went in request bodies only: never into an address the browser requested or showed.
    expect(requested.filter((url) => url.includes(patient.idNumber) || url.includes(encodeURIComponent(patient.name)))).to.deep.equal([]);

    // Insurer watching the queue before the claim exists: it must appear without a reload.
    const insurer = await page('insurer-sh');
    await insurer.locator('.ant-radio-button-wrapper', { hasText: '待审核' }).click();

    // Shanghai pharmacy: verify, dispense 17 of 20 (¥1 071, over the auto-approval limit), then claim.
    const shanghai = await page('pharmacist1');
    await shanghai.locator('#rxId').fill(rxId);
    await shanghai.locator('#rxId').press('Enter');
    await shanghai.locator('[data-testid=verdict][data-status=VALID]').waitFor();
    expect(await shanghai.getByTestId(`remaining-${INSULIN.code}`).innerText()).to.equal('20');
    await screenshot(shanghai, 'pharmacist');
    await shanghai.getByLabel(`本次调配 ${INSULIN.code}`).fill('17');
    await shanghai.getByLabel(`单价 ${INSULIN.code}`).fill('63');
    await shanghai.getByTestId('dispense-part').click();
    await shanghai.getByTestId('dispensed').waitFor();
    await shanghai.getByTestId(`remaining-${INSULIN.code}`).filter({ hasText: /^3$/ }).waitFor();

    // Beijing pharmacy: the same prescription, the 3 left, dispensed in full.
    const beijing = await page('pharmacist2');
    await beijing.goto(`${gateway.url}/app/pharmacist/verify/${rxId}`);
    await beijing.getByTestId(`remaining-${INSULIN.code}`).filter({ hasText: /^3$/ }).waitFor();
    await beijing.getByTestId('dispense-all').click();
    await beijing.getByTestId('dispensed').waitFor();
    await beijing.locator('[data-testid=verdict][data-status=FULLY_DISPENSED]').waitFor();

    await shanghai.getByTestId('submit-claim').click();
    await shanghai.getByTestId('claim').waitFor();
    const claimId = (await shanghai.getByTestId('claim').locator('code').first().innerText()).trim();
    expect(claimId).to.match(/^CLM-/);

    // Shanghai insurer: the claim showed up in the open queue live (no reload: GET /events); review (approve with a reason), pay.
    await insurer.getByRole('link', { name: claimId }).waitFor();
    await screenshot(insurer, 'insurer-queue');
    await insurer.getByRole('link', { name: claimId }).click();
    await insurer.getByTestId('review').click();
    await insurer.locator('#reason').fill('browser test review: invoice and dispense match');
    await insurer.getByRole('button', { name: /确\s?定/ }).click();
    await insurer.getByTestId('pay').click();
    await insurer.locator('[data-status=REMITTED]').first().waitFor();
    await screenshot(insurer, 'insurer');

    // Clearing: Shanghai proposes the batch with Beijing, Beijing confirms it.
    await insurer.goto(`${gateway.url}/app/insurer/clearing`);
    await insurer.getByTestId('clearable-count').waitFor();
    await insurer.getByTestId('propose').click();
    const batchId = (await insurer.getByTestId('proposed-batch').innerText()).trim();
    await pageTo(insurer, insurer.locator(`tr[data-row-key="${batchId}"] [data-status=PROPOSED]`));
    await screenshot(insurer, 'insurer-clearing');
    const bj = await page('insurer-bj');
    await bj.goto(`${gateway.url}/app/insurer/clearing`);
    await pageTo(bj, bj.getByTestId(`confirm-${batchId}`));
    await bj.getByTestId(`confirm-${batchId}`).click();
    await bj.locator(`tr[data-row-key="${batchId}"] [data-status=CLEARED]`).waitFor();

    // Investigator: the fund-flow graph of the claim, down to the prescription.
    const investigator = await page('investigator1');
    await investigator.locator('#claimId').fill(claimId);
    await investigator.locator('#claimId').press('Enter');
    await investigator.getByTestId('flow-graph').locator('canvas').first().waitFor();
    await investigator.getByTestId('node-prescription').click();
    expect(await investigator.getByTestId('traced-rx').innerText()).to.equal(rxId);
    await screenshot(investigator, 'investigator');
    await investigator.getByTestId('node-detail').getByRole('link', { name: '链上历史与核验' }).click();
    await investigator.locator('[data-testid=chain-check][data-matches=true]').waitFor();

    for (const p of [doctor, insurer, shanghai, beijing, bj, investigator]) await p.context().close();
  });

  it('tells the pharmacist who loses a dispense race “已全部调配”, not an error dump', async () => {
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const { prescription } = await appCall<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
      patient: { idType: 'PASSPORT', idNumber: `R${tag}`, name: `Race Patient ${tag}` },
      kind: 'ORDINARY',
      diagnosisCodes: ['I10'],
      items: [{ drugCode: 'XC09AA02', quantity: 7, dose: '10mg qd', days: 7 }],
    });
    const pages = await Promise.all([page('pharmacist1', { width: 1024, height: 768 }), page('pharmacist2', { width: 768, height: 1024 })]);
    for (const p of pages) {
      await p.goto(`${gateway.url}/app/pharmacist/verify/${prescription.rxId}`);
      await p.getByTestId('dispense-all').waitFor();
    }
    await Promise.all(pages.map((p) => p.getByTestId('dispense-all').click()));
    const outcomes = await Promise.all(
      pages.map((p) =>
        Promise.race([
          p.getByTestId('dispensed').waitFor().then(() => 'won' as const),
          p.getByTestId('error').waitFor().then(() => 'lost' as const),
        ]),
      ),
    );
    expect([...outcomes].sort()).to.deep.equal(['lost', 'won']);
    const loser = pages[outcomes.indexOf('lost')];
    const text = await loser.getByTestId('error').innerText();
    expect(text).to.contain('已全部调配');
    expect(text).to.not.match(/CONFLICT|exceeds|\{/);
    await loser.locator('[data-testid=verdict][data-status=FULLY_DISPENSED]').waitFor();
    await screenshot(loser, 'pharmacist-race-tablet');
    for (const p of pages) await p.context().close();
  });
  it('shows pharmacist B, watching a prescription, the dispense pharmacist A makes at another pharmacy without a reload', async () => {
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const { prescription } = await appCall<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor1', {
      patient: { idType: 'PASSPORT', idNumber: `L${tag}`, name: `Live Patient ${tag}` },
      kind: 'ORDINARY',
      diagnosisCodes: ['I10'],
      items: [{ drugCode: AMLODIPINE, quantity: 7, dose: '10mg qd', days: 7 }],
    });
    const b = await page('pharmacist2');
    const streams: string[] = [];
    b.on('request', (r) => r.url().includes('/events?') && streams.push(r.url()));
    await b.goto(`${gateway.url}/app/pharmacist/verify/${prescription.rxId}`);
    await b.getByTestId(`remaining-${AMLODIPINE}`).filter({ hasText: /^7$/ }).waitFor();
    // From here on B is neither reloaded nor navigated nor refocused: only the event stream may change it.
    let navigations = 0;
    b.on('framenavigated', () => navigations++);
    await b.evaluate("window.__focused = 0; window.addEventListener('focus', () => { window.__focused++; })");

    const a = await page('pharmacist1');
    await a.goto(`${gateway.url}/app/pharmacist/verify/${prescription.rxId}`);
    await a.getByLabel(`本次调配 ${AMLODIPINE}`).fill('3');
    await a.getByTestId('dispense-part').click();
    await a.getByTestId('dispensed').waitFor();

    await b.getByTestId(`remaining-${AMLODIPINE}`).filter({ hasText: /^4$/ }).waitFor({ timeout: 20_000 });
    expect(await b.getByTestId('history-table').innerText()).to.contain('P310001');
    expect(navigations).to.equal(0);
    expect(await b.evaluate('window.__focused')).to.equal(0);
    expect(streams.some((url) => url.includes(`rxId=${prescription.rxId}`))).to.equal(true);
    await screenshot(b, 'pharmacist-live');
  });

  it('opens a case, links a paid claim as evidence, records a finding and closes it — through the investigator’s console', async () => {
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const { claimId } = await paidClaim(tag);
    const p = await page('investigator1');
    await p.goto(`${gateway.url}/app/investigator/cases?region=${SHANGHAI}`);
    await p.getByTestId('new-case').click();
    await p.locator('#allegation').fill(`browser test ${tag}: fee lines above the standard`);
    // A subject id the chain refuses: the gateway's message lands under that field.
    await p.locator('#subjects_0_id').fill('P310001 and more');
    await p.getByTestId('open-case-submit').click();
    const subjectError = p.locator('.ant-form-item').filter({ has: p.locator('#subjects_0_id') }).locator('.ant-form-item-explain-error');
    await subjectError.waitFor();
    expect(await subjectError.innerText()).to.match(/letters, digits/);
    await p.locator('#subjects_0_id').fill('P310001');
    await p.getByTestId('open-case-submit').click();
    await p.waitForURL('**/app/investigator/cases/CASE-*');
    const caseId = (await p.getByTestId('case-id').innerText()).trim();
    await p.getByTestId('case-clock').filter({ hasText: /剩余 1[45] 个工作日/ }).waitFor();

    await p.locator('#evidence_id').fill(claimId);
    await p.locator('#evidence_note').fill('paid claim with the disputed fee line');
    await p.getByTestId('link-evidence').click();
    // The case file is the read model's: the claim shows once it has followed the chain, with the money it moved.
    await p.getByTestId('case-evidence').getByTestId('evidence-link').filter({ hasText: claimId }).waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('case-evidence').getByTestId('evidence-link').getAttribute('href')).to.equal(`/app/investigator/records/claim/${claimId}`);
    await p.getByTestId('flow-graph').locator('canvas').first().waitFor();
    await p.getByRole('button', { name: new RegExp(`结算单 ${claimId}`) }).waitFor();

    await p.getByRole('tab', { name: '记录认定' }).click();
    await p.locator('#finding_summary').fill('unit price above the payment standard recorded at issue');
    await p.locator('#finding_ruleIds').fill('RX-12');
    await p.locator('#finding_ruleIds').press('Enter');
    await p.getByTestId('record-finding').click();
    await p.getByTestId('case-findings').getByText('RX-12').waitFor();
    await p.evaluate('window.scrollTo(0, 0)');
    await screenshot(p, 'investigator-case');

    await p.getByRole('tab', { name: '结案' }).click();
    await p.locator('#closure_summary').fill('substantiated: the difference is recovered');
    await p.getByTestId('close-case').click();
    await p.getByTestId('case-outcome').filter({ hasText: '查实' }).waitFor();
    await p.getByTestId('case-clock').filter({ hasText: '按时结案' }).waitFor();
    const onChain = await appCall<{ status: string; findings: unknown[]; evidence: { id: string }[] }>('GET', `/cases/${caseId}`, 'investigator1');
    expect(onChain.status).to.equal('CLOSED');
    expect(onChain.findings).to.have.length(1);
    expect(onChain.evidence.map((e) => e.id)).to.deep.equal([claimId]);
  });

  it('opens the risk list of the month, an institution’s profile with its months as a chart, and the patients’ list', async () => {
    const p = await page('investigator1');
    await p.goto(`${gateway.url}/app/investigator/risk`);
    // Everyone with claims this month, not only the high-risk list: the test network's claims score low.
    await p.getByTestId('high-risk-only').click();
    const first = p.getByTestId('risk-institution-link').first();
    await first.waitFor();
    await p.getByTestId('risk-count').waitFor();
    await screenshot(p, 'investigator-risk');
    const institutionId = (await first.innerText()).trim();
    await first.click();
    await p.getByTestId('institution-profile').filter({ hasText: institutionId }).waitFor();
    await p.getByTestId('institution-months').locator('canvas').waitFor();
    await p.getByTestId('risk-score').waitFor();
    expect(await p.getByTestId('institution-claims').getAttribute('href')).to.contain(`actorType=institution&id=${institutionId}`);
    await p.waitForTimeout(1000); // the charts' drawing animation
    await screenshot(p, 'investigator-risk-profile');
    await p.goBack();
    await p.getByRole('tab', { name: '高风险患者' }).click();
    await p.getByRole('columnheader', { name: '患者假名' }).waitFor();
  });
  it('lets a doctor revoke an own prescription nothing was dispensed from, with the reason, from the list', async () => {
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const { prescription } = await appCall<{ prescription: PrescriptionRecord }>('POST', '/prescriptions', 'doctor2', {
      patient: { idType: 'PASSPORT', idNumber: `V${tag}`, name: `Revoked Patient ${tag}` },
      kind: 'ORDINARY',
      diagnosisCodes: ['I10'],
      items: [{ drugCode: AMLODIPINE, quantity: 7, dose: '10mg qd', days: 7 }],
    });
    const p = await page('doctor2');
    await p.goto(`${gateway.url}/app/doctor/prescriptions`);
    const revoke = p.getByTestId(`revoke-${prescription.rxId}`);
    await pageTo(p, revoke);
    await revoke.click();
    await p.getByTestId('revoke-confirm').click();
    await p.getByText('请填写撤销原因').waitFor();
    await p.locator('#revoke_reason').fill('wrong patient selected');
    await p.getByTestId('revoke-confirm').click();
    await p.locator(`tr[data-row-key="${prescription.rxId}"] [data-status=REVOKED]`).waitFor();
    expect(await revoke.count()).to.equal(0);
    const verified = await appCall<VerifyResult>('GET', `/prescriptions/${prescription.rxId}/verification`, 'pharmacist1');
    expect(verified.status).to.equal('REVOKED');
  });

  it('lets a hospital doctor record an outpatient visit with its fee lines for a patient found by identity, and lists it', async () => {
    const tag = `${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`.toUpperCase();
    const p = await page('doctor1');
    const requested: string[] = [];
    p.on('request', (r) => requested.push(r.url()));
    await p.goto(`${gateway.url}/app/doctor/encounters`);
    await choose(p, 'patient_idType', '护照');
    await p.locator('#patient_idNumber').fill(`N${tag}`);
    await p.locator('#patient_name').fill(`Visit Patient ${tag}`);
    await p.getByTestId('find-patient').click();
    await p.getByTestId('patient-ref').waitFor();
    const own = await p.locator('#attendingDoctorId').inputValue();
    await p.locator('#department').fill('内科');
    await p.locator('#diagnosisCodes').fill('I10');
    await p.locator('#diagnosisCodes').press('Enter');
    await p.locator('#feeLines_0_item').fill('诊查费');
    await p.locator('#feeLines_0_unitPriceYuan').fill('25');
    // A doctor not registered at this hospital: the chain refuses, in words.
    await p.locator('#attendingDoctorId').fill('DOC-999-9999');
    await p.getByTestId('record-encounter').click();
    await p.getByTestId('error').waitFor();
    expect(await p.getByTestId('error').innerText()).to.not.match(/\{|NOT_FOUND|FORBIDDEN/);
    await p.locator('#attendingDoctorId').fill(own);
    await p.getByTestId('record-encounter').click();
    const encounterId = (await p.getByTestId('encounter-id').innerText()).trim();
    expect(encounterId).to.match(/^ENC-/);
    await p.locator(`tr[data-row-key="${encounterId}"]`).filter({ hasText: '¥25.00' }).waitFor();
    expect(requested.filter((url) => url.includes(`N${tag}`))).to.deep.equal([]);
    await screenshot(p, 'doctor-encounters');
  });

  it('lets an org admin reset a user’s password (field error first), after which only the new one signs in', async () => {
    const user: DemoUser = 'pharmacist2';
    const fresh = `Fresh-${crypto.randomBytes(6).toString('hex')}`;
    const admin = await page('pharmacyadmin');
    try {
      await admin.getByTestId('set-password').waitFor();
      await admin.locator('#passwords_name').fill(user);
      // The gateway refuses a password containing the user name: said under the password field.
      await admin.locator('#passwords_password').fill(`${user}-Secret-1`);
      await admin.locator('#passwords_again').fill(`${user}-Secret-1`);
      await admin.getByTestId('set-password').click();
      const passwordError = admin.locator('.ant-form-item').filter({ has: admin.locator('#passwords_password') }).locator('.ant-form-item-explain-error');
      await passwordError.filter({ hasText: 'must not contain the user name' }).waitFor();
      await admin.locator('#passwords_password').fill(fresh);
      await admin.locator('#passwords_again').fill(fresh);
      await admin.getByTestId('set-password').click();
      await admin.getByTestId('password-done').filter({ hasText: user }).waitFor();
      await screenshot(admin, 'admin-passwords');

      const old = await page();
      await old.goto(`${gateway.url}/app/sign-in`);
      await old.locator('#username').fill(user);
      await old.locator('#password').fill(passwordOf(user));
      await old.locator('button[type=submit]').click();
      await old.getByTestId('sign-in-error').waitFor();
      const now = await page();
      await signIn(now, gateway, user, fresh);
    } finally {
      // The demo password again, for the other tests and the next run.
      await appCall('POST', `/admin/users/${user}/password`, 'pharmacyadmin', { password: passwordOf(user) });
    }
  });
});
