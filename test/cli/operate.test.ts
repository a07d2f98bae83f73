/**
 * The operator commands (decide, complete, retry, skip, pause, resume, rollback, issue, history)
 * through main(), against the real API, dev server and worker: one line out, `code: message` and
 * exit 1 for a refusal, exit 2 for usage errors and an unreachable API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StatusDocument } from '../../workflows/status-document';
import { testTokens } from '../support/api-stack';
import { useCliStack } from '../support/cli-stack';
import { httpStep, testPlan } from '../support/plans';
import { runCli } from '../support/run-cli';

const { ctx, golive } = useCliStack();
const dir = mkdtempSync(path.join(tmpdir(), 'golive-operate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stepOf = (doc: StatusDocument, id: string) => doc.steps.find((s) => s.id === id)!;
const start = (plan: unknown) => ctx.stack.startCutover(plan, 'cli-ops');

test('a cutover run from the command line: complete, issues, pause/resume, retry, skip, decide, history', async () => {
  ctx.http.route('/trunks', { status: 503 }).route('/dns', { status: 503 });
  const id = await start(
    testPlan('cli-ops', [
      {
        id: 'prepare',
        steps: [
          { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Confirm the change ticket' } },
          httpStep('switch-trunks', `${ctx.http.url}/trunks`),
          httpStep('switch-dns', `${ctx.http.url}/dns`),
        ],
      },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [{ id: 'switch', kind: 'noop' }] },
    ]),
  );
  await ctx.stack.waitFor(id, (doc) => ['switch-trunks', 'switch-dns'].every((s) => stepOf(doc, s).awaiting === 'retry-skip-rollback') && stepOf(doc, 'sign-off').awaiting === 'completion');

  expect(await golive('complete', id, 'sign-off', '--evidence', 'CHG-1234')).toEqual({ code: 0, stdout: 'step sign-off completed; cutover awaiting-decision\n', stderr: '' });

  const reported = await golive(
    'issue', 'report', id, '--severity', 'high', '--summary', 'Agents cannot log in', '--csr', 'jdoe', '--caller-ani', '+15551234567',
    '--call-time', '09:12', '--details', 'SSO loop', '--screenshot', 'https://example.com/1.png', '--screenshot', 'https://example.com/2.png',
  );
  expect(reported).toEqual({ code: 0, stdout: 'ISS-1\n', stderr: '' });
  expect((await ctx.stack.status(id)).issues[0]).toMatchObject({ csrUsername: 'jdoe', callerAni: '+15551234567', source: 'cli', reportedBy: 'dana', screenshots: ['https://example.com/1.png', 'https://example.com/2.png'] });
  // GOLIVE_TOKEN stands in for --token.
  process.env.GOLIVE_TOKEN = testTokens.lee.token;
  try {
    expect((await runCli('issue', 'resolve', id, 'ISS-1', '--resolution', 'SSO fixed', '--api', ctx.stack.api.url)).stdout).toBe('ISS-1 resolved; cutover awaiting-decision\n');
  } finally {
    delete process.env.GOLIVE_TOKEN;
  }
  expect((await ctx.stack.status(id)).issues[0].resolvedBy).toBe('lee');
  expect(await golive('issue', 'resolve', id, 'ISS-1', '--resolution', 'again')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^issue-resolved: issue ISS-1 was resolved by lee/) });

  expect((await golive('pause', id, '--reason', 'carrier call')).stdout).toBe(`cutover ${id}: paused\n`);
  expect((await golive('resume', id, '--reason', 'carrier done')).stdout).toBe(`cutover ${id}: awaiting-decision\n`);
  ctx.http.route('/trunks', { status: 200 });
  expect((await golive('retry', id, 'switch-trunks', '--reason', 'fixed')).stdout).toBe('step switch-trunks: retry; cutover awaiting-decision\n');
  expect((await golive('skip', id, 'switch-dns', '--reason', 'done by hand')).code).toBe(0);

  await ctx.stack.waitFor(id, (doc) => doc.gates[0]?.state === 'open');
  expect(await golive('decide', id, 'go-no-go', 'continue')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^invalid-decision: /) });
  expect(await golive('decide', id, 'go-no-go', 'go', '--token', testTokens.ana.token)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^role-not-allowed: /) });
  expect(await golive('decide', id, 'go-no-go', 'go', '--reason', 'all green')).toEqual({ code: 0, stdout: 'gate go-no-go: decided go; cutover running\n', stderr: '' });
  const doc = await ctx.stack.harness.finished(id);
  expect(doc.state).toBe('completed');
  expect(doc.decisions[0]).toMatchObject({ operator: 'dana', source: 'cli', reason: 'all green' });

  const out = path.join(dir, 'history.json');
  const history = await golive('history', id, '--out', out);
  expect(history.code).toBe(0);
  const events = JSON.parse(readFileSync(out, 'utf8')).events;
  expect(history.stdout).toBe(`${events.length} events written to ${out}\n`);
  expect(events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
  expect(JSON.parse((await golive('history', id)).stdout).events).toHaveLength(events.length);
});

test('rollback from the command line', async () => {
  const id = await start(testPlan('cli-rollback', [{ id: 'p', steps: [{ id: 'verify', kind: 'manual', with: { instructions: 'Check routing' } }] }]));
  await ctx.stack.waitFor(id, (doc) => stepOf(doc, 'verify').awaiting === 'completion');
  expect((await golive('rollback', id, '--reason', 'routing test failed')).stdout).toBe(`cutover ${id}: rolling-back\n`);
  expect((await ctx.stack.harness.finished(id)).state).toBe('rolled-back');
});

test('refusals exit 1 with `code: message`; usage errors and an unreachable API exit 2', async () => {
  expect(await golive('decide', 'no-such-cutover', 'go-no-go', 'go')).toMatchObject({ code: 1, stderr: 'cutover-not-found: no cutover with id "no-such-cutover"\n' });
  expect(await golive('status', 'no-such-cutover', '--token', 'wrong')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^unauthorized: /) });
  expect((await golive('decide', 'x', 'go-no-go', 'maybe')).code).toBe(2);
  expect((await golive('pause', 'x')).code).toBe(2);
  expect((await golive('issue', 'report', 'x', '--summary', 'no severity')).code).toBe(2);
  const unreachable = await runCli('complete', 'x', 'step', '--api', 'http://127.0.0.1:9', '--token', 't');
  expect(unreachable).toMatchObject({ code: 2, stderr: expect.stringMatching(/^unreachable: cannot reach the golive API/) });
});
