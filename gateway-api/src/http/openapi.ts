/**
 * The OpenAPI 3.1 document, rendered from the same roles and schemas that check requests
 * (requestSchemasOf), so what it documents is what the gateway and the chaincode accept.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { SESSION_COOKIE } from '../sessions/session-cookie';
import { CSRF_HEADER, CSRF_VALUE } from './auth';
import { isTxRoute, type AnyRoute } from './route';
import { requestSchemasOf } from './route-schemas';

const errorSchema = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Unknown() }, { additionalProperties: false }) },
  { additionalProperties: false },
);

const acceptedSchema = Type.Object({ operationId: Type.String(), status: Type.String(), statusUrl: Type.String() }, { additionalProperties: false });

const COMMON_ERRORS: Record<number, string> = {
  400: 'Invalid request: field-level details',
  401: 'Missing, unknown or revoked bearer token; or the session expired (SESSION_EXPIRED) or ended (UNAUTHENTICATED)',
  403: 'The caller role may not do this (the chaincode refuses too); CSRF: the session cookie without X-Requested-With',
  502: 'The ledger could not endorse the transaction or reported an error',
  503: 'Ledger unreachable; retry after the Retry-After header',
};

const ERROR_TEXT: Record<number, string> = {
  404: 'Not found',
  409: 'Conflict: the state does not allow it, a concurrent change won, or the commit was refused',
  422: 'A domain rule refuses it; the message names the rule',
  429: 'Too many attempts; retry after the Retry-After header',
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: TSchema | Record<string, unknown>;
}

/** The error body restricted to the codes a response can carry. */
const errorWithCodes = (codes: readonly string[]): TSchema =>
  Type.Object(
    { error: Type.Object({ code: Type.Union(codes.map((c) => Type.Literal(c))), message: Type.String(), details: Type.Unknown() }, { additionalProperties: false }) },
    { additionalProperties: false },
  );

function parametersOf(route: AnyRoute): Parameter[] {
  const { roles, params, query } = requestSchemasOf(route);
  const required = new Set(query?.required ?? []);
  const parameters: Parameter[] = [
    ...Object.entries(params).map(([name, schema]): Parameter => ({ name, in: 'path', required: true, schema })),
    ...Object.entries(query?.properties ?? {}).map(([name, schema]): Parameter => ({ name, in: 'query', required: required.has(name), schema })),
  ];
  if (roles.length) parameters.push({ name: 'X-Min-Block', in: 'header', required: false, schema: { type: 'string', pattern: '^[0-9]{1,15}$' } });
  if (roles.length && route.method !== 'get') parameters.push({ name: CSRF_HEADER, in: 'header', required: false, schema: { type: 'string', enum: [CSRF_VALUE] } });
  if (route.method === 'post') parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } });
  if (route.async) parameters.push({ name: 'Prefer', in: 'header', required: false, schema: { type: 'string', enum: ['respond-async'] } });
  return parameters;
}

function responsesOf(route: AnyRoute): Record<string, unknown> {
  const { roles } = requestSchemasOf(route);
  const responses: Record<string, unknown> = {
    [route.success.status]: {
      description: route.success.description,
      ...(route.response ? { content: { 'application/json': { schema: route.response } } } : {}),
    },
  };
  if (route.async) {
    responses[202] = {
      description: 'Accepted (sent with Prefer: respond-async); poll the Location URL',
      content: { 'application/json': { schema: acceptedSchema } },
    };
  }
  const common = roles.length ? [400, 401, 403, ...(isTxRoute(route) ? [502] : []), 503] : [...(requestSchemasOf(route).body ? [400] : []), 503];
  const codes = route.errorCodes ?? {};
  for (const status of new Set([...common, ...(route.errors ?? []), ...Object.keys(codes).map(Number)])) {
    const known = codes[status];
    responses[status] = {
      description: known ? Object.entries(known).map(([code, meaning]) => `${code}: ${meaning}`).join('; ') : (COMMON_ERRORS[status] ?? ERROR_TEXT[status] ?? 'Error'),
      content: { 'application/json': { schema: known ? errorWithCodes(Object.keys(known)) : { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

/** Builds the OpenAPI 3.1 document from the route definitions. */
export function openApiDocument(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { roles, body } = requestSchemasOf(route);
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = parametersOf(route);
    paths[path] = {
      ...(paths[path] ?? {}),
      [route.method]: {
        operationId: route.operationId,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        tags: [route.tag],
        ...(roles.length ? { security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
        'x-roles': roles,
        ...(parameters.length ? { parameters } : {}),
        ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
        responses: responsesOf(route),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'rxchain gateway',
      version,
      description:
        'REST access to the rxchain ledger: e-prescriptions, dispensing, claims, cross-region settlement and audit trails. ' +
        'Every call runs as the caller’s own Fabric identity; send `Authorization: Bearer <token>` (system integrations), ' +
        'or sign in with `POST /sessions` and send the `rxchain_session` cookie (the console): with the cookie, ' +
        `POST and DELETE also need \`${CSRF_HEADER}: ${CSRF_VALUE}\` (else 403 CSRF), and an expired session answers 401 SESSION_EXPIRED.`,
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: { Error: errorSchema },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
