import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
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

  it('refuses a malformed fromBlock with a field-level 400', async () => {
    const { status, text } = await stream(gw, '/events?fromBlock=-1', gw.tokens.investigator);
    expect(status).to.equal(400);
    expect(JSON.parse(text).error.details).to.deep.equal([{ field: 'query.fromBlock', message: 'must be a block number' }]);
  });
});
