import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { objectSchema } from '../http/validation';
import { fen, id, pageArgs, pageQuery, recordId, region, shortText } from './schemas';

/** Payment of approved claims and cross-region clearing batches (insurers). */
export function settlementRoutes({ ledger }: AppDeps): AnyRoute[] {
  return [
    {
      method: 'post',
      path: '/claims/:id/payment',
      operationId: 'payClaim',
      summary: 'Pay the institution the fund share of an approved claim (treatment region’s insurer); the claim becomes REMITTED',
      tag: 'settlement',
      roles: ['insurer'],
      params: { id },
      body: objectSchema({ transferId: id, paymentRef: shortText(64) }, ['paymentRef']),
      success: { status: 201, description: 'The remitted claim and its transfer record' },
      errors: [404, 409, 422],
      handler: async ({ user, params, body, idempotencyKey }) => {
        const b = body as { transferId?: string; paymentRef: string };
        const transferId = recordId('TRF', b.transferId, user.name, `payClaim:${params.id}`, idempotencyKey ?? params.id);
        const { result, txId, blockNumber } = await ledger.submit(user, 'Settlement:Pay', [params.id, transferId, b.paymentRef]);
        return { status: 201, body: { ...(result as object), txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/settlement/clearable/:counterpartyRegion',
      operationId: 'clearable',
      summary: 'Remitted cross-region claims not yet in a batch, with amounts owed per region',
      tag: 'settlement',
      roles: ['insurer', 'investigator'],
      params: { counterpartyRegion: region },
      success: { status: 200, description: 'What a batch would hold now' },
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Settlement:Clearable', [params.counterpartyRegion]) }),
    },
    {
      method: 'post',
      path: '/settlement/batches',
      operationId: 'proposeBatch',
      summary: 'Propose a clearing batch to another region (treatment region’s insurer); omit claimIds to take every clearable claim',
      tag: 'settlement',
      roles: ['insurer'],
      async: true,
      body: objectSchema(
        {
          batchId: id,
          counterpartyRegion: region,
          claimIds: { type: 'array', minItems: 1, maxItems: 5000, uniqueItems: true, items: id },
          owedFenByRegion: { type: 'object', propertyNames: { pattern: '^[0-9]{6}$' }, additionalProperties: fen },
        },
        ['counterpartyRegion'],
      ),
      success: { status: 201, description: 'The proposed batch (202 with a status URL when sent with Prefer: respond-async)' },
      errors: [409, 422],
      handler: async ({ user, body, idempotencyKey }) => {
        const b = body as { batchId?: string; counterpartyRegion: string; claimIds?: string[]; owedFenByRegion?: Record<string, number> };
        let { claimIds, owedFenByRegion } = b;
        if (!claimIds) {
          const clearable = await ledger.evaluate<{ claimIds: string[]; owedFenByRegion: Record<string, number> }>(user, 'Settlement:Clearable', [b.counterpartyRegion]);
          claimIds = clearable.claimIds;
          owedFenByRegion ??= clearable.owedFenByRegion;
        }
        const batch = {
          batchId: recordId('BAT', b.batchId, user.name, 'proposeBatch', idempotencyKey),
          counterpartyRegion: b.counterpartyRegion,
          claimIds,
          owedFenByRegion: owedFenByRegion ?? {},
        };
        const { result, txId, blockNumber } = await ledger.submit(user, 'Settlement:ProposeBatch', [JSON.stringify(batch)]);
        return { status: 201, body: { batch: result, txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/settlement/batches/:id/confirmation',
      operationId: 'confirmBatch',
      summary: 'Confirm a batch (insured region’s insurer): the net amount moves between the regions’ funds',
      tag: 'settlement',
      roles: ['insurer'],
      async: true,
      params: { id },
      body: objectSchema({ transferId: id, paymentRef: shortText(64) }, ['paymentRef']),
      success: { status: 200, description: 'The cleared batch and its transfer (202 with Prefer: respond-async)' },
      errors: [404, 409, 422],
      handler: async ({ user, params, body, idempotencyKey }) => {
        const b = body as { transferId?: string; paymentRef: string };
        const transferId = recordId('TRF', b.transferId, user.name, `confirmBatch:${params.id}`, idempotencyKey ?? params.id);
        const { result, txId, blockNumber } = await ledger.submit(user, 'Settlement:ConfirmBatch', [params.id, transferId, b.paymentRef]);
        return { body: { ...(result as object), txId, blockNumber } };
      },
    },
    {
      method: 'post',
      path: '/settlement/batches/:id/rejection',
      operationId: 'rejectBatch',
      summary: 'Reject a proposed batch (insured region’s insurer); its claims can be batched again',
      tag: 'settlement',
      roles: ['insurer'],
      params: { id },
      body: objectSchema({ reason: shortText(500) }, ['reason']),
      success: { status: 200, description: 'The rejected batch' },
      errors: [404, 409],
      handler: async ({ user, params, body }) => {
        const { result, txId, blockNumber } = await ledger.submit(user, 'Settlement:RejectBatch', [params.id, (body as { reason: string }).reason]);
        return { body: { batch: result, txId, blockNumber } };
      },
    },
    {
      method: 'get',
      path: '/settlement/batches/:id',
      operationId: 'getBatch',
      summary: 'A clearing batch',
      tag: 'settlement',
      roles: ['insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The batch' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Settlement:GetBatch', [params.id]) }),
    },
    {
      method: 'get',
      path: '/regions/:region/batches',
      operationId: 'listBatches',
      summary: 'Clearing batches involving a region',
      tag: 'settlement',
      roles: ['insurer', 'investigator'],
      params: { region },
      query: pageQuery,
      success: { status: 200, description: '{records, bookmark, fetchedCount}' },
      handler: async ({ user, params, query }) => ({ body: await ledger.evaluate(user, 'Settlement:ListBatches', [params.region, ...pageArgs(query)]) }),
    },
    {
      method: 'get',
      path: '/transfers/:id',
      operationId: 'getTransfer',
      summary: 'A fund transfer record',
      tag: 'settlement',
      roles: ['insurer', 'investigator'],
      params: { id },
      success: { status: 200, description: 'The transfer' },
      errors: [404],
      handler: async ({ user, params }) => ({ body: await ledger.evaluate(user, 'Settlement:GetTransfer', [params.id]) }),
    },
  ];
}
