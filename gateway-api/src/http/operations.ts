import crypto from 'node:crypto';
import { ApiError } from './api-error';
import { asApiError } from './error-mapping';
import type { RouteResponse } from './route';

export interface Operation {
  id: string;
  user: string;
  operationId: string;
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: string;
  finishedAt?: string;
  result?: RouteResponse;
  error?: ReturnType<ApiError['toBody']>['error'];
}

/**
 * Operations accepted with `Prefer: respond-async`. Held in memory: the work itself is on the
 * ledger, and a client that loses the status URL (gateway restart) retries with the same
 * Idempotency-Key, which answers from the ledger-backed ids instead of writing again.
 */
export class Operations {
  private readonly ops = new Map<string, Operation>();

  start(user: string, operationId: string, work: () => Promise<RouteResponse>): Operation {
    const op: Operation = { id: crypto.randomUUID(), user, operationId, status: 'pending', createdAt: new Date().toISOString() };
    this.ops.set(op.id, op);
    work().then(
      (result) => Object.assign(op, { status: 'succeeded', result, finishedAt: new Date().toISOString() }),
      (err: unknown) => {
        Object.assign(op, { status: 'failed', error: asApiError(err).toBody().error, finishedAt: new Date().toISOString() });
      },
    );
    return op;
  }

  get(id: string, user: string): Operation {
    const op = this.ops.get(id);
    if (!op || op.user !== user) throw new ApiError(404, 'NOT_FOUND', `no operation ${id}`);
    return op;
  }

  pending(): number {
    return [...this.ops.values()].filter((o) => o.status === 'pending').length;
  }
}
