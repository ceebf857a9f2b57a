import { Router } from 'express';
import type { AppDeps } from '../deps';
import { registry } from '../http/metrics';
import { readModelHealth } from '../read-model/health';

/** Unauthenticated operational endpoints: liveness with ledger height, readiness, metrics. */
export function systemRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/health', async (_req, res) => {
    res.locals.routeTemplate = '/health';
    const service = deps.identities.serviceUser();
    const base = { status: 'ok', uptimeSeconds: Math.round(process.uptime()), channel: deps.profile.channel };
    if (!service) {
      res.status(503).json({ ...base, status: 'degraded', ledger: { error: 'no service identity enrolled' } });
      return;
    }
    try {
      const ledger = await deps.ledger.chainHeight(service);
      res.json({ ...base, ledger, ...readModelHealth(deps) });
    } catch (err) {
      res.status(503).json({ ...base, status: 'degraded', ledger: { error: (err as Error).message }, ...readModelHealth(deps) });
    }
  });

  router.get('/ready', async (_req, res) => {
    res.locals.routeTemplate = '/ready';
    const peers = await deps.clients.allReady(2_000);
    const ready = Object.values(peers).every(Boolean);
    res.status(ready ? 200 : 503).json({ ready, peers });
  });

  router.get('/metrics', async (_req, res) => {
    res.locals.routeTemplate = '/metrics';
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });

  return router;
}
