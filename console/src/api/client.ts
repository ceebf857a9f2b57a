/**
 * The one client the console talks to the gateway with: openapi-fetch typed by the gateway's own
 * OpenAPI document (schema.d.ts, generated), same-origin cookie, the CSRF header on unsafe
 * methods, and every failure turned into an ApiFailure the screens can put into words.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export const CSRF_HEADER = { 'X-Requested-With': 'rxchain-console' } as const;

export interface FieldError {
  field: string;
  message: string;
}

/** A refused call: HTTP status, the gateway's error code, its message and field details. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  /** The domain rule a 422 (or a 409) names, e.g. SR-04 from "… (SR-04); …". */
  get ruleId(): string | undefined {
    return /\b([A-Z]{2}-\d{2})\b/.exec(this.message)?.[1];
  }
}

/** Listeners told when the gateway says the session is gone (401), so the app can show the expiry screen. */
const unauthenticatedListeners = new Set<(code: string) => void>();
export function onUnauthenticated(listener: (code: string) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Tells the app the gateway refused the session (401 with this code), from any call or stream. */
export function notifyUnauthenticated(code: string): void {
  for (const listener of unauthenticatedListeners) listener(code);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const consoleMiddleware: Middleware = {
  onRequest({ request }) {
    if (UNSAFE.has(request.method)) request.headers.set('X-Requested-With', CSRF_HEADER['X-Requested-With']);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(consoleMiddleware);

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

export function failureOf(status: number, body: unknown, headers?: Headers): ApiFailure {
  const e = (body as ErrorBody | undefined)?.error;
  const details = Array.isArray(e?.details) ? (e.details as FieldError[]).filter((d) => typeof d?.field === 'string') : [];
  const retry = headers?.get('Retry-After');
  return new ApiFailure(status, e?.code ?? `HTTP_${status}`, e?.message ?? `HTTP ${status}`, details, retry ? Number(retry) : undefined);
}

/**
 * The answer of a call, typed by the chaincode model it returns (the OpenAPI document describes
 * requests, not answers), or the ApiFailure it was refused with. A 401 also tells the app.
 */
export async function answer<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, 'NETWORK', 'network unreachable');
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const failure = failureOf(response.status, error, response.headers);
    if (response.status === 401) notifyUnauthenticated(failure.code);
    throw failure;
  }
  return data as T;
}
