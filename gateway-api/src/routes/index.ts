import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit';
import { probeRoutes } from './probe';

/** Every authenticated REST operation, in the order the OpenAPI document lists them. */
export function allRoutes(deps: AppDeps): AnyRoute[] {
  return [...probeRoutes(deps), ...auditRoutes(deps)];
}
