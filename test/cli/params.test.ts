/**
 * One plan for rehearsal and live: params given with `--param` (CLI) and `params` (API) fill in a
 * step's URL, are checked before anything runs, and show in the status; `${secret:NAME}` works
 * in a URL's host. Against the real API, dev server and worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { recordHistoryIfAsked } from '../support/histories';
import { useCliStack } from '../support/cli-stack';
import { httpStep, testPlan } from '../support/plans';
import { runCli } from '../support/run-cli';
import { uniqueId } from '../support/temporal-env';

const { ctx, golive } = useCliStack();
const dir = mkdtempSync(path.join(tmpdir(), 'golive-params-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRET_HOST = 'GOLIVE_SECRET_PARAMS_TEST_HOST';
beforeAll(() => {
  process.env[SECRET_HOST] = '127.0.0.1';
});
afterAll(() => {
  delete process.env[SECRET_HOST];
});

/** The same plan rehearses against the simulator and goes live against the platform: only `platformUrl` differs. */
const platformPlan = (name: string) =>
  testPlan(name, [{ id: 'cutover', steps: [httpStep('publish', '${param:platformUrl}/api/v2/flows/actions/publish?flow=${param:flow}')] }], {
    params: {
      platformUrl: { type: 'url', description: 'the platform API root (the simulator in a rehearsal)' },
      flow: { type: 'string', default: 'ib-main' },
    },
  });

function planFile(name: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(platformPlan(name)));
  return file;
}

test('golive validate fills params in or names the missing one', async () => {
  const file = planFile('params-validate');
  const missing = await runCli('validate', file);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('params.platformUrl: param platformUrl has no default');
  const valid = await runCli('validate', file, '--param', `platformUrl=${ctx.http.url}`, '--param', 'flow=ib-billing');
  expect(valid.code).toBe(0);
  expect(valid.stdout).toContain(`params: platformUrl=${ctx.http.url}, flow=ib-billing`);
  expect((await runCli('validate', file, '--param', 'oops')).code).toBe(2);
});

test('golive start --param drives the URL a step calls; the status shows the params', async () => {
  const id = uniqueId('params-start');
  const started = await golive('start', planFile('params-start'), '--id', id, '--param', `platformUrl=${ctx.http.url}`);
  expect(started).toMatchObject({ code: 0, stdout: `${id}\n` });
  const doc = await ctx.stack.waitFor(id, (d) => d.state === 'completed');
  await recordHistoryIfAsked(ctx.stack.harness.client, id, 'param-driven-url');
  expect(doc.params).toEqual({ platformUrl: ctx.http.url, flow: 'ib-main' });
  expect(ctx.http.requests.filter((r) => r.path === '/api/v2/flows/actions/publish')).toHaveLength(1);
  expect((await golive('status', id)).stdout).toContain(`params: platformUrl=${ctx.http.url}, flow=ib-main`);
});

test('the API refuses a bad param value before anything starts, naming it', async () => {
  const id = uniqueId('params-bad');
  const res = await ctx.stack.call('POST', '/api/v1/cutovers', { plan: platformPlan('params-bad'), id, params: { platformUrl: 'not a url', colour: 'red' } });
  expect(res.status).toBe(422);
  expect(res.body.error.details.map((d: { code: string; path: string }) => `${d.code} ${d.path}`)).toEqual(
    expect.arrayContaining(['invalid-value params.platformUrl', 'unknown-param params.colour']),
  );
  expect((await ctx.stack.call('GET', `/api/v1/cutovers/${id}`)).status).toBe(404);
  const validated = await ctx.stack.call('POST', '/api/v1/plans/validate', { plan: platformPlan('params-ok'), params: { platformUrl: ctx.http.url } });
  expect(validated.body.params).toEqual({ platformUrl: ctx.http.url, flow: 'ib-main' });
});

test('${secret:NAME} in a URL host is resolved by the worker only', async () => {
  const port = new URL(ctx.http.url).port;
  const plan = testPlan('secret-host', [{ id: 'cutover', steps: [httpStep('call', `http://\${secret:PARAMS_TEST_HOST}:${port}/secret-host`)] }]);
  const id = await ctx.stack.startCutover(plan, 'secret-host');
  const doc = await ctx.stack.waitFor(id, (d) => d.state === 'completed');
  expect(ctx.http.requests.some((r) => r.path === '/secret-host')).toBe(true);
  expect(JSON.stringify(doc)).toContain('${secret:PARAMS_TEST_HOST}');
});
