import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import crypto from 'node:crypto';
import type { AppDeps } from './deps';
import { hashToken } from './fabric/identities';
import { ApiError } from './http/api-error';
import { consoleRouter } from './http/console-static';
import { asApiError } from './http/error-mapping';
import { errorsByCode, httpDuration } from './http/metrics';
import { openApiDocument } from './http/openapi';
import type { AnyRoute } from './http/route';
import { routeHandler } from './http/route-handler';
import { serverTiming } from './http/server-timing';
import { sessionIdOf } from './sessions/session-cookie';
import { docsRouter } from './routes/docs';
import { systemRouter } from './routes/system';

export const API_VERSION = '0.1.0';

/** The gateway's Express app serving `routes` (routes/index.ts assembles the product's; unit tests serve their own). */
export function createApp(deps: AppDeps, routes: AnyRoute[]): express.Express {
  const { config, logger } = deps;
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
  // After the body parser, whose stream callbacks would lose the request's phase collection.
  app.use(serverTiming());

  app.use(systemRouter(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(routes, API_VERSION));
  });
  app.use(docsRouter());
  app.use(consoleRouter(config.consoleDir));

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const credential = req.get('authorization') ?? sessionIdOf(req.get('cookie'));
      return credential ? hashToken(credential) : ipKeyGenerator(req.ip ?? '');
    },
    handler: (_req, res) => {
      const err = new ApiError(429, 'RATE_LIMITED', `more than ${config.rateLimitPerMinute} requests a minute for this token, session or address`);
      res.status(429).json(err.toBody());
    },
  });
  app.use(limiter);

  for (const route of routes) app[route.method](route.path, routeHandler(route, deps));

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
