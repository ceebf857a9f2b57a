import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { PrescriptionApi, type PrescriptionRecord } from '@rxchain/chaincode/dist/shared';
import { eventFilter } from '../../gateway-api/src/routes/events';
import { testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

const event = (block: number, tx: string, name: string, payload: object) => ({
  name,
  payload: Buffer.from(JSON.stringify(payload)),
  txId: tx.repeat(64),
  blockNumber: BigInt(block),
});

/** Reads a server-sent event stream until the server ends it. */
function stream(gw: TestGateway, path: string, token: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const server = gw.app.listen(0, '127.0.0.1');
  return new Promise((resolve, reject) => {
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      http
        .get({ host: '127.0.0.1', port, path, headers: { Authorization: `Bearer ${token}`, ...headers } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            server.close();
            resolve({ status: res.statusCode ?? 0, text });
          });
        })
        .on('error', reject);
    });
  });
}

describe('gateway: chaincode events as server-sent events', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
    gw.ledger.events = [
      event(5, 'a', 'ProbeWritten', { id: 'p1' }),
      event(6, 'b', 'PrescriptionIssued', { rxId: 'RX-1', institutionId: 'H310001' }),
      event(7, 'c', 'DispenseRecorded', { rxId: 'RX-1', institutionId: 'P310001' }),
    ];
  });
  afterEach(() => gw.close());

  it('streams the events from ?fromBlock= with ids <block>:<txId>; oversight roles see all', async () => {
    const { status, text } = await stream(gw, '/events?fromBlock=6', gw.tokens.investigator);
    expect(status).to.equal(200);
    expect(text).to.match(/^: connected/);
    expect(text).to.contain(`id: 6:${'b'.repeat(64)}\nevent: PrescriptionIssued\n`);
    expect(text).to.contain(`id: 7:${'c'.repeat(64)}\nevent: DispenseRecorded\n`);
    expect(text).not.to.contain('ProbeWritten');
  });

  it('shows other callers only events naming their institution or licence, and resumes after Last-Event-ID', async () => {
    const doctor = await stream(gw, '/events', gw.tokens.doctor);
    expect(doctor.text).to.contain('PrescriptionIssued');
    expect(doctor.text).not.to.contain('DispenseRecorded');
    const resumed = await stream(gw, '/events', gw.tokens.investigator, { 'Last-Event-ID': `6:${'b'.repeat(64)}` });
    expect(resumed.text).not.to.contain('PrescriptionIssued');
    expect(resumed.text).to.contain('DispenseRecorded');
  });

  it('with ?rxId= streams that prescription’s events from any pharmacy to a pharmacist of another, after reading it as the caller', async () => {
    gw.ledger.events.push(
      event(8, 'd', 'PrescriptionDispensed', { rxId: 'RX-1', dispenseId: 'DSP-1', pharmacyId: 'P110001', status: 'PARTIALLY_DISPENSED' }),
      event(9, 'e', 'PrescriptionDispensed', { rxId: 'RX-2', dispenseId: 'DSP-2', pharmacyId: 'P110001', status: 'DISPENSED' }),
    );
    gw.ledger.answer(PrescriptionApi.Get, { rxId: 'RX-1' } as PrescriptionRecord);
    // Without rxId the Beijing pharmacy's dispense names nothing of pharmacist1's: not shown.
    expect((await stream(gw, '/events', gw.tokens.pharmacist)).text).not.to.contain('PrescriptionDispensed');
    const { status, text } = await stream(gw, '/events?rxId=RX-1', gw.tokens.pharmacist);
    expect(status).to.equal(200);
    expect(text).to.contain(`id: 8:${'d'.repeat(64)}\nevent: PrescriptionDispensed\n`);
    expect(text).to.contain('PrescriptionIssued');
    expect(text).to.contain('DispenseRecorded');
    expect(text).not.to.contain('RX-2');
    expect(gw.ledger.callsOf(PrescriptionApi.Get).map((c) => [c.user, c.args])).to.deep.equal([['pharmacist1', { rxId: 'RX-1' }]]);
  });

  it('with ?rxId= of a prescription the caller may not read (or that does not exist) answers the refusal before any event', async () => {
    gw.ledger.fail(PrescriptionApi.Get, { kind: 'rejected', code: 'NOT_FOUND', reason: 'prescription RX-9 does not exist', details: [] });
    const { status, text } = await stream(gw, '/events?rxId=RX-9', gw.tokens.pharmacist);
    expect(status).to.equal(404);
    expect(JSON.parse(text).error.code).to.equal('NOT_FOUND');
    const bad = await stream(gw, '/events?rxId=RX%201', gw.tokens.pharmacist);
    expect(bad.status).to.equal(400);
    expect(JSON.parse(bad.text).error.details[0].field).to.equal('query.rxId');
  });

  it('filters: one prescription’s events by rxId whoever made them, otherwise what names the caller', () => {
    const pharmacist = { attrs: { role: 'pharmacist', institutionId: 'P310001', licenceId: 'PHA-310-0001' } } as Parameters<typeof eventFilter>[0];
    const other = { rxId: 'RX-1', pharmacyId: 'P110001' };
    expect(eventFilter(pharmacist, 'RX-1')(other)).to.equal(true);
    expect(eventFilter(pharmacist, 'RX-1')({ rxId: 'RX-10', pharmacyId: 'P310001' })).to.equal(false);
    expect(eventFilter(pharmacist, 'RX-1')({ dispenseId: 'RX-1' })).to.equal(false);
    expect(eventFilter(pharmacist, undefined)(other)).to.equal(false);
    expect(eventFilter(pharmacist, undefined)({ rxId: 'RX-1', pharmacyId: 'P310001' })).to.equal(true);
  });

  it('refuses a malformed fromBlock with a field-level 400', async () => {
    const { status, text } = await stream(gw, '/events?fromBlock=-1', gw.tokens.investigator);
    expect(status).to.equal(400);
    expect(JSON.parse(text).error.details).to.deep.equal([{ field: 'query.fromBlock', message: 'must be a block number' }]);
  });
});
