/**
 * The request a route accepts, derived from the transaction it calls: path parameters, then the
 * query string (reads) or the body (writes) carry the rest of the transaction's argument, plus
 * its transient fields in the body. Every property schema here is the transaction's own object,
 * so a route cannot accept what the chaincode refuses, nor document what it does not take.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { rolesOf, type AnyTx, type Role } from '@rxchain/chaincode/dist/shared';
import { isPublicRoute, isTxRoute, type AnyRoute, type AnyTxRoute, type TxRoute } from './route';

export interface RequestSchemas {
  roles: readonly Role[];
  /** Path parameter name → its schema. */
  params: Record<string, TSchema>;
  query?: TObject;
  body?: TObject;
}

const cache = new WeakMap<AnyRoute, RequestSchemas>();

export function pathParamsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

/** Argument field a path parameter fills. */
export const argFieldOf = (route: Pick<TxRoute, 'pathArgs'>, param: string): string => route.pathArgs?.[param] ?? param;

function txSchemas(route: AnyTxRoute): RequestSchemas {
  const tx: AnyTx = route.tx;
  const { properties, required = [] } = tx.args;
  const params: Record<string, TSchema> = {};
  const fromPath = new Set<string>();
  for (const param of pathParamsOf(route.path)) {
    const field = argFieldOf(route, param);
    const schema = properties[field];
    if (!schema) throw new Error(`${route.operationId}: path parameter ${param} fills ${field}, which ${tx.id} does not take`);
    params[param] = schema;
    fromPath.add(field);
  }
  const derived = new Set((route.derivedIds ?? []).map((d) => d.field));
  const filled = new Set(route.observerArg === undefined ? [] : [route.observerArg]);
  const rest = Object.keys(properties).filter((k) => !fromPath.has(k) && !filled.has(k));
  const restRequired = required.filter((k) => !fromPath.has(k) && !derived.has(k) && !filled.has(k));
  const pick = (keys: string[], extra: Record<string, TSchema> = {}, extraRequired: string[] = []): TObject => {
    const props: Record<string, TSchema> = {};
    for (const k of keys) props[k] = properties[k];
    Object.assign(props, extra);
    const schema = Type.Object({}, { additionalProperties: false });
    // Set the very property objects of the transaction, not copies: the drift test relies on identity.
    return { ...schema, properties: props, required: [...restRequired, ...extraRequired] } as unknown as TObject;
  };
  const roles = rolesOf(tx.id);
  if (route.method === 'post') {
    const generated = new Set(route.gatewayTransient ?? []);
    const transientProps = Object.entries(tx.transient?.properties ?? {}).filter(([k]) => !generated.has(k));
    const transientRequired = (tx.transient?.required ?? []).filter((k) => !generated.has(k));
    const body = pick(rest, Object.fromEntries(transientProps), transientRequired);
    return { roles, params, body };
  }
  if (tx.transient) throw new Error(`${route.operationId}: a ${route.method.toUpperCase()} route cannot carry transient fields`);
  return rest.length > 0 ? { roles, params, query: pick(rest) } : { roles, params };
}

/** The roles and request schemas of a route. */
export function requestSchemasOf(route: AnyRoute): RequestSchemas {
  let schemas = cache.get(route);
  if (!schemas) {
    if (isTxRoute(route)) {
      schemas = txSchemas(route);
    } else if (isPublicRoute(route)) {
      schemas = { roles: [], params: {} };
      if (route.body) schemas.body = route.body as TObject;
    } else {
      schemas = { roles: route.roles, params: route.params ?? {} };
      if (route.query) schemas.query = Type.Object(route.query, { additionalProperties: false });
      if (route.body) schemas.body = route.body as TObject;
    }
    cache.set(route, schemas);
  }
  return schemas;
}
