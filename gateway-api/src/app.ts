import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { hashToken, type IdentityStore } from './fabric/identities';
import type { Ledger } from './fabric/ledger';
import type { NetworkProfile } from './fabric/network-profile';
import type { PeerClients } from './fabric/peer-clients';
import { ApiError } from './http/api-error';
import { authenticate } from './http/auth';
import { IdempotencyStore } from './http/idempotency';
import { Operations } from './http/operations';
import { errorsByCode, httpDuration } from './http/metrics';
import { openApiDocument } from './http/openapi';
import type { AnyRoute, RouteRequest, RouteResponse } from './http/route';
import { validate } from './http/validation';
import type { ReadModelService } from './read-model/service';
import { docsRouter } from './routes/docs';
import { allRoutes } from './routes';
import { systemRouter } from './routes/system';

export interface AppDeps {
  config: GatewayConfig;
  profile: NetworkProfile;
  clients: PeerClients;
  ledger: Ledger;
  identities: IdentityStore;
  idempotency: IdempotencyStore;
  operations: Operations;
  logger: Logger;
  /** In-flight requests, so shutdown can let acknowledged writes finish; set stopping on shutdown. */
  inFlight: { count: number; stopping?: boolean };
  /** The oversight read model; absent when RXCHAIN_READ_MODEL=off. */
  readModel?: ReadModelService;
}

export const API_VERSION = '0.1.0';

export function createApp(deps: AppDeps): express.Express {
  const { config, logger } = deps;
  const routes = allRoutes(deps);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(cors({ origin: config.corsOrigins.length ? config.corsOrigins : false }));
  app.use((req, res, next) => {
    const requestId = req.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    if (deps.inFlight.stopping) {
      // Shutting down: close keep-alive connections and turn new work away so it is retried
      // against the next gateway instead of being cut off half-way.
      res.setHeader('Connection', 'close');
      const err = new ApiError(503, 'SHUTTING_DOWN', 'the gateway is restarting; retry shortly', [], { 'Retry-After': '1' });
      res.setHeader('Retry-After', '1');
      res.status(503).json(err.toBody());
      return;
    }
    const started = process.hrtime.bigint();
    deps.inFlight.count++;
    res.on('finish', () => {
      deps.inFlight.count--;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (res.locals.routeTemplate as string | undefined) ?? 'unmatched';
      httpDuration.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
      logger.info(
        { requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), txId: res.locals.txId, user: res.locals.user },
        'request',
      );
    });
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, strict: true }));

  app.use(systemRouter(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(routes, API_VERSION));
  });
  app.use(docsRouter());

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const auth = req.get('authorization');
      return auth ? hashToken(auth) : ipKeyGenerator(req.ip ?? '');
    },
    handler: (_req, res) => {
      const err = new ApiError(429, 'RATE_LIMITED', `more than ${config.rateLimitPerMinute} requests a minute for this token`);
      res.status(429).json(err.toBody());
    },
  });
  app.use(limiter);

  for (const route of routes) register(app, route, deps);

  app.use((req, _res, next) => next(new ApiError(404, 'NOT_FOUND', `no route ${req.method} ${req.path}`)));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const apiError = asApiError(err);
    if (apiError.status >= 500) logger.error({ err, requestId: res.locals.requestId }, 'request failed');
    errorsByCode.inc({ code: apiError.code });
    for (const [k, v] of Object.entries(apiError.headers)) res.setHeader(k, v);
    res.status(apiError.status).json(apiError.toBody());
  });
  return app;
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed') return new ApiError(400, 'VALIDATION', 'request body is not valid JSON', [{ field: 'body', message: 'is not valid JSON' }]);
  if (e.type === 'entity.too.large') return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'request body is too large');
  if (e.status && e.status >= 400 && e.status < 500) return new ApiError(e.status, 'BAD_REQUEST', e.message ?? 'bad request');
  return new ApiError(500, 'INTERNAL', 'internal error');
}

function register(app: express.Express, route: AnyRoute, deps: AppDeps): void {
  app[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
    res.locals.routeTemplate = route.path;
    handle(route, req, res, deps).catch(next);
  });
}

async function handle(route: AnyRoute, req: Request, res: Response, deps: AppDeps): Promise<void> {
  const user = authenticate(req, deps.identities);
  res.locals.user = user.name;
  if (!route.roles.includes(user.attrs.role)) {
    throw new ApiError(403, 'FORBIDDEN', `${user.attrs.role} may not call ${route.operationId}; requires ${route.roles.join(' or ')}`);
  }
  const params = { ...req.params } as Record<string, string>;
  const query = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  if (route.params) validate('path', { type: 'object', properties: route.params, required: Object.keys(route.params) }, params);
  if (route.query) validate('query', { type: 'object', properties: route.query, additionalProperties: false }, query);
  const body: unknown = route.body ? req.body : undefined;
  if (route.body) validate('body', route.body, body ?? null);

  const minBlock = req.get('x-min-block');
  if (minBlock !== undefined && !/^[0-9]{1,15}$/.test(minBlock)) {
    throw new ApiError(400, 'VALIDATION', 'X-Min-Block must be a block number', [{ field: 'header.X-Min-Block', message: 'is not a block number' }]);
  }
  await deps.ledger.catchUp(user, minBlock === undefined ? undefined : BigInt(minBlock));

  const idempotencyKey = req.get('idempotency-key');
  if (idempotencyKey !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(idempotencyKey)) {
    throw new ApiError(400, 'VALIDATION', 'Idempotency-Key must be 1-128 letters, digits or ._:-', [{ field: 'header.Idempotency-Key', message: 'is malformed' }]);
  }
  const request: RouteRequest = {
    user,
    body,
    params,
    query,
    requestId: res.locals.requestId as string,
    headers: req.headers,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };

  if (route.stream) {
    await route.stream(request, res);
    return;
  }
  if (route.async && /respond-async/i.test(req.get('prefer') ?? '')) {
    const op = deps.operations.start(user.name, route.operationId, () => runOnce(route, request, deps, res));
    res.setHeader('Location', `/operations/${op.id}`);
    res.setHeader('Preference-Applied', 'respond-async');
    res.status(202).json({ operationId: op.id, status: op.status, statusUrl: `/operations/${op.id}` });
    return;
  }
  const response = await runOnce(route, request, deps, res);
  const txId = (response.body as { txId?: unknown } | undefined)?.txId;
  if (typeof txId === 'string') res.locals.txId = txId;
  for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
  res.status(response.status ?? route.success.status).json(response.body);
}

/** Runs a route's handler, at most once per Idempotency-Key for POSTs. */
async function runOnce(route: AnyRoute, request: RouteRequest, deps: AppDeps, res: Response): Promise<RouteResponse> {
  const { user, body, params, idempotencyKey } = request;
  let response: RouteResponse;
  if (route.method === 'post' && idempotencyKey) {
    const scope = IdempotencyStore.scopeOf(user.name, route.operationId, idempotencyKey);
    const requestHash = IdempotencyStore.hashOf(body, params);
    const replay = deps.idempotency.begin(scope, requestHash);
    if (replay) {
      if (!res.headersSent) res.setHeader('Idempotent-Replayed', 'true');
      response = replay;
    } else {
      let result: RouteResponse | undefined;
      try {
        result = await route.handler(request);
      } finally {
        deps.idempotency.finish(scope, requestHash, result, new Date());
      }
      response = result;
    }
  } else {
    response = await route.handler(request);
  }
  return response;
}
