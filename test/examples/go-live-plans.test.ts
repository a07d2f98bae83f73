/**
 * The two example plans against the simulated contact center, end to end on the real dev server:
 * the API with one token per role, the demo team acting through it, an hour of the weekend per
 * second (the simulator's traffic runs at the same speed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatedPlan } from '../../cli/demo/demo';
import { driveDemo, type DemoOutcome } from '../../cli/demo/demo-driver';
import { demoTokens } from '../../cli/demo/demo-tokens';
import { startContactCenter, type ContactCenterServer } from '../../examples/contact-center/server';
import { NUMBERS } from '../../examples/contact-center/seed';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { httpStep, testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

const SPEED = 3600;
const TOKEN_ENV = 'GOLIVE_SECRET_GENESYS_TOKEN';
/** The Connect plan's gateway token: the simulator takes one token for both platforms. */
const CONNECT_TOKEN_ENV = 'GOLIVE_SECRET_CONNECT_TOKEN';
const dir = mkdtempSync(path.join(tmpdir(), 'golive-go-live-plans-'));
let sim: ContactCenterServer;
const stacks: ApiStack[] = [];

beforeAll(async () => {
  process.env[TOKEN_ENV] = 'simulated-oauth-token-0123456789';
  process.env[CONNECT_TOKEN_ENV] = process.env[TOKEN_ENV];
  sim = await startContactCenter({ speed: SPEED, callIntervalMs: 100, token: process.env[TOKEN_ENV] });
});

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  await sim?.close();
  delete process.env[TOKEN_ENV];
  delete process.env[CONNECT_TOKEN_ENV];
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${sim.url}/admin/reset`, { method: 'POST' });
});

const simulatorParams = {
  'genesys-cloud-go-live': () => ({ platformUrl: sim.url, legacyReportingUrl: sim.url, healthUrl: sim.url }),
  'amazon-connect-launch': () => ({ connectUrl: sim.url, healthUrl: sim.url, instanceId: 'inst-1' }),
};

async function simGet<T>(route: string): Promise<T> {
  return (await (await fetch(`${sim.url}${route}`)).json()) as T;
}

/** Runs an example plan through the API with the demo team; the team's outcome. */
async function runExample(name: keyof typeof simulatorParams, degrade: boolean): Promise<DemoOutcome> {
  const text = readFileSync(path.join(__dirname, `../../examples/${name}.yaml`), 'utf8');
  const { plan, params } = await validatedPlan(text, simulatorParams[name]());
  const tokens = demoTokens(mkdtempSync(path.join(dir, 'tokens-')), plan);
  const stack = await startApiStack({ auth: tokens.auth });
  stacks.push(stack);
  const id = uniqueId(name);
  await stack.api.cutovers.start(plan, id, 'live', 'test', { params, timeScale: SPEED });
  const outcome = await driveDemo({ api: stack.api.url, cutoverId: id, tokens, simulatorUrl: sim.url, mode: 'auto', degrade, tell: process.env.GOLIVE_TEST_DEMO_STORY ? (line) => process.stderr.write(`${line}\n`) : () => undefined, pollMs: 100 });
  return outcome!;
}

type LoggedEvent = { seq: number; type: string; id?: string; dnis?: string; route?: { target: string } };

test('Genesys Cloud weekend, undisturbed: derived order, no caller hears an error or silence, every evaluation recorded, completed', async () => {
  const outcome = await runExample('genesys-cloud-go-live', false);
  expect(outcome.doc.state).toBe('completed');
  expect(outcome.calls).toMatchObject({ 'error-path': 0, 'dead-air': 0 });
  expect(outcome.calls!.connected).toBeGreaterThan(0);
  // Data tables and modules before the flows that use them, in-queue before inbound.
  const { events } = await simGet<{ events: LoggedEvent[] }>('/admin/events');
  const published = events.filter((e) => e.type === 'publish').map((e) => e.id);
  for (const [before, after] of [['dt-vip-callers', 'mod-authenticate'], ['mod-authenticate', 'ib-main'], ['iq-support', 'ib-main'], ['iq-billing', 'ib-billing'], ['dt-holidays', 'mod-business-hours']]) {
    expect(published.indexOf(before)).toBeLessThan(published.indexOf(after));
  }
  // The first four hours compared against the legacy baseline; the watch every 4 hours of the weekend.
  const gates = outcome.doc.gates;
  expect(gates.find((g) => g.id === 'first-hours-checkpoint-1')?.decision).toBe('continue');
  const watch = outcome.doc.watches?.find((w) => w.phase === 'go-live');
  expect(watch?.evaluations.length).toBeGreaterThanOrEqual(10);
  expect(sim.center.org.routeOf(NUMBERS.main)).toMatchObject({ target: 'flow', flowId: 'ib-main' });
}, 180_000);

test('Genesys Cloud weekend, degraded: a watch breach, a rollback decision, numbers back to legacy before any flow is reverted, the export restored', async () => {
  const exported = await simGet<unknown>('/admin/configuration');
  const outcome = await runExample('genesys-cloud-go-live', true);
  expect(outcome.doc.state).toBe('rolled-back');
  expect(outcome.doc.decisions.some((d) => d.decision === 'rollback' && d.operator === 'dana')).toBe(true);
  expect(outcome.calls).toMatchObject({ 'error-path': 0, 'dead-air': 0 });
  const { events } = await simGet<{ events: LoggedEvent[] }>('/admin/events');
  const firstRevert = events.find((e) => e.type === 'revert')!.seq;
  const backToLegacy = events.filter((e) => e.type === 'route' && e.route?.target === 'legacy').map((e) => e.seq);
  expect(backToLegacy.length).toBeGreaterThanOrEqual(2);
  expect(Math.max(...backToLegacy.slice(0, 2))).toBeLessThan(firstRevert);
  expect(outcome.configurationRestored).toBe(true);
  expect(await simGet<unknown>('/admin/configuration')).toEqual(exported);
}, 180_000);

test('the order the runbook warns about (parent flow before its module, number already routed) sends callers down the error path', async () => {
  await fetch(`${sim.url}/admin/settings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ publishValidation: 'lenient' }) });
  const auth = { Authorization: `Bearer ${process.env[TOKEN_ENV]}` };
  const publish = (id: string, after: string[] = []) => ({ ...httpStep(`publish-${id}`, `${sim.url}/api/v2/flows/actions/publish?flow=${id}`, after), with: { method: 'POST', url: `${sim.url}/api/v2/flows/actions/publish?flow=${id}`, headers: auth } });
  const plan = testPlan('wrong-order', [
    {
      id: 'deploy',
      steps: [
        publish('iq-support'),
        publish('ib-main', ['publish-iq-support']),
        { id: 'route-main', kind: 'http', dependsOn: ['publish-ib-main'], with: { method: 'PUT', url: `${sim.url}/api/v2/telephony/numbers/${encodeURIComponent(NUMBERS.main)}/route`, headers: auth, body: { target: 'flow', flowId: 'ib-main' } } },
        { id: 'calls-arrive', kind: 'wait', dependsOn: ['route-main'], with: { duration: '500ms' } },
        publish('dt-vip-callers', ['calls-arrive']),
        publish('mod-authenticate', ['publish-dt-vip-callers']),
        publish('dt-holidays', ['calls-arrive']),
        publish('mod-business-hours', ['publish-dt-holidays']),
      ],
    },
  ]);
  const stack = await startApiStack();
  stacks.push(stack);
  const { seq } = (await simGet<{ events: LoggedEvent[] }>('/admin/events')).events.at(-1) ?? { seq: 0 };
  const id = await stack.startCutover(plan, 'wrong-order');
  await stack.waitFor(id, (doc) => doc.state === 'completed');
  const calls = await simGet<Record<string, number>>(`/admin/calls?since=${seq}`);
  expect(calls['error-path']).toBeGreaterThan(0);
}, 120_000);

test('Amazon Connect launch: the checklist, self-service then agents, completed', async () => {
  const outcome = await runExample('amazon-connect-launch', false);
  expect(outcome.doc.state).toBe('completed');
  expect(outcome.calls).toMatchObject({ 'error-path': 0, 'dead-air': 0 });
  expect(sim.center.org.routeOf(NUMBERS.connect)).toMatchObject({ target: 'flow', flowId: 'cf-agent-queue' });
  expect(outcome.doc.gates.filter((g) => g.kind === 'go-no-go').map((g) => [g.id, g.decision])).toEqual([
    ['go-no-go-self-service', 'go'],
    ['go-no-go-agents', 'go'],
  ]);
}, 180_000);
