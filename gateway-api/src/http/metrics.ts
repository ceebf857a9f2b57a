import client from 'prom-client';
import { withPhaseCollection, type LedgerMetrics } from '../fabric/ledger-metrics';

/** Prometheus metrics for /metrics: HTTP traffic, Fabric call phases and errors by code. */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

export const httpDuration = new client.Histogram({
  name: 'rxchain_http_request_duration_seconds',
  help: 'HTTP request latency by route, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const fabricDuration = new client.Histogram({
  name: 'rxchain_fabric_call_duration_seconds',
  help: 'Fabric call latency by phase: evaluate, endorse, submit, commit',
  labelNames: ['phase'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const errorsByCode = new client.Counter({
  name: 'rxchain_http_errors_total',
  help: 'Error responses by error code',
  labelNames: ['code'] as const,
  registers: [registry],
});

const resubmissions = new client.Counter({
  name: 'rxchain_fabric_resubmissions_total',
  help: 'Endorsed transactions sent to ordering again after their commit status stayed silent',
  registers: [registry],
});

/** The Fabric adapter's metrics, in Prometheus and in each request's Server-Timing header. */
export const ledgerMetrics: LedgerMetrics = withPhaseCollection({
  phase: (name) => fabricDuration.startTimer({ phase: name }),
  resubmitted: () => resubmissions.inc(),
});
