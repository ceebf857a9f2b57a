import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit';
import { eventRoutes } from './events';
import { operationRoutes } from './operations';
import { probeRoutes } from './probe';
import { userRoutes } from './users';

/** Every authenticated REST operation, in the order the OpenAPI document lists them. */
export function allRoutes(deps: AppDeps): AnyRoute[] {
  return [...probeRoutes(deps), ...auditRoutes(deps), ...userRoutes(deps), ...eventRoutes(deps), ...operationRoutes(deps)];
}
