import { Type } from '@sinclair/typebox';
import { PrescriptionApi, ROLES } from '@rxchain/chaincode/dist/shared';
import type { AppDeps } from '../deps';
import type { AuthenticatedUser } from '../fabric/identities';
import type { LedgerEvent } from '../fabric/ledger-port';
import { plainRoute, type AnyRoute } from '../http/route';

/** Whether a caller may see an event: oversight roles see all, others events naming them. */
export function visibleTo(user: AuthenticatedUser, payload: Record<string, unknown>): boolean {
  if (['admin', 'insurer', 'investigator'].includes(user.attrs.role)) return true;
  const mine = [user.attrs.institutionId, user.attrs.licenceId].filter((v): v is string => !!v);
  return Object.values(payload).some((v) => typeof v === 'string' && mine.includes(v));
}

/**
 * The events one stream passes: with `rxId`, that prescription's events (the caller was first
 * allowed to read it, see below), whoever made them; otherwise those visibleTo the caller.
 */
export function eventFilter(user: AuthenticatedUser, rxId: string | undefined): (payload: Record<string, unknown>) => boolean {
  if (rxId !== undefined) return (payload) => payload.rxId === rxId;
  return (payload) => visibleTo(user, payload);
}

function parsePayload(event: LedgerEvent): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(event.payload).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Block numbers travel as strings: they are bigints on the ledger side. */
const BlockNumber = Type.String({ pattern: '^[0-9]{1,15}$', description: 'a block number' });

/** Server-sent events of committed chaincode events, resumable from a checkpoint. */
export function eventRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    plainRoute({
      method: 'get',
      path: '/events',
      operationId: 'streamEvents',
      summary: 'Stream committed chaincode events concerning the caller, or one prescription’s events (server-sent events)',
      description:
        'Each event has `id: <block>:<txId>`. Resume after a disconnect by sending that id as `Last-Event-ID` ' +
        '(or `?fromBlock=`); events up to and including the checkpoint are skipped. Without `rxId`: the events naming ' +
        'the caller’s institution or licence (insurers, investigators and admins: all). With `?rxId=`: that ' +
        'prescription’s events (issue, every dispense at any pharmacy, revocation) for any caller who may read the ' +
        'prescription — the gateway first reads it as the caller with Prescription:Get (every role may, so a pharmacist ' +
        'verifying a prescription sees another pharmacy’s dispense of it); an unknown prescription is a 404 before the stream opens.',
      tag: 'events',
      roles: ROLES,
      query: { fromBlock: Type.Optional(BlockNumber), rxId: Type.Optional(PrescriptionApi.Get.args.properties.rxId) },
      success: { status: 200, description: 'text/event-stream of {name, payload, txId, block}' },
      errors: [404],
      handler: async () => ({ body: {} }),
      stream: async ({ user, query, headers }, res) => {
        const lastEventId = String(headers['last-event-id'] ?? '');
        const checkpoint = /^(\d+):([0-9a-f]{64})$/.exec(lastEventId);
        const startBlock = BigInt(checkpoint ? checkpoint[1] : (query.fromBlock ?? '0'));
        let skipUntil = checkpoint ? checkpoint[2] : undefined;
        // The chaincode's read rule decides who may follow a prescription: the caller reads it first.
        if (query.rxId !== undefined) await ledger.evaluate(user, PrescriptionApi.Get, { rxId: query.rxId });
        const passes = eventFilter(user, query.rxId);
        const events = await ledger.chaincodeEvents(user, startBlock);
        res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.flushHeaders();
        res.write(': connected\n\n');
        res.on('close', () => events.close());
        try {
          for await (const event of events) {
            if (skipUntil) {
              if (event.txId === skipUntil) skipUntil = undefined;
              continue;
            }
            const payload = parsePayload(event);
            if (!passes(payload)) continue;
            const data = { name: event.name, payload, txId: event.txId, block: event.blockNumber.toString() };
            res.write(`id: ${event.blockNumber}:${event.txId}\nevent: ${event.name}\ndata: ${JSON.stringify(data)}\n\n`);
          }
        } catch {
          // The stream ends when the client goes away (events.close) or the peer drops it.
        } finally {
          res.end();
        }
      },
    }),
  ];
}
