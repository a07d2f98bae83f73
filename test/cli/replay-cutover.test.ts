/**
 * `golive replay --cutover <id>` on the real API, dev server and worker: the history comes from
 * GET …/history as Temporal stores it (encrypted) and is decoded through the API's codec endpoint,
 * so the CLI replays it without GOLIVE_CODEC_KEYS of its own.
 */
import { CODEC_KEYS_ENV } from '../../workers/codec-keys';
import { useCliStack } from '../support/cli-stack';
import { httpStep, testPlan } from '../support/plans';

const { ctx, golive } = useCliStack();

/** Runs `golive` as a process without the payload keys would. */
async function withoutKeys<T>(work: () => Promise<T>): Promise<T> {
  const keys = process.env[CODEC_KEYS_ENV];
  delete process.env[CODEC_KEYS_ENV];
  try {
    return await work();
  } finally {
    process.env[CODEC_KEYS_ENV] = keys;
  }
}

test('a finished cutover replays through the API: exit 0, ok', async () => {
  ctx.http.route('/publish', { status: 200, body: { published: true } });
  const plan = testPlan('cli-replay', [{ id: 'go', steps: [httpStep('publish', `${ctx.http.url}/publish`), { id: 'wait', kind: 'wait', dependsOn: ['publish'], with: { duration: '50ms' } }] }]);
  const id = await ctx.stack.startCutover(plan, 'cli-replay');
  await ctx.stack.waitFor(id, (doc) => doc.state === 'completed');
  // Stored encrypted: nothing of the plan is readable in what GET …/history answers.
  expect(JSON.stringify((await ctx.stack.call('GET', `/api/v1/cutovers/${id}/history`)).body)).not.toContain(`${ctx.http.url}/publish`);

  const run = await withoutKeys(() => golive('replay', '--cutover', id));
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toBe(`ok    cutover ${id}\n1 history: 1 ok, 0 failed\n`);
});

test('an unknown cutover is a usage error naming it (exit 2)', async () => {
  const run = await golive('replay', '--cutover', 'no-such-cutover');
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('golive: cannot get the history: cutover-not-found: no cutover with id "no-such-cutover"\n');
});
