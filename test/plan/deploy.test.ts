/**
 * Deploy blocks: the publish order comes from the platform's dependency graph (the simulator's
 * seeded org here), and a missing object, a loop or a hand-written order against the graph is
 * refused before anything runs, naming the path.
 */
import { seedConfiguration } from '../../examples/contact-center/seed';
import { validatePlan, type Plan } from '../../plan';
import { testPlan } from '../support/plans';

/** The seeded org's graph, as discovery writes it into the block. */
function seedGraph() {
  return Object.fromEntries(seedConfiguration().objects.map((o) => [o.id, { type: o.type, name: o.name, consumes: o.consumes }]));
}

const deployPlan = (deploy: Record<string, unknown>, steps: unknown[] = []) =>
  testPlan('deploy-test', [
    { id: 'prepare', steps: [{ id: 'export-config', kind: 'noop' }] },
    { id: 'deploy', steps, deploy: { baseUrl: 'https://gc.example.com', objects: ['ib-main', 'ib-billing'], graph: seedGraph(), dependsOn: [], ...deploy } },
  ]);

function valid(input: unknown): Plan {
  const result = validatePlan(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.plan;
}

test('modules and data tables before the flows that use them, in-queue before inbound', () => {
  const plan = valid(deployPlan({ owner: 'ivr' }));
  const steps = plan.phases[1].steps;
  const ids = steps.map((s) => s.id);
  const position = (id: string) => ids.indexOf(`publish-${id}`);
  expect(ids).toHaveLength(8); // the two inbound flows and everything they consume (queues exist already)
  for (const [before, after] of [
    ['dt-vip-callers', 'mod-authenticate'],
    ['dt-holidays', 'mod-business-hours'],
    ['mod-authenticate', 'ib-main'],
    ['mod-business-hours', 'iq-billing'],
    ['iq-support', 'ib-main'],
    ['iq-billing', 'ib-billing'],
  ]) {
    expect(position(before)).toBeGreaterThanOrEqual(0);
    expect(position(before)).toBeLessThan(position(after));
  }
  const main = steps.find((s) => s.id === 'publish-ib-main')!;
  expect(main).toMatchObject({
    kind: 'http',
    owner: 'ivr',
    dependsOn: ['publish-mod-authenticate', 'publish-mod-business-hours', 'publish-iq-support'],
    with: { method: 'POST', url: 'https://gc.example.com/api/v2/flows/actions/publish?flow=ib-main' },
    compensate: { kind: 'http', with: { method: 'POST', url: 'https://gc.example.com/api/v2/flows/actions/revert?flow=ib-main' } },
  });
  expect(steps.find((s) => s.id === 'publish-dt-holidays')).toMatchObject({ with: { url: 'https://gc.example.com/api/v2/flows/datatables/dt-holidays/import/jobs' } });
  // The cutover records the expanded plan; validating it again changes nothing.
  expect(valid(JSON.parse(JSON.stringify(plan))).phases[1].steps.map((s) => s.id)).toEqual(ids);
});

test('without discovery only the listed objects, ordered among themselves; Amazon Connect contact flows', () => {
  const plan = valid(deployPlan({ objects: ['ib-main', 'mod-authenticate'], discover: false, dependsOn: ['export-config'] }));
  expect(plan.phases[1].steps.map((s) => [s.id, s.dependsOn])).toEqual([
    ['publish-mod-authenticate', ['export-config']],
    ['publish-ib-main', ['export-config', 'publish-mod-authenticate']],
  ]);
  const connect = valid(deployPlan({ platform: 'amazon-connect', instanceId: 'inst-1', objects: ['cf-agent-queue'] }));
  expect(connect.phases[1].steps.map((s) => [s.id, s.kind === 'http' && s.with.url, s.kind === 'http' && s.with.body])).toEqual([
    ['publish-cf-self-service', 'https://gc.example.com/contact-flows/inst-1/cf-self-service/metadata', { ContactFlowState: 'ACTIVE' }],
    ['publish-cf-agent-queue', 'https://gc.example.com/contact-flows/inst-1/cf-agent-queue/metadata', { ContactFlowState: 'ACTIVE' }],
  ]);
});

function errorsOf(input: unknown) {
  const result = validatePlan(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

test('a missing object is refused, naming the path that references it', () => {
  const graph = seedGraph();
  graph['mod-authenticate'].consumes = ['dt-vip-callers', 'dt-blocked-numbers'];
  expect(errorsOf(deployPlan({ graph, objects: ['ib-main', 'ib-nope'] }))).toEqual([
    { code: 'unknown-object', path: 'phases[1].deploy.graph["mod-authenticate"].consumes[1]', message: expect.stringMatching(/^mod-authenticate consumes "dt-blocked-numbers", which the platform does not have/) },
    { code: 'unknown-object', path: 'phases[1].deploy.objects[1]', message: expect.stringMatching(/^"ib-nope" is not on the platform/) },
  ]);
});

test('objects consuming each other in a loop are refused, naming the loop', () => {
  const graph = seedGraph();
  graph['dt-vip-callers'].consumes = ['mod-authenticate'];
  expect(errorsOf(deployPlan({ graph }))).toEqual([
    { code: 'cycle', path: 'phases[1].deploy.graph["mod-authenticate"]', message: expect.stringContaining('mod-authenticate → dt-vip-callers → mod-authenticate') },
  ]);
});

test('a hand-written order may add to the platform graph, never contradict it', () => {
  const plan = valid(deployPlan({ after: { 'ib-billing': ['ib-main'] } }));
  expect(plan.phases[1].steps.find((s) => s.id === 'publish-ib-billing')!.dependsOn).toContain('publish-ib-main');
  expect(errorsOf(deployPlan({ after: { 'iq-support': ['ib-main'] } }))).toEqual([
    { code: 'contradicts-platform', path: 'phases[1].deploy.after["iq-support"][0]', message: 'ib-main consumes iq-support on the platform, so iq-support must be published before ib-main, not after' },
  ]);
  // A hand-written step may wait for a publish step, as any other.
  expect(valid(deployPlan({}, [{ id: 'smoke-call', kind: 'noop', dependsOn: ['publish-ib-main'] }])).phases[1].steps[0].id).toBe('smoke-call');
});
