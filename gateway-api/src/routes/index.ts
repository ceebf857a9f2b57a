import { archiveRoutes } from './archive';
import type { AppDeps } from '../deps';
import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit';
import { caseRoutes } from './cases';
import { claimRoutes } from './claims';
import { encounterRoutes } from './encounters';
import { eventRoutes } from './events';
import { institutionRoutes } from './institutions';
import { insuredPersonRoutes } from './insured-persons';
import { maintenanceRoutes } from './maintenance';
import { membershipRoutes } from './membership';
import { observerRoutes } from './observers';
import { oversightRoutes } from './oversight';
import { settlementRoutes } from './settlement';
import { operationRoutes } from './operations';
import { prescriptionRoutes } from './prescriptions';
import { probeRoutes } from './probe';
import { readModelRoutes } from './read-model';
import { readModelTraceRoutes } from './read-model-traces';
import { registryRoutes } from './registry';
import { riskRoutes } from './risk';
import { sessionRoutes } from './sessions';
import { userRoutes } from './users';

/** A module of routes; one that needs nothing of the app simply takes no argument. */
type RouteModule = (deps: AppDeps) => AnyRoute[];

/** Every REST operation (all authenticated but signing in), in the order the OpenAPI document lists them. */
const MODULES: readonly RouteModule[] = [
  prescriptionRoutes,
  registryRoutes,
  institutionRoutes,
  insuredPersonRoutes,
  archiveRoutes,
  encounterRoutes,
  claimRoutes,
  settlementRoutes,
  oversightRoutes,
  caseRoutes,
  observerRoutes,
  auditRoutes,
  readModelRoutes,
  riskRoutes,
  readModelTraceRoutes,
  userRoutes,
  sessionRoutes,
  membershipRoutes,
  maintenanceRoutes,
  eventRoutes,
  operationRoutes,
  probeRoutes,
];

export function allRoutes(deps: AppDeps): AnyRoute[] {
  return MODULES.flatMap((routes) => routes(deps));
}
