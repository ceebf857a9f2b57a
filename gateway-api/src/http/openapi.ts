import type { AnyRoute, Schema } from './route';
import { objectSchema } from './validation';

const errorSchema: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: objectSchema(
      {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
      },
      ['code', 'message', 'details'],
    ),
  },
};

const COMMON_ERRORS: Record<number, string> = {
  400: 'Invalid request: field-level details',
  401: 'Missing, unknown or revoked bearer token',
  403: 'The caller role may not do this (the chaincode refuses too)',
  503: 'Ledger unreachable; retry after the Retry-After header',
};

const ERROR_TEXT: Record<number, string> = {
  404: 'Not found',
  409: 'Conflict: the state does not allow it, or a concurrent change won',
  422: 'A domain rule refuses it; the message names the rule',
};

/** Builds the OpenAPI 3.1 document from the route definitions. */
export function openApiDocument(routes: AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters = [
      ...Object.entries(r.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries(r.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ];
    if (r.roles.length) {
      parameters.push({ name: 'X-Min-Block', in: 'header', required: false, schema: { type: 'string', pattern: '^[0-9]{1,15}$' } });
    }
    if (r.method === 'post') {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } });
    }
    const responses: Record<string, unknown> = {
      [r.success.status]: {
        description: r.success.description,
        ...(r.success.schema ? { content: { 'application/json': { schema: r.success.schema } } } : {}),
      },
    };
    if (r.async) {
      responses[202] = {
        description: 'Accepted (sent with Prefer: respond-async); poll the Location URL',
        content: { 'application/json': { schema: objectSchema({ operationId: { type: 'string' }, status: { type: 'string' }, statusUrl: { type: 'string' } }, ['operationId', 'status', 'statusUrl']) } },
      };
      parameters.push({ name: 'Prefer', in: 'header', required: false, schema: { type: 'string', enum: ['respond-async'] } });
    }
    const errorStatuses = [...(r.roles.length ? [400, 401, 403, 503] : [503]), ...(r.errors ?? [])];
    for (const status of errorStatuses) {
      responses[status] = {
        description: COMMON_ERRORS[status] ?? ERROR_TEXT[status] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[path] = {
      ...(paths[path] ?? {}),
      [r.method]: {
        operationId: r.operationId,
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        tags: [r.tag],
        ...(r.roles.length ? { security: [{ bearer: [] }], 'x-roles': r.roles } : { security: [] }),
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
        responses,
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
        'Every call runs as the caller’s own Fabric identity; send `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
