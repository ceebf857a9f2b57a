/**
 * How every route is served (a public one, signing in, only validated): authenticate (401) → role from the access table (403) → path,
 * query, body and headers checked with the shared schemas (400 listing every field) → the
 * user's peer caught up (read-your-writes) → at most once per Idempotency-Key → the route's
 * own handler, or its transaction submitted or evaluated once.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../deps';
import type { LedgerPort } from '../fabric/ledger-port';
import { ApiError } from './api-error';
import { authenticate } from './auth';
import { IdempotencyStore } from './idempotency';
import { isPublicRoute, isTxRoute, type AnyRoute, type RouteRequest, type RouteResponse } from './route';
import { argsFor } from './route-args';
import { requestSchemasOf } from './route-schemas';
import { committedResponse } from './tx-response';
import { checkedInput, type CheckedInput } from './validation';

export function routeHandler(route: AnyRoute, deps: AppDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.routeTemplate = route.path;
    handle(route, req, res, deps).catch(next);
  };
}

/** Repeated query parameters (arrays) and nested ones are not part of any route's contract. */
const stringsOf = (query: Request['query']): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

async function handle(route: AnyRoute, req: Request, res: Response, deps: AppDeps): Promise<void> {
  if (isPublicRoute(route)) {
    const input = checkedInput(requestSchemasOf(route), { params: {}, query: {}, body: req.body });
    send(res, route, await route.handler({ body: input.body, requestId: res.locals.requestId as string, headers: req.headers, secure: req.secure }));
    return;
  }
  const user = authenticate(req, deps.identities, deps.sessions.store);
  res.locals.user = user.name;
  const schemas = requestSchemasOf(route);
  if (!schemas.roles.includes(user.attrs.role)) {
    throw new ApiError(403, 'FORBIDDEN', `${user.attrs.role} may not call ${route.operationId}; requires ${schemas.roles.join(' or ')}`);
  }
  const params = { ...req.params } as Record<string, string>;
  const query = stringsOf(req.query);
  const input = checkedInput(schemas, { params, query, body: req.body, minBlock: req.get('x-min-block'), idempotencyKey: req.get('idempotency-key') });
  await deps.ledger.catchUp(user, input.minBlock);
  const request: RouteRequest = {
    user,
    body: input.body,
    params,
    query,
    requestId: res.locals.requestId as string,
    headers: req.headers,
    secure: req.secure,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
  };

  if (!isTxRoute(route) && route.stream) {
    // A stream opened with the session cookie ends with the session (sign-out, expiry); a token's runs on.
    const unwatch = deps.sessions.store.watch(user.tokenHash, () => res.end());
    try {
      await route.stream(request, res);
    } finally {
      unwatch();
    }
    return;
  }
  const run = () => once(route, request, deps, res, () => respond(route, request, input, deps.ledger));
  if (route.async && /respond-async/i.test(req.get('prefer') ?? '')) {
    const op = deps.operations.start(user.name, route.operationId, run);
    res.setHeader('Location', `/operations/${op.id}`);
    res.setHeader('Preference-Applied', 'respond-async');
    res.status(202).json({ operationId: op.id, status: op.status, statusUrl: `/operations/${op.id}` });
    return;
  }
  const response = await run();
  const txId = (response.body as { txId?: unknown } | undefined)?.txId;
  if (typeof txId === 'string') res.locals.txId = txId;
  send(res, route, response);
}

function send(res: Response, route: AnyRoute, response: RouteResponse): void {
  for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
  const status = response.status ?? route.success.status;
  if (status === 204) res.status(204).end();
  else res.status(status).json(response.body);
}

/** Runs `work` at most once per Idempotency-Key for POSTs; a retry gets the first answer. */
async function once(route: AnyRoute, request: RouteRequest, deps: AppDeps, res: Response, work: () => Promise<RouteResponse>): Promise<RouteResponse> {
  const { user, body, params, idempotencyKey } = request;
  if (route.method !== 'post' || !idempotencyKey) return work();
  const scope = IdempotencyStore.scopeOf(user.name, route.operationId, idempotencyKey);
  const requestHash = IdempotencyStore.hashOf(body, params);
  const replay = deps.idempotency.begin(scope, requestHash);
  if (replay) {
    if (!res.headersSent) res.setHeader('Idempotent-Replayed', 'true');
    return replay;
  }
  let result: RouteResponse | undefined;
  try {
    result = await work();
  } finally {
    deps.idempotency.finish(scope, requestHash, result, new Date());
  }
  return result;
}

/** A gateway route's handler; for a transaction route its own handler, or its transaction called once. */
async function respond(route: AnyRoute, request: RouteRequest, input: CheckedInput, ledger: LedgerPort): Promise<RouteResponse> {
  if (!isTxRoute(route)) return route.handler(request);
  const { args, transient } = argsFor(route, request, input);
  if (route.handler) return route.handler({ ...request, args, transient });
  const options = route.tx.transient ? { transient } : {};
  if (!route.tx.submit) return { status: route.success.status, body: await ledger.evaluate(request.user, route.tx, args, options) };
  return committedResponse(route, await ledger.submit(request.user, route.tx, args, options));
}
