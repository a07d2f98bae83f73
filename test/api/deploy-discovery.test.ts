/**
 * Discovery against the simulated contact center: the block's graph comes from the platform's
 * dependency tracking (with the secret from the environment), so validation derives the order;
 * an object the platform lacks is refused with its path; an unreachable platform is an error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { discoverDeployGraphs, DiscoveryError } from '../../api/deploy-discovery';
import { PlanValidator } from '../../api/plan-validation';
import { startContactCenter, type ContactCenterServer } from '../../examples/contact-center/server';
import { validatePlan } from '../../plan';
import { testPlan } from '../support/plans';
import { runCli } from '../support/run-cli';

let sim: ContactCenterServer;
const TOKEN = 'simulated-gc-token';

beforeAll(async () => {
  process.env.GOLIVE_SECRET_GC_TOKEN = TOKEN;
  sim = await startContactCenter({ callIntervalMs: 0, token: TOKEN });
});

afterAll(async () => {
  delete process.env.GOLIVE_SECRET_GC_TOKEN;
  await sim?.close();
});

const plan = (objects: string[], baseUrl = sim.url) =>
  testPlan('discovery', [{ id: 'deploy', deploy: { baseUrl, objects, headers: { Authorization: 'Bearer ${secret:GC_TOKEN}' } } }]);

test('the order is derived from what the platform says each object consumes', async () => {
  const discovered = (await discoverDeployGraphs(plan(['ib-billing']))) as any;
  expect(discovered.phases[0].deploy.graph['ib-billing']).toEqual({ type: 'INBOUNDCALLFLOW', name: 'Billing inbound', consumes: ['mod-authenticate', 'q-billing', 'iq-billing'] });
  // The secret was used, never written into the plan.
  expect(JSON.stringify(discovered)).not.toContain(TOKEN);
  const result = validatePlan(discovered);
  expect(result.ok && result.plan.phases[0].steps.map((s) => s.id)).toEqual([
    'publish-dt-vip-callers',
    'publish-mod-authenticate',
    'publish-dt-holidays',
    'publish-mod-business-hours',
    'publish-iq-billing',
    'publish-ib-billing',
  ]);
});

test('an object the platform lacks is refused with the path that names it', async () => {
  const result = validatePlan(await discoverDeployGraphs(plan(['ib-main', 'ib-spanish'])));
  expect(result.ok ? [] : result.errors).toEqual([{ code: 'unknown-object', path: 'phases[0].deploy.objects[1]', message: expect.stringMatching(/^"ib-spanish" is not on the platform/) }]);
});

test('an unreachable platform or a missing secret stops the start with a clear error', async () => {
  const unreachable = await discoverDeployGraphs(plan(['ib-main'], 'http://127.0.0.1:9')).catch((error: unknown) => error);
  expect(unreachable).toBeInstanceOf(DiscoveryError);
  expect(unreachable).toMatchObject({ path: 'phases[0].deploy.baseUrl', message: expect.stringMatching(/^cannot reach the platform at http:\/\/127\.0\.0\.1:9/) });
  delete process.env.GOLIVE_SECRET_GC_TOKEN;
  try {
    await expect(discoverDeployGraphs(plan(['ib-main']))).rejects.toThrow(/secret GC_TOKEN is not set here/);
  } finally {
    process.env.GOLIVE_SECRET_GC_TOKEN = TOKEN;
  }
});

test('golive graph --discover shows the derived order; a plan whose platform lacks an object exits 1 naming it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-graph-'));
  try {
    const file = path.join(dir, 'plan.yaml');
    writeFileSync(file, stringify(plan(['ib-main'])));
    const shown = await runCli('graph', file, '--discover');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('s_publish_mod_authenticate --> s_publish_ib_main');
    expect(shown.stdout).toContain('s_publish_iq_support --> s_publish_ib_main');
    writeFileSync(file, stringify(plan(['ib-spanish'])));
    const refused = await runCli('graph', file, '--discover');
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('phases[0].deploy.objects[0]') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the API validator discovers before it validates: a YAML plan is accepted in the derived order, a platform error is a 422 naming the path', async () => {
  const validator = new PlanValidator();
  try {
    const { plan: valid, analysis } = await validator.validate(stringify(plan(['ib-main'])), undefined);
    expect(valid.phases[0].deploy?.graph?.['ib-main']?.type).toBe('INBOUNDCALLFLOW');
    expect(analysis.order.indexOf('publish-iq-support')).toBeLessThan(analysis.order.indexOf('publish-ib-main'));
    await expect(validator.validate(plan(['ib-main'], 'http://127.0.0.1:9'), undefined)).rejects.toMatchObject({
      status: 422,
      details: [{ code: 'discovery', path: 'phases[0].deploy.baseUrl', message: expect.stringMatching(/^cannot reach the platform/) }],
    });
  } finally {
    await validator.close();
  }
});
