/**
 * The gateway's OpenAPI document, built without a network: the product's routes (allRoutes)
 * over the unit tests' stand-in dependencies, rendered by the gateway's own openApiDocument, so
 * the console's generated types are the very document GET /openapi.json serves.
 */
import path from 'node:path';
import { API_VERSION } from '../../gateway-api/src/app';
import { openApiDocument } from '../../gateway-api/src/http/openapi';
import { allRoutes } from '../../gateway-api/src/routes';
import { testGateway } from '../../test/support/gateway-app';

export const OPENAPI_JSON = path.resolve(__dirname, '..', 'src', 'api', 'openapi.json');
export const SCHEMA_TS = path.resolve(__dirname, '..', 'src', 'api', 'schema.d.ts');

/** The document as JSON text, exactly as committed in console/src/api/openapi.json. */
export function gatewayOpenApiJson(): string {
  const gw = testGateway(allRoutes);
  try {
    return `${JSON.stringify(openApiDocument(allRoutes(gw.deps), API_VERSION), null, 2)}\n`;
  } finally {
    gw.close();
  }
}
