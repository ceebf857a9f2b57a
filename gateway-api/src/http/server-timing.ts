/**
 * The Server-Timing header of every response: the Fabric phases the request's ledger calls took
 * (evaluate, endorse, submit = ordering, commit; one entry per call, so a retried write shows
 * twice) and the gateway's whole time on it, e.g. `endorse;dur=41.2, submit;dur=3.0,
 * commit;dur=212.7, gateway;dur=266.4`. The benchmark reads it to break REST latency down.
 */
import type { RequestHandler } from 'express';
import { collectingPhases, type PhaseTiming } from '../fabric/ledger-metrics';

export function serverTimingHeader(phases: PhaseTiming[], gatewayMs: number): string {
  return [...phases.map((p) => `${p.phase};dur=${p.ms.toFixed(1)}`), `gateway;dur=${gatewayMs.toFixed(1)}`].join(', ');
}

/** Collects the phases of everything after it; sets the header when the response is sent. */
export function serverTiming(): RequestHandler {
  return (_req, res, next) => {
    const phases: PhaseTiming[] = [];
    const started = performance.now();
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      if (!res.headersSent) res.setHeader('Server-Timing', serverTimingHeader(phases, performance.now() - started));
      return json(body);
    };
    collectingPhases(phases, next);
  };
}
