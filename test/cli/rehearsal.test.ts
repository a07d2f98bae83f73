/**
 * Starting a rehearsal through the CLI and the API (real API, dev server, worker): `--mode
 * rehearsal --time-scale 3600 --comms …` reaches the workflow (an hour takes a second, nothing is
 * touched), `golive status`, the status document and the Temporal UI label it, and bad values are
 * refused naming the field. A live start is as before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCliStack } from '../support/cli-stack';
import { testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

const { ctx, golive } = useCliStack();

/** A plan file: an http step, then a 2h wait (two seconds at timeScale 3600). */
function planFile(name: string): string {
  const plan = testPlan(name, [
    {
      id: 'cutover',
      steps: [
        { id: 'publish', kind: 'http', with: { method: 'POST', url: `${ctx.http.url}/cli-rehearsal/publish` } },
        { id: 'soak', kind: 'wait', dependsOn: ['publish'], with: { duration: '2h' } },
      ],
    },
  ]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'golive-rehearsal-')), `${name}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

test('golive start --mode rehearsal --time-scale 3600 --comms off: two plan hours in seconds, nothing touched, labelled everywhere', async () => {
  const id = uniqueId('cli-rehearsal');
  const since = ctx.http.requests.length;
  const began = Date.now();
  const started = await golive('start', planFile('cli-rehearsal'), '--id', id, '--mode', 'rehearsal', '--time-scale', '3600', '--comms', 'off');
  expect(started).toMatchObject({ code: 0, stdout: `${id}\n` });
  const doc = await ctx.stack.waitFor(id, (d) => d.state === 'completed');
  expect(Date.now() - began).toBeLessThan(30_000);
  expect(doc).toMatchObject({ mode: 'rehearsal', comms: 'off', timeScale: 3600 });
  expect(ctx.http.requests.slice(since)).toEqual([]);

  const status = await golive('status', id);
  expect(status.stdout).toMatch(new RegExp(`^${id} {2}cli-rehearsal {2}rehearsal, comms off, time ×3600 {2}completed$`, 'm'));
  expect(status.stdout).toMatch(/^REHEARSAL: effectful steps simulated unless `rehearse: real`; \d+ notice\(s\) kept from the roster$/m);

  // The Temporal UI: memo and summary.
  const description = await ctx.stack.harness.client.workflow.getHandle(id).describe();
  expect(description.memo).toMatchObject({ mode: 'rehearsal', comms: 'off', timeScale: 3600 });
  expect(await description.staticSummary()).toBe('golive cutover cli-rehearsal (rehearsal, comms off, time ×3600)');
}, 60_000);

test('the API refuses bad values naming the field; timeScale is refused for a live cutover', async () => {
  const plan = testPlan('api-rehearsal-refusals', [{ id: 'cutover', steps: [{ id: 'a', kind: 'noop' }] }]);
  const refusal = async (body: Record<string, unknown>) => {
    const res = await ctx.stack.call('POST', '/api/v1/cutovers', { plan, id: uniqueId('refused'), ...body });
    expect(res.status).toBe(422);
    return (res.body.error.details as { path: string; message: string }[]).map((d) => `${d.path} | ${d.message}`);
  };
  expect(await refusal({ mode: 'live', timeScale: 3600 })).toEqual([expect.stringMatching(/^timeScale \| .*timeScale is for rehearsals \(mode: rehearsal\): a live cutover runs on real time/)]);
  for (const timeScale of [0, -5, 0.5, 1e9, 'fast']) expect(await refusal({ mode: 'rehearsal', timeScale })).toEqual([expect.stringMatching(/^timeScale \| /)]);
  expect(await refusal({ mode: 'rehearsal', comms: 'loud' })).toEqual([expect.stringMatching(/^comms \| /)]);

  // The CLI passes what it was given; the API's refusal names the field.
  const cli = await golive('start', planFile('cli-refused'), '--mode', 'live', '--time-scale', '60');
  expect(cli.code).not.toBe(0);
  expect(cli.stderr).toContain('timeScale');
});

test('a live start is as before: comms on, real time, the step runs', async () => {
  const id = uniqueId('api-live');
  const since = ctx.http.requests.length;
  const plan = testPlan('api-live', [{ id: 'cutover', steps: [{ id: 'publish', kind: 'http', with: { method: 'POST', url: `${ctx.http.url}/api-live/publish` } }] }]);
  const res = await ctx.stack.call('POST', '/api/v1/cutovers', { plan, id, mode: 'live', timeScale: 1 });
  expect(res.status).toBe(201);
  const doc = await ctx.stack.waitFor(id, (d) => d.state === 'completed');
  expect(doc).toMatchObject({ mode: 'live', comms: 'on', timeScale: 1 });
  expect(ctx.http.requests.slice(since).map((r) => r.path)).toEqual(['/api-live/publish']);
});
