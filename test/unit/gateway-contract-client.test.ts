import { expect } from 'chai';
import { ProbeApi, type ProbeRecord } from '@rxchain/chaincode/dist/shared';
import { contractClient } from '../../gateway-api/src/fabric/contract-client';
import type { Committed } from '../../gateway-api/src/fabric/ledger-port';
import { FakeLedgerPort } from '../support/fake-ledger-port';
import { StandIn, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

describe('gateway: typed contract clients', () => {
  let gw: TestGateway;
  before(() => {
    gw = testGateway(unitRoutes);
  });
  after(() => gw.close());
  const record = { docType: 'probe', id: 'p1', note: 'n' } as unknown as ProbeRecord;

  it('has one method per transaction: writes are submitted, reads evaluated, with the definition itself', async () => {
    const ledger = new FakeLedgerPort().answer(ProbeApi.Write, record).answer(ProbeApi.Read, record);
    const probes = contractClient(ledger, ProbeApi);
    expect(Object.keys(probes)).to.have.members(Object.keys(ProbeApi));
    const written: Committed<ProbeRecord> = await probes.Write(gw.userOf('admin'), { id: 'p1', note: 'n' }, { endorsingOrganizations: ['HospitalMSP'] });
    const read: ProbeRecord = await probes.Read(gw.userOf('doctor'), { id: 'p1' });
    expect(written.result).to.equal(record);
    expect(written.txId).to.match(/^[0-9a-f]{64}$/);
    expect(read).to.equal(record);
    expect(ledger.calls).to.deep.equal([
      { method: 'submit', user: 'hospitaladmin', tx: 'Probe:Write', args: { id: 'p1', note: 'n' }, options: { endorsingOrganizations: ['HospitalMSP'] } },
      { method: 'evaluate', user: 'doctor1', tx: 'Probe:Read', args: { id: 'p1' }, options: {} },
    ]);
  });

  it('passes transient fields through to the port', async () => {
    const ledger = new FakeLedgerPort().answer(StandIn.Issue, (args) => args);
    const committed = await contractClient(ledger, StandIn).Issue(gw.userOf('doctor'), { rxId: 'RX-1', note: 'n' }, { transient: { patient: { idNumber: 'A1234567' } } });
    expect(committed.result).to.deep.equal({ rxId: 'RX-1', note: 'n' });
    expect(ledger.calls[0].options).to.deep.equal({ transient: { patient: { idNumber: 'A1234567' } } });
  });
});
