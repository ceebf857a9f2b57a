import 'reflect-metadata';
import { expect } from 'chai';
import type { TSchema } from '@sinclair/typebox';
import { contracts } from '../../chaincode/src';
import { ACCESS, ALL_TRANSACTIONS, type AnyTx } from '../../chaincode/src/api';
import type { AppDeps } from '../../gateway-api/src/deps';
import { isTxRoute, type TxRoute } from '../../gateway-api/src/http/route';
import { argFieldOf, pathParamsOf, requestSchemasOf } from '../../gateway-api/src/http/route-schemas';
import { allRoutes } from '../../gateway-api/src/routes';

/**
 * The drift test of issue 10: the chaincode's transactions, the access table, the shared argument
 * schemas and the gateway's routes must describe the same thing. A route that validated its body
 * with a schema of its own, a transaction without an access entry, or an argument field no route
 * can send fails here.
 */

// Route factories keep their dependencies for their handlers only; building the list needs none.
const routes = allRoutes({} as AppDeps);
const txRoutes = routes.filter(isTxRoute) as TxRoute[];

/** What Fabric's contract metadata says each contract class serves: `Contract:Fn` → writes? */
function servedTransactions(): Map<string, { submit: boolean; parameters: number }> {
  const served = new Map<string, { submit: boolean; parameters: number }>();
  for (const Contract of contracts) {
    const name = new Contract().getName();
    const metadata = (Reflect.getMetadata('fabric:transactions', Contract.prototype) ?? []) as { name: string; tag: string[]; parameters: unknown[] }[];
    for (const tx of metadata) served.set(`${name}:${tx.name}`, { submit: tx.tag.includes('SUBMIT'), parameters: tx.parameters.length });
  }
  return served;
}

/** The gateway's own operations: enrolment, tokens, sessions, async status, the event stream and the read model's answers: none is a transaction's argument. */
const GATEWAY_OWN = [
  'enrolUser', 'issueToken', 'revokeTokens', 'setPassword', 'removePassword', 'signIn', 'currentSession', 'signOut', 'operationStatus', 'streamEvents', 'verifyReadModelRecord', 'readModelRecordVersions', 'caseFile',
  'riskInstitutions', 'riskInstitution', 'riskPatients', 'riskPatient', 'regionMonthly', 'readModelTimeline', 'readModelFundFlow', 'readModelFundsReceived',
  'createObserver',
];

describe('one source of truth for arguments, roles and routes (drift test)', () => {
  const served = servedTransactions();
  const defined = new Map(ALL_TRANSACTIONS.map((tx) => [tx.id as string, tx]));

  it('serves exactly the defined transactions, each taking one JSON argument and writing as defined', () => {
    expect([...served.keys()].sort()).to.deep.equal([...defined.keys()].sort());
    for (const [id, tx] of defined) {
      const method = served.get(id);
      expect(method?.parameters, `${id} parameters`).to.equal(1);
      expect(method?.submit, `${id} submit`).to.equal(tx.submit);
    }
  });

  it('has an access entry for every transaction and a transaction for every access entry', () => {
    expect(Object.keys(ACCESS).sort()).to.deep.equal([...defined.keys()].sort());
  });

  it('reaches every transaction through a route', () => {
    const reached = new Set(txRoutes.map((r) => r.tx.id as string));
    expect([...defined.keys()].filter((id) => !reached.has(id))).to.deep.equal([]);
  });

  it('calls the ledger only from transaction routes: the other routes are the gateway’s own few', () => {
    expect(routes.filter((r) => !isTxRoute(r)).map((r) => r.operationId).sort()).to.deep.equal([...GATEWAY_OWN].sort());
  });

  for (const route of txRoutes) {
    it(`${route.operationId} takes ${route.tx.id}'s argument field for field, with its roles`, () => {
      const tx: AnyTx = route.tx;
      const schemas = requestSchemasOf(route);
      expect(schemas.roles).to.deep.equal(ACCESS[tx.id]);
      const args = tx.args.properties as Record<string, TSchema>;
      const transient = (tx.transient?.properties ?? {}) as Record<string, TSchema>;
      const sent = new Set<string>();
      for (const param of pathParamsOf(route.path)) {
        const field = argFieldOf(route, param);
        expect(schemas.params[param], `path ${param}`).to.equal(args[field]);
        sent.add(field);
      }
      const rest = (schemas.body ?? schemas.query)?.properties as Record<string, TSchema> | undefined;
      for (const [name, schema] of Object.entries(rest ?? {})) {
        // The very schema object of the transaction (===), never a copy that could be edited apart.
        expect(schema === args[name] || schema === transient[name], `${name} is the transaction's own schema`).to.equal(true);
        sent.add(name);
      }
      const derived = new Set([...(route.derivedIds ?? []).map((d) => d.field as string), ...(route.gatewayTransient ?? []), ...(route.observerArg ? [route.observerArg as string] : [])]);
      const unreachable = Object.keys(args).filter((name) => !sent.has(name) && !derived.has(name));
      expect(unreachable, 'argument fields no request can set').to.deep.equal([]);
      const required = new Set((schemas.body ?? schemas.query)?.required ?? []);
      for (const name of tx.args.required ?? []) {
        if (!sent.has(name) || derived.has(name) || pathParamsOf(route.path).some((p) => argFieldOf(route, p) === name)) continue;
        expect(required.has(name), `${name} is required by ${tx.id}`).to.equal(true);
      }
    });
  }
});
