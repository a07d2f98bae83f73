/** The HTTP API over real HTTP, against the real dev server and a real worker. */
import { until, type ApiCall } from '../support/api-calls';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { uniqueId } from '../support/temporal-env';

let stack: ApiStack;
let call: ApiCall;

beforeAll(async () => {
  stack = await startApiStack();
  call = stack.call;
});

afterAll(async () => {
  await stack?.stop();
});

const yamlPlan = (name: string) => `apiVersion: golive/v1
name: ${name}
roles: {cutover-lead: Dana}
phases:
  - id: cutover
    steps:
      - {id: prepare, kind: noop, owner: cutover-lead}
      - {id: switch, kind: noop, dependsOn: [prepare]}
`;

describe('POST /api/v1/plans/validate', () => {
  test('200 with the analysis for a valid YAML plan', async () => {
    const res = await call('POST', '/api/v1/plans/validate', { plan: yamlPlan('valid-plan') });
    expect(res.status).toBe(200);
    expect(res.body.analysis.order).toEqual(['prepare', 'switch']);
  });

  test('accepts a raw YAML body', async () => {
    const res = await call('POST', '/api/v1/plans/validate', yamlPlan('raw-yaml'), { contentType: 'application/yaml' });
    expect(res.status).toBe(200);
  });

  test('422 with every error and its path', async () => {
    const res = await call('POST', '/api/v1/plans/validate', {
      plan: { apiVersion: 'golive/v1', name: 'bad', phases: [{ id: 'p', steps: [{ id: 'a', kind: 'noop', dependsOn: ['ghost'], owner: 'nobody' }] }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-plan');
    const found = (res.body.error.details as Array<{ code: string; path: string }>).map((e) => `${e.code}@${e.path}`).sort();
    expect(found).toEqual(['unknown-dependency@phases[0].steps[0].dependsOn[0]', 'unknown-owner@phases[0].steps[0].owner']);
  });

  test('400 for malformed JSON', async () => {
    const res = await call('POST', '/api/v1/plans/validate', '{"plan": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-json');
  });
});

describe('cutovers', () => {
  test('start (201), read the status until completed, find it in the list', async () => {
    const id = uniqueId('api-start');
    const res = await call('POST', '/api/v1/cutovers', { plan: yamlPlan('api-start'), id });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe(id);
    const doc = await until(
      () => call('GET', `/api/v1/cutovers/${id}`),
      (r) => r.body.state === 'completed',
    );
    expect(doc.body.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`)).toEqual(['prepare:succeeded', 'switch:succeeded']);
    const list = await until(
      () => call('GET', '/api/v1/cutovers'),
      (r) => r.body.cutovers.some((c: { id: string; state: string }) => c.id === id && c.state === 'completed'),
    );
    expect(list.status).toBe(200);
  });

  test('the same id twice is 409 and starts nothing', async () => {
    const id = uniqueId('dup');
    expect((await call('POST', '/api/v1/cutovers', { plan: yamlPlan('dup'), id })).status).toBe(201);
    const second = await call('POST', '/api/v1/cutovers', { plan: yamlPlan('dup'), id });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('cutover-exists');
  });

  test('an invalid plan is 422 and starts nothing', async () => {
    const id = uniqueId('invalid');
    const res = await call('POST', '/api/v1/cutovers', { plan: 'apiVersion: golive/v1\nname: x\nphases: []\n', id });
    expect(res.status).toBe(422);
    expect((await call('GET', `/api/v1/cutovers/${id}`)).status).toBe(404);
  });

  test('a bad request body names the field', async () => {
    const res = await call('POST', '/api/v1/cutovers', { plan: yamlPlan('bad-mode'), mode: 'yolo' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('mode');
  });

  test('an unknown cutover is 404', async () => {
    const res = await call('GET', '/api/v1/cutovers/no-such-cutover');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('cutover-not-found');
  });

  test('healthz reports Temporal up', async () => {
    const res = await call('GET', '/healthz');
    expect(res.body).toEqual({ status: 'ok', temporal: 'up' });
  });
});
