/** Writes the gateway's OpenAPI document to console/src/api/openapi.json (npm run openapi -w console). */
import fs from 'node:fs';
import { OPENAPI_JSON, gatewayOpenApiJson } from './openapi-document';

fs.writeFileSync(OPENAPI_JSON, gatewayOpenApiJson());
console.log(`wrote ${OPENAPI_JSON}`);
