import { ProbeApi } from '@rxchain/chaincode/dist/shared';
import type { Workload } from './driver';
import { RestClient } from './clients';
import { directContract, readGatewayFile, type DirectContract } from './direct';
import { domainWorkloads } from './domain-workloads';

/** The benchmarked gateway: scripts/bench.sh names it; otherwise the one at the bench's port offset. */
const baseUrl = process.env.BENCH_GATEWAY_URL ?? `http://127.0.0.1:${3000 + Number(process.env.RXCHAIN_BENCH_PORT_OFFSET ?? 10000)}`;

export function token(user: string): string {
  return readGatewayFile<Record<string, string>>('demo-tokens.json')[user];
}

/** Sockets enough for the sweep's largest step, so requests never queue in the client. */
export const rest = new RestClient(baseUrl, 256);
const runTag = Date.now().toString(36);

/** All workloads, baseline first. Domain workloads are defined in their own modules. */
export async function workloads(traceSizes: number[]): Promise<Workload[]> {
  const admin = directContract('hospitaladmin');
  const probeId = `bench-read-${runTag}`;
  let probeWritten: Promise<unknown> | undefined;
  let reader: DirectContract | undefined;
  const writeProbe = () => (probeWritten ??= admin.submit(ProbeApi.Write, { id: probeId, note: 'read me' }));
  return [
    {
      name: 'baseline',
      description: `blind write of one new key per tx (${ProbeApi.Write.id}) via fabric-gateway, MAJORITY endorsement`,
      // A new key in every step too: the step's concurrency is part of it.
      prepare: async ({ concurrency }) => async (worker, i) => {
        await admin.submit(ProbeApi.Write, { id: `bench-${runTag}-${concurrency}-${worker}-${i}`, note: 'x' });
      },
    },
    {
      name: 'read-rest',
      description: 'read one record through the REST gateway (GET /probes/:id)',
      prepare: async () => {
        await writeProbe();
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
        await writeProbe();
        const doctor = (reader ??= directContract('doctor1'));
        return async () => {
          await doctor.evaluate(ProbeApi.Read, { id: probeId });
        };
      },
    },
    ...domainWorkloads({ rest, token, direct: directContract }, traceSizes),
  ];
}
