/** Probe: the network's end-to-end check and the benchmark baseline. */
import { Type } from '@sinclair/typebox';
import type { ProbeRecord } from '../model/probe';
import { Closed } from './kit';
import { evaluateTx, returns, submitTx } from './transaction';

const ProbeId = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: '1-64 letters, digits, dot, dash or underscore' });

export const ProbeApi = {
  Write: submitTx('Probe:Write', {
    args: Closed({ id: ProbeId, note: Type.String({ maxLength: 256 }) }),
    result: returns<ProbeRecord>(),
  }),
  Read: evaluateTx('Probe:Read', { args: Closed({ id: ProbeId }), result: returns<ProbeRecord>() }),
} as const;
