import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import type { AppDeps } from '../app';
import type { AuthenticatedUser } from '../fabric/identities';
import type { AnyRoute } from '../http/route';

/** Whether a caller may see an event: oversight roles see all, others events naming them. */
export function visibleTo(user: AuthenticatedUser, payload: Record<string, unknown>): boolean {
  if (['admin', 'insurer', 'investigator'].includes(user.attrs.role)) return true;
  const mine = [user.attrs.institutionId, user.attrs.licenceId].filter((v): v is string => !!v);
  return Object.values(payload).some((v) => typeof v === 'string' && mine.includes(v));
}

function parsePayload(event: ChaincodeEvent): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(event.payload).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Server-sent events of committed chaincode events, resumable from a checkpoint. */
export function eventRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/events',
      operationId: 'streamEvents',
      summary: 'Stream committed chaincode events concerning the caller (server-sent events)',
      description:
        'Each event has `id: <block>:<txId>`. Resume after a disconnect by sending that id as `Last-Event-ID` ' +
        '(or `?fromBlock=`); events up to and including the checkpoint are skipped.',
      tag: 'events',
      roles: ['admin', 'doctor', 'pharmacist', 'insurer', 'investigator'],
      query: { fromBlock: { type: 'string', pattern: '^[0-9]{1,15}$' } },
      success: { status: 200, description: 'text/event-stream of {name, payload, txId, block}' },
      handler: async () => ({ body: {} }),
      stream: async ({ user, query, headers }, res) => {
        const lastEventId = String(headers['last-event-id'] ?? '');
        const checkpoint = /^(\d+):([0-9a-f]{64})$/.exec(lastEventId);
        const startBlock = BigInt(checkpoint ? checkpoint[1] : (query.fromBlock ?? '0'));
        let skipUntil = checkpoint ? checkpoint[2] : undefined;
        const events = await ledger.chaincodeEvents(user, startBlock);
        res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.flushHeaders();
        res.write(': connected\n\n');
        res.on('close', () => events.close());
        try {
          for await (const event of events) {
            if (skipUntil) {
              if (event.transactionId === skipUntil) skipUntil = undefined;
              continue;
            }
            const payload = parsePayload(event);
            if (!visibleTo(user, payload)) continue;
            const data = { name: event.eventName, payload, txId: event.transactionId, block: event.blockNumber.toString() };
            res.write(`id: ${event.blockNumber}:${event.transactionId}\nevent: ${event.eventName}\ndata: ${JSON.stringify(data)}\n\n`);
          }
        } catch {
          // The stream ends when the client goes away (events.close) or the peer drops it.
        } finally {
          res.end();
        }
      },
    },
  ];
}
