/** GET /api/v1/openapi.json: built from the routes' zod schemas; every mounted route is in it and every example validates. */
import type { Client } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { authFromConfig } from '../../api/auth';
import type { CutoverService } from '../../api/cutover-service';
import { openApiDocument, openApiPath } from '../../api/openapi/document';
import { documentedOperations } from '../../api/openapi/operations';
import { mountedRoutes } from '../support/express-routes';

// No Temporal needed: building the app and the document calls neither the client nor the service.
const app = createApp({ client: {} as Client, cutovers: {} as CutoverService, auth: authFromConfig({ tokens: [{ token: 't', operator: 'dana', roles: [] }] }, 'test'), codecs: [] });
const doc = openApiDocument() as { paths: Record<string, Record<string, any>>; components: any; openapi: string };
const documented = (route: string) => {
  const [method, path] = route.split(' ');
  return doc.paths[openApiPath(path)]?.[method.toLowerCase()];
};

test('every route the app mounts is in the document, and every documented operation is mounted', () => {
  const routes = mountedRoutes(app);
  expect(routes.length).toBeGreaterThan(20);
  expect(routes.filter((route) => !documented(route))).toEqual([]);
  const mounted = new Set(routes);
  expect(documentedOperations.map((op) => `${op.method.toUpperCase()} ${op.path}`).filter((route) => !mounted.has(route))).toEqual([]);
});

test('every documented example validates against the schema its route parses with', () => {
  let examples = 0;
  for (const op of documentedOperations) {
    for (const [name, example] of Object.entries(op.body?.examples ?? {})) {
      const parsed = op.body!.schema.safeParse(example);
      expect({ route: `${op.method} ${op.path}`, name, issues: parsed.error?.issues ?? [] }).toEqual({ route: `${op.method} ${op.path}`, name, issues: [] });
      examples += 1;
      // The document carries the same examples.
      expect(doc.paths[openApiPath(op.path)][op.method].requestBody.content['application/json'].examples[name].value).toEqual(example);
    }
  }
  expect(examples).toBeGreaterThanOrEqual(12);
});

test('bearer auth, the query token for events, and errors in the envelope', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  expect(doc.paths['/api/v1/cutovers/{id}'].get.security).toEqual([{ bearer: [] }]);
  expect(doc.paths['/api/v1/cutovers/{id}/events'].get.security).toEqual([{ bearer: [] }, { accessToken: [] }]);
  expect(doc.paths['/healthz'].get.security).toEqual([]);
  expect(doc.paths['/api/v1/cutovers/{id}'].get.responses['401']).toEqual({ $ref: '#/components/responses/Error401' });
  expect(doc.components.responses.Error401.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
  expect(doc.components.schemas.ErrorEnvelope.properties.error.required).toEqual(['code', 'message']);
  // Request parts as the routes accept them: the status query's step states, the start body's mode.
  const stateParam = doc.paths['/api/v1/cutovers/{id}'].get.parameters.find((p: { name: string }) => p.name === 'state');
  expect(JSON.stringify(stateParam.schema)).toContain('awaiting-operator');
  expect(doc.paths['/api/v1/cutovers'].post.requestBody.content['application/json'].schema.properties.mode.enum).toEqual(['live', 'rehearsal']);
  // The list's filters (golive's search attributes): cutover states, modes, plan names.
  const listParams = doc.paths['/api/v1/cutovers'].get.parameters.map((p: { name: string }) => p.name);
  expect(listParams).toEqual(expect.arrayContaining(['pageSize', 'cursor', 'state', 'mode', 'plan']));
  const listState = doc.paths['/api/v1/cutovers'].get.parameters.find((p: { name: string }) => p.name === 'state');
  expect(JSON.stringify(listState.schema)).toContain('awaiting-decision');
  expect(doc.components.schemas.StatusDocument.required).toEqual(expect.arrayContaining(['id', 'state', 'steps', 'gates']));
});

test('served without a token', async () => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  } finally {
    server.close();
  }
});
