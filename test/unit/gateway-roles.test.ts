import { expect } from 'chai';
import request from 'supertest';
import { ROLES, rolesOf, type Role } from '@rxchain/chaincode/dist/shared';
import { isPublicRoute, isTxRoute, type AnyRoute } from '../../gateway-api/src/http/route';
import { requestSchemasOf } from '../../gateway-api/src/http/route-schemas';
import { bearerOf, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

function call(gw: TestGateway, route: AnyRoute, role: Role): request.Test {
  const path = route.path.replace(/:([A-Za-z0-9_]+)/g, 'x1');
  const agent = request(gw.app);
  const req = (route.method === 'get' ? agent.get(path) : route.method === 'post' ? agent.post(path) : agent.delete(path)).set(...bearerOf(gw.tokens[role]));
  return route.method === 'post' ? req.send({}) : req;
}

describe('gateway: route roles are the access table’s', () => {
  let gw: TestGateway;
  beforeEach(() => {
    gw = testGateway(unitRoutes);
  });
  afterEach(() => gw.close());

  it('every transaction route takes its roles from the access table, and every gateway route declares some but signing in', () => {
    const routes = unitRoutes(gw.deps);
    expect(routes.filter(isTxRoute)).to.have.length.greaterThan(3);
    for (const route of routes) {
      const { roles } = requestSchemasOf(route);
      expect(roles, route.operationId).to.deep.equal(isTxRoute(route) ? rolesOf(route.tx.id) : route.roles);
      if (isPublicRoute(route)) expect(route.operationId).to.equal('signIn');
      else expect(roles.length, route.operationId).to.be.greaterThan(0);
    }
  });

  it('answers 403 to every role outside a route’s roles without touching the ledger, and lets its roles through', async function () {
    // One request per route and role, several hundred in all: more than the default 10 s on a busy machine.
    this.timeout(60_000);
    let refused = 0;
    for (const route of unitRoutes(gw.deps)) {
      if (!isTxRoute(route) && route.stream) continue; // a stream answers 200 before any body; its roles are checked above
      if (isPublicRoute(route)) continue; // signing in needs no role (gateway-sessions.test.ts)
      const allowed = requestSchemasOf(route).roles;
      for (const role of ROLES) {
        const res = await call(gw, route, role);
        const what = `${role} ${route.method.toUpperCase()} ${route.path}`;
        if (allowed.includes(role)) {
          expect(res.status, what).not.to.be.oneOf([401, 403]);
        } else {
          expect(res.status, what).to.equal(403);
          expect(res.body.error.code, what).to.equal('FORBIDDEN');
          expect(gw.ledger.calls, what).to.deep.equal([]);
          refused++;
        }
        gw.ledger.calls.length = 0;
      }
    }
    expect(refused).to.be.greaterThan(10);
  });
});
