import type { AppDeps } from '../app';
import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit';
import { claimRoutes } from './claims';
import { eventRoutes } from './events';
import { oversightRoutes } from './oversight';
import { settlementRoutes } from './settlement';
import { operationRoutes } from './operations';
import { prescriptionRoutes } from './prescriptions';
import { probeRoutes } from './probe';
import { readModelRoutes } from './read-model';
import { registryRoutes } from './registry';
import { userRoutes } from './users';

/** Every authenticated REST operation, in the order the OpenAPI document lists them. */
export function allRoutes(deps: AppDeps): AnyRoute[] {
  return [
    ...prescriptionRoutes(deps),
    ...registryRoutes(deps),
    ...claimRoutes(deps),
    ...settlementRoutes(deps),
    ...oversightRoutes(deps),
    ...auditRoutes(deps),
    ...readModelRoutes(deps),
    ...userRoutes(deps),
    ...eventRoutes(deps),
    ...operationRoutes(deps),
    ...probeRoutes(deps),
  ];
}
