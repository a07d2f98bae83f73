/**
 * `golive rehearse`, `golive compare` and `golive start --override-rehearsal` through main(),
 * against the real API, dev server and worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { StatusDocument } from '../../workflows/status-document';
import { useCliStack } from '../support/cli-stack';
import { httpStep, testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

const { ctx, golive } = useCliStack();
const dir = mkdtempSync(path.join(tmpdir(), 'golive-rehearse-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ended = (doc: StatusDocument) => doc.endedAt !== null;

/** Export, then a go/no-go, then the switch; `switchExtra` edits the switch. */
const plan = (name: string, switchExtra: Record<string, unknown> = {}) =>
  testPlan(name, [
    { id: 'prepare', steps: [httpStep('export', `${ctx.http.url}/${name}/export`)] },
    { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } }, steps: [{ ...httpStep('switch', `${ctx.http.url}/${name}/switch`), ...switchExtra }] },
  ]);

async function recorded(name: string): Promise<string> {
  const id = await ctx.stack.startCutover(plan(name), name);
  await ctx.stack.waitFor(id, (doc) => doc.gates.some((g) => g.state === 'open'));
  expect((await golive('decide', id, 'go-no-go', 'go', '--reason', 'ready')).code).toBe(0);
  await ctx.stack.waitFor(id, ended);
  await ctx.stack.harness.client.workflow.getHandle(id).result();
  return id;
}

test('golive rehearse <id> re-enacts the go and reports no divergence; with an edited plan, compare names the failing step', async () => {
  const id = await recorded('cli-rehearse');
  const same = await golive('rehearse', id, '--time-scale', '4', '--id', uniqueId('cli-rehearsal'));
  expect(same.stderr).toBe('');
  expect(same.code).toBe(0);
  expect(same.stdout).toMatch(/^rehearsal \S+ of cli-rehearse-\S+ \(recorded: completed\): 1 recorded decision\(s\) and answer\(s\) scripted/);
  expect(same.stdout).toMatch(/ended completed \(recorded: completed\)/);
  expect(same.stdout).toMatch(/applied\s+#1 decide go-no-go/);
  expect(same.stdout).toContain('no divergence');

  const edited = path.join(dir, 'edited.yaml');
  writeFileSync(edited, stringify(plan('cli-rehearse', { onFailure: 'fail', rehearse: { outcome: 'fail' } })));
  const rehearsalId = uniqueId('cli-edited');
  const changed = await golive('rehearse', id, '--plan', edited, '--id', rehearsalId, '--no-wait');
  expect(changed.code).toBe(0);
  await ctx.stack.waitFor(rehearsalId, ended);
  const compared = await golive('compare', id, rehearsalId);
  expect(compared.code).toBe(0);
  expect(compared.stdout).toMatch(/first divergence at \+\S+: step switch: succeeded in \S+, failed in \S+/);
  expect(compared.stdout).toMatch(/^switch\s+cutover\s+-\s+\S+ succeeded\s+\S+ failed$/m);
  const json = JSON.parse((await golive('compare', id, rehearsalId, '--json')).stdout);
  expect(json.firstDivergence).toMatchObject({ kind: 'step-outcome', id: 'switch' });

  const missing = await golive('compare', id, 'no-such-cutover');
  expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('cutover-not-found') });
});

test('golive rehearse history.json rehearses a history file; golive start --override-rehearsal records why', async () => {
  const id = await recorded('cli-history');
  const file = path.join(dir, 'weekend.json');
  expect((await golive('history', id, '--out', file)).code).toBe(0);
  const run = await golive('rehearse', file, '--time-scale', '4');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^rehearsal \S+ of weekend\.json/);
  expect(run.stdout).toMatch(/ended completed/);

  const guarded = path.join(dir, 'guarded.yaml');
  writeFileSync(guarded, stringify({ ...plan('cli-guarded'), description: uniqueId('guarded'), requireRehearsal: true }));
  const refused = await golive('start', guarded);
  expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^rehearsal-required: plan cli-guarded requires a completed rehearsal/) });
  const started = await golive('start', guarded, '--override-rehearsal', 'rehearsed on staging');
  expect(started.code).toBe(0);
  const doc = await ctx.stack.status(started.stdout.trim());
  expect(doc.actions[0]).toMatchObject({ action: 'override-rehearsal', reason: 'rehearsed on staging', operator: 'dana', roles: ['cutover-lead'], source: 'cli', verified: true });
});
