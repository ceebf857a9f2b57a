import { expect } from 'chai';
import { RestClient } from '../../bench/clients';
import { startGatewayProcess, stopGatewayProcess, sleep } from '../support/faults';
import { tokenOf, uniqueId } from '../support/network';

const PORT = 3000 + Number(process.env.RXCHAIN_PORT_OFFSET ?? 0) + 7;

describe('gateway restart under load (integration, gateway as a process)', () => {
  it('finishes in-flight writes on SIGTERM, and retries with the same Idempotency-Key never write twice', async () => {
    let gateway = await startGatewayProcess(PORT);
    const client = new RestClient(`http://127.0.0.1:${PORT}`, 16);
    const token = tokenOf('hospitaladmin');
    const ids = Array.from({ length: 80 }, () => uniqueId('restart'));
    const acked = new Map<string, string>();
    let retries = 0;

    const workers = [0, 1, 2, 3].map(async (w) => {
      for (const id of ids.filter((_, i) => i % 4 === w)) {
        for (;;) {
          try {
            const res = await client.call<{ txId: string }>('POST', '/probes', token, { id, note: 'restart' }, { 'Idempotency-Key': id });
            acked.set(id, res.txId);
            break;
          } catch {
            retries++;
            await sleep(250);
          }
        }
      }
    });
    while (acked.size < 8) await sleep(50);
    const code = await stopGatewayProcess(gateway, 'SIGTERM');
    expect(code, 'graceful exit').to.equal(0);
    gateway = await startGatewayProcess(PORT);
    try {
      await Promise.all(workers);
      expect(acked.size).to.equal(ids.length);
      expect(retries, 'some requests met the restart').to.be.greaterThan(0);
      for (const id of ids) {
        const history = await client.call<{ txId: string }[]>('GET', `/records/probe/${id}/history`, tokenOf('investigator1'));
        expect(history, id).to.have.length(1);
        expect(history[0].txId).to.equal(acked.get(id));
      }
    } finally {
      client.close();
      await stopGatewayProcess(gateway);
    }
  });
});
