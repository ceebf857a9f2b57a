import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import request from 'supertest';
import { ProbeApi, rolesOf } from '@rxchain/chaincode/dist/shared';
import { openApiDocument } from '../../gateway-api/src/http/openapi';
import { isTxRoute } from '../../gateway-api/src/http/route';
import { StandIn, testGateway, unitRoutes, type TestGateway } from '../support/gateway-app';

interface Operation {
  'x-roles'?: string[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required?: string[] } } } };
  responses: Record<string, unknown>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

describe('gateway: the OpenAPI document', () => {
  let gw: TestGateway;
  let doc: Doc;
  beforeEach(async () => {
    gw = testGateway(unitRoutes);
    doc = (await request(gw.app).get('/openapi.json').expect(200)).body as Doc;
  });
  afterEach(() => gw.close());

  const operationOf = (path: string, method: string): Operation => doc.paths[path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')][method];

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(doc).to.deep.equal(JSON.parse(JSON.stringify(openApiDocument(unitRoutes(gw.deps), '0.1.0'))));
  });

  it('publishes every route with x-roles equal to the access table’s roles for its transaction', () => {
    for (const route of unitRoutes(gw.deps)) {
      const operation = operationOf(route.path, route.method);
      expect(operation, route.operationId).to.be.an('object');
      expect(operation['x-roles'], route.operationId).to.deep.equal(isTxRoute(route) ? [...rolesOf(route.tx.id)] : [...route.roles]);
    }
  });

  it('documents a read’s path and query parameters from its transaction’s argument schema', () => {
    const parameters = operationOf('/stand-in/regions/:region/claims', 'get').parameters ?? [];
    const byName = Object.fromEntries(parameters.map((p) => [`${p.in}.${p.name}`, p]));
    expect(byName['path.region']).to.deep.include({ required: true, schema: JSON.parse(JSON.stringify(StandIn.List.args.properties.region)) });
    expect(byName['query.pageSize']).to.deep.include({ required: false });
    expect(byName['query.pageSize'].schema).to.include({ type: 'integer', minimum: 1, maximum: 200 });
    expect(byName['query.flagged'].schema).to.include({ type: 'boolean' });
    expect(Object.keys(byName)).to.include.members(['query.bookmark', 'query.minFen', 'header.X-Min-Block']);
    expect(operationOf('/stand-in/regions/:region/claims', 'get').requestBody).to.equal(undefined);
  });

  it('documents a write’s body as its transaction’s argument plus the transient fields the client sends', () => {
    const probe = operationOf('/probes', 'post').requestBody?.content['application/json'].schema;
    expect(probe?.properties).to.deep.equal(JSON.parse(JSON.stringify(ProbeApi.Write.args.properties)));
    expect(probe?.required).to.have.members(['id', 'note']);
    const issue = operationOf('/stand-in/prescriptions', 'post').requestBody?.content['application/json'].schema;
    expect(Object.keys(issue?.properties ?? {})).to.have.members(['rxId', 'note', 'patient']);
    expect(issue?.required).to.have.members(['note', 'patient']);
    expect(operationOf('/stand-in/batches', 'post').responses).to.include.keys('201', '202', '400', '401', '403', '409', '422', '502', '503');
  });
});
