import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import type { Workload } from './driver';
import { RestClient } from './clients';
import { directContract, readGatewayFile } from './direct';
import { domainWorkloads } from './domain-workloads';

const baseUrl = process.env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:13000';

export function token(user: string): string {
  return readGatewayFile<Record<string, string>>('demo-tokens.json')[user];
}

export const rest = new RestClient(baseUrl, 64);
const runTag = Date.now().toString(36);

/** All workloads, baseline first. Domain workloads are defined in their own modules. */
export async function workloads(concurrency: number, traceSizes: number[]): Promise<Workload[]> {
  const admin = directContract('hospitaladmin');
  const probeId = `bench-read-${runTag}`;
  return [
    {
      name: 'baseline',
      description: `blind write of one new key per tx (${ProbeApi.Write.id}) via fabric-gateway, MAJORITY endorsement`,
      prepare: async () => async (worker, i) => {
        await admin.submit(ProbeApi.Write, { id: `bench-${runTag}-${worker}-${i}`, note: 'x' });
      },
    },
    {
      name: 'read-rest',
      description: 'read one record through the REST gateway (GET /probes/:id)',
      prepare: async () => {
        await admin.submit(ProbeApi.Write, { id: probeId, note: 'read me' });
        const t = token('doctor1');
        return async () => {
          await rest.call('GET', `/probes/${probeId}`, t);
        };
      },
    },
    {
      name: 'read-direct',
      description: 'the same read evaluated directly with fabric-gateway (gateway overhead = read-rest − read-direct)',
      prepare: async () => {
        const doctor = directContract('doctor1');
        return async () => {
          await doctor.evaluate(ProbeApi.Read, { id: probeId });
        };
      },
    },
    ...domainWorkloads({ rest, token, direct: directContract }, concurrency, traceSizes),
  ];
}
