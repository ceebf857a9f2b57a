import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from './api-error';
import type { RouteResponse } from './route';

interface Entry {
  scope: string;
  requestHash: string;
  response: RouteResponse;
  at: string;
}

/**
 * Results of POSTs sent with an Idempotency-Key, so a retry gets the first answer instead of a
 * second write. Kept in an append-only JSON-lines file that survives gateway restarts: a
 * durable local store is enough because the gateway also derives record ids from the key, so
 * even a retry the store has not seen (a crash between commit and append) lands on the same
 * ledger key and is refused or answered by the chaincode, never written twice.
 */
export class IdempotencyStore {
  private readonly done = new Map<string, Entry>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as Entry;
          this.done.set(entry.scope, entry);
        } catch {
          // A torn last line from a crash mid-append; the entries before it are intact.
        }
      }
    }
  }

  static scopeOf(user: string, operationId: string, key: string): string {
    return `${user}\u0000${operationId}\u0000${key}`;
  }

  static hashOf(body: unknown, params: unknown): string {
    return crypto.createHash('sha256').update(JSON.stringify([body, params])).digest('hex');
  }

  /** The stored response for a replay, undefined for a first attempt (now marked in flight). */
  begin(scope: string, requestHash: string): RouteResponse | undefined {
    const previous = this.done.get(scope);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request body');
      }
      return previous.response;
    }
    if (this.inFlight.has(scope)) {
      throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed', [], { 'Retry-After': '1' });
    }
    this.inFlight.add(scope);
    return undefined;
  }

  /** Records a successful result; failures are not stored, so the client may retry them. */
  finish(scope: string, requestHash: string, response: RouteResponse | undefined, at: Date): void {
    this.inFlight.delete(scope);
    if (!response) return;
    const entry: Entry = { scope, requestHash, response, at: at.toISOString() };
    fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    this.done.set(scope, entry);
  }
}
