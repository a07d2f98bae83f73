/**
 * Visibility through golive's search attributes, on the shared dev server: the workflow keeps plan,
 * state, mode and phase current (final states included, across continue-as-new); GET /cutovers
 * lists each cutover once (never a run it continued from) and filters by state (one or several), mode and plan, refusing bad values naming the field; a
 * namespace without the attributes still runs cutovers and answers a filtered listing with 409
 * `search-attributes-missing`; `golive setup` adds them once; `golive status --state` lists.
 */
import { temporal } from '@temporalio/proto';
import { msToTs } from '@temporalio/common/lib/time';
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import { openAuth } from '../../api/auth';
import { NamespaceAttributes } from '../../api/namespace-attributes';
import { planHash } from '../../api/rehearsal/plan-hash';
import { RehearsalLookup } from '../../api/rehearsal/rehearsal-lookup';
import { startApi, type ApiServer } from '../../api/server';
import { validatePlan } from '../../plan';
import type { PlanInput } from '../../plan/schema';
import type { CutoverInput } from '../../workflows/cutover-input';
import { searchAttributePairs } from '../../workflows/search-attribute-values';
import { goliveSearchAttributes, modeAttribute, phaseAttribute, planHashAttribute, planNameAttribute, stateAttribute } from '../../workflows/search-attributes';
import { newKeyEntry, parseCodecKeys } from '../../workers/codec-keys';
import { createDataConverter } from '../../workers/payload-codec';
import { startWorker, type GoliveWorker } from '../../workers/worker';
import { apiCaller, until, type ApiCall } from '../support/api-calls';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { recordHistoryIfAsked } from '../support/histories';
import { dropNamespace, freshNamespace } from '../support/namespaces';
import { httpStep, testPlan } from '../support/plans';
import { runCli } from '../support/run-cli';
import { connectClient, temporalAddress, uniqueId, type TestClient } from '../support/temporal-env';

interface Listed {
  id: string;
  plan: string | null;
  mode: string | null;
  state: string | null;
  phase: string | null;
}

let stack: ApiStack;
let call: ApiCall;
let admin: TestClient;
const namespaces: string[] = [];

/** Plan names of this run only: the shared server holds every other test's cutovers too. */
const suffix = randomBytes(4).toString('hex');
const planA = `vis-a-${suffix}`;
const planB = `vis-b-${suffix}`;

/** Two phases, a go/no-go gate before the second: the cutover waits there, in phase `switch`. */
const gatedPlan = (name: string): PlanInput =>
  testPlan(name, [
    { id: 'prepare', steps: [{ id: 'freeze', kind: 'noop' }] },
    { id: 'switch', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [{ id: 'flip', kind: 'noop' }] },
  ]);
const quickPlan = (name: string): PlanInput => testPlan(name, [{ id: 'only', steps: [{ id: 'noop', kind: 'noop' }] }]);
/** A step whose target refuses connections, and `onFailure: fail`: the cutover ends failed. */
const failingPlan = (name: string): PlanInput =>
  testPlan(name, [{ id: 'doomed', steps: [httpStep('unreachable', 'http://127.0.0.1:9/refused', [], { onFailure: 'fail' })] }]);

async function startCutover(plan: PlanInput, mode: 'live' | 'rehearsal' = 'live', prefix = 'vis'): Promise<string> {
  const id = uniqueId(prefix);
  const res = await call('POST', '/api/v1/cutovers', { plan, id, mode });
  if (res.status !== 201) throw new Error(`POST /cutovers: ${res.status} ${JSON.stringify(res.body)}`);
  return id;
}

async function listed(query: string): Promise<Listed[]> {
  const res = await call('GET', `/api/v1/cutovers?pageSize=1000&${query}`);
  if (res.status !== 200) throw new Error(`GET /cutovers?${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.cutovers;
}

/** Visibility is eventually consistent: the listing until it is exactly `ids` (in any order). */
async function expectListed(query: string, ids: string[]): Promise<Listed[]> {
  const want = [...ids].sort();
  const items = await until(
    () => listed(query),
    (items) => JSON.stringify(items.map((c) => c.id).sort()) === JSON.stringify(want),
  );
  return items;
}

/** The search attributes a cutover's (latest) run has, by name. */
async function attributesOf(id: string): Promise<Record<string, unknown>> {
  const description = await admin.client.workflow.getHandle(id).describe();
  return Object.fromEntries(goliveSearchAttributes.map((key) => [key.name, description.typedSearchAttributes.get(key)]));
}

beforeAll(async () => {
  stack = await startApiStack();
  call = stack.call;
  admin = await connectClient();
});

afterAll(async () => {
  for (const namespace of namespaces) await dropNamespace(admin.connection, namespace);
  await stack?.stop();
  await admin?.close();
});

test('cutovers are listed by state, mode and plan; final states and phases are kept current', async () => {
  const waiting = await startCutover(gatedPlan(planA));
  const rehearsed = await startCutover(quickPlan(planA), 'rehearsal');
  const rolledBack = await startCutover(gatedPlan(planB));
  const failed = await startCutover(failingPlan(planB));
  await stack.waitFor(waiting, (doc) => doc.state === 'awaiting-decision');
  await stack.waitFor(rolledBack, (doc) => doc.state === 'awaiting-decision');
  await stack.waitFor(rehearsed, (doc) => doc.state === 'completed');

  // Set at start, then kept current: the gate of phase `switch` is open.
  expect(await attributesOf(waiting)).toEqual({ GolivePlan: planA, GoliveState: 'awaiting-decision', GoliveMode: 'live', GolivePhase: 'switch', GolivePlanHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  const [item] = await expectListed(`state=awaiting-decision&plan=${planA}`, [waiting]);
  expect(item).toMatchObject({ plan: planA, mode: 'live', state: 'awaiting-decision', phase: 'switch' });
  await expectListed(`plan=${planA}`, [waiting, rehearsed]);
  await expectListed(`plan=${planA}&mode=rehearsal`, [rehearsed]);
  await expectListed(`plan=${planB}&mode=live&state=awaiting-decision`, [rolledBack]);

  // The final state is upserted before the workflow ends.
  const rollback = await call('POST', `/api/v1/cutovers/${rolledBack}/rollback`, { reason: 'visibility test' });
  expect(rollback.status).toBe(200);
  const go = await call('POST', `/api/v1/cutovers/${waiting}/gates/go-no-go/decisions`, { decision: 'go', reason: 'visibility test' });
  expect(go.status).toBe(200);
  await stack.waitFor(rolledBack, (doc) => doc.state === 'rolled-back');
  await stack.waitFor(waiting, (doc) => doc.state === 'completed');
  await stack.waitFor(failed, (doc) => doc.state === 'failed');
  await expectListed(`plan=${planB}&state=rolled-back`, [rolledBack]);
  await expectListed(`plan=${planB}&state=failed`, [failed]);
  await expectListed(`plan=${planA}&state=completed`, [waiting, rehearsed]);
  // Several states at once (GoliveState IN (…)), repeated or comma-separated.
  await expectListed(`plan=${planA}&state=rolled-back,completed`, [waiting, rehearsed]);
  const ended = await expectListed(`state=rolled-back&state=failed&state=no-go&plan=${planB}`, [rolledBack, failed]);
  expect(ended.find((c) => c.id === rolledBack)).toMatchObject({ state: 'rolled-back', phase: 'switch', mode: 'live', plan: planB });
  expect(ended.find((c) => c.id === failed)).toMatchObject({ state: 'failed', phase: 'doomed' });
  expect((await attributesOf(waiting)).GolivePhase).toBe('switch');
  expect((await attributesOf(rehearsed)).GolivePhase).toBe('only');

  // The unfiltered listing carries the same fields.
  const page = await listed('');
  expect(page.find((c) => c.id === rolledBack)).toMatchObject({ plan: planB, state: 'rolled-back', phase: 'switch' });

  // The CLI lists through the same route.
  const cli = await runCli('status', '--state', 'completed', '--plan', planA, '--mode', 'live', '--api', stack.api.url);
  expect(cli).toMatchObject({ code: 0, stderr: '' });
  expect(cli.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${waiting} {2}completed {2}live {2}${planA} {2}switch {2}\\d{4}-`))]);
  expect((await runCli('status', '--state', 'no-go', '--plan', planA, '--api', stack.api.url)).stdout).toBe('no cutovers\n');

  // Upserted when a value changed, not per event: phase switch, awaiting-decision, running again, completed
  // (the SDK's own TemporalChangeVersion upserts, one per patch, aside).
  const history = await admin.client.workflow.getHandle(waiting).fetchHistory();
  const upserted = (history.events ?? []).flatMap((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
  expect(upserted.filter((name) => name.startsWith('Golive'))).toEqual(['GolivePhase', 'GoliveState', 'GoliveState', 'GoliveState']);

  await recordHistoryIfAsked(stack.harness.client, waiting, 'search-attributes');
});

test('a run that continues as new keeps its attributes and still updates them', async () => {
  const validated = validatePlan(
    testPlan(`vis-can-${suffix}`, [
      { id: 'one', steps: [1, 2, 3].map((n) => ({ id: `a${n}`, kind: 'noop' })) },
      { id: 'two', steps: [1, 2, 3].map((n) => ({ id: `b${n}`, kind: 'noop' })) },
      { id: 'three', steps: [1, 2, 3].map((n) => ({ id: `c${n}`, kind: 'noop' })) },
    ]),
  );
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const { plan } = validated;
  const id = uniqueId('vis-can');
  const input: CutoverInput = { plan, mode: 'live', historyLimit: 25 };
  const handle = await admin.client.workflow.start('cutoverWorkflow', {
    workflowId: id,
    taskQueue: stack.harness.taskQueue,
    args: [input],
    typedSearchAttributes: searchAttributePairs({ plan: plan.name, state: 'running', mode: 'live', phase: 'one', planHash: 'hash-of-the-plan' }),
  });
  const summary = (await handle.result()) as { run: number };
  expect(summary.run).toBeGreaterThan(1);
  const last = await handle.describe();
  expect(last.runId).not.toBe(handle.firstExecutionRunId);
  expect(last.typedSearchAttributes.get(stateAttribute)).toBe('completed');
  expect(last.typedSearchAttributes.get(phaseAttribute)).toBe('three');
  expect(last.typedSearchAttributes.get(planNameAttribute)).toBe(plan.name);
  expect(last.typedSearchAttributes.get(modeAttribute)).toBe('live');
  // Set once, at start; the workflow never touches it.
  expect(last.typedSearchAttributes.get(planHashAttribute)).toBe('hash-of-the-plan');

  // Listed once, by its latest run: the runs it continued from (frozen at "running") are not cutovers of their own.
  const listed = await until(
    async () => (await call('GET', `/api/v1/cutovers?plan=${plan.name}`)).body.cutovers as Listed[],
    (cutovers) => cutovers.some((c) => c.state === 'completed'),
  );
  expect(listed.map((c) => [c.id, c.state])).toEqual([[id, 'completed']]);
  expect((await call('GET', `/api/v1/cutovers?plan=${plan.name}&state=running`)).body.cutovers).toEqual([]);
});

test('the last completed rehearsal of a plan is found by GolivePlanHash, even where its memo cannot be read', async () => {
  const plan = quickPlan(`vis-rehearsed-${suffix}`);
  const rehearsal = await startCutover(plan, 'rehearsal');
  await stack.waitFor(rehearsal, (doc) => doc.state === 'completed');
  const validated = validatePlan(plan);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const hash = planHash(validated.plan);
  // A client under other payload keys cannot decode any memo: only the search attributes can find it.
  const otherKeys = new Client({ connection: admin.connection, namespace: admin.namespace, dataConverter: createDataConverter(parseCodecKeys(newKeyEntry('other'))) });
  const byAttributes = new RehearsalLookup(otherKeys, new NamespaceAttributes(otherKeys));
  expect(await until(() => byAttributes.lastCompleted(hash, { fresh: true }), (found) => found !== null)).toBe(rehearsal);
  expect(await new RehearsalLookup(otherKeys).lastCompleted(hash, { fresh: true })).toBeNull();
});

test('bad filter values are refused naming the field, never pasted into the query', async () => {
  const cases: Array<[string, string]> = [
    ['state=bogus', 'state'],
    ['state=running,bogus', 'state'],
    ['mode=test', 'mode'],
    ['plan=Not%20A%20Slug', 'plan'],
    [`plan=${encodeURIComponent("x' OR GoliveState != '")}`, 'plan'],
    ['plan=a&plan=b', 'plan'],
  ];
  for (const [query, field] of cases) {
    const res = await call('GET', `/api/v1/cutovers?${query}`);
    expect({ query, status: res.status, code: res.body.error?.code }).toEqual({ query, status: 422, code: 'invalid-request' });
    expect({ query, paths: (res.body.error.details as Array<{ path: string }>).map((d) => d.path.split(/[.[]/)[0]) }).toEqual({ query, paths: [field] });
  }
  const cli = await runCli('status', '--state', 'sideways', '--api', stack.api.url);
  expect(cli.code).toBe(1);
  expect(cli.stderr).toMatch(/^invalid-request: invalid query\n {2}state/);
});

describe('a namespace without golive\'s search attributes', () => {
  let namespace: string;
  let api: ApiServer;
  let worker: GoliveWorker;
  let bare: ApiCall;
  const taskQueue = uniqueId('vis-bare');

  beforeAll(async () => {
    namespace = await freshNamespace(admin.connection, 'golive-vis');
    namespaces.push(namespace);
    worker = await startWorker({ address: temporalAddress(), namespace, taskQueue });
    api = await startApi({ address: temporalAddress(), namespace, taskQueue }, { port: 0, auth: openAuth() });
    bare = apiCaller(api.url);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.shutdown();
  });

  test('runs cutovers without them, and a filtered listing says to run golive setup', async () => {
    const id = uniqueId('vis-bare');
    const started = await bare('POST', '/api/v1/cutovers', { plan: quickPlan(planA), id });
    expect(started.status).toBe(201);
    const client = (await connectClient({ namespace })).client;
    try {
      await client.workflow.getHandle(id).result();
      const description = await client.workflow.getHandle(id).describe();
      expect(goliveSearchAttributes.map((key) => description.typedSearchAttributes.get(key))).toEqual([undefined, undefined, undefined, undefined, undefined]);
    } finally {
      await client.connection.close();
    }
    const refused = await bare('GET', '/api/v1/cutovers?state=completed');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('search-attributes-missing');
    expect(refused.body.error.message).toMatch(/golive setup/);
    // Unfiltered, the memo still says what it is.
    const page = await until(
      () => bare('GET', '/api/v1/cutovers'),
      (res) => res.status === 200 && res.body.cutovers.some((c: Listed) => c.id === id && c.state === 'completed'),
    );
    expect(page.body.cutovers.find((c: Listed) => c.id === id)).toMatchObject({ plan: planA, mode: 'live', state: 'completed', phase: null });
  });

  test('golive setup adds them once; a second run adds nothing', async () => {
    const first = await setupOn(namespace);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`namespace ${namespace} at ${temporalAddress()}: added GolivePlan, GoliveState, GoliveMode, GolivePhase, GolivePlanHash; already present none`);
    const second = await setupOn(namespace);
    expect(second.stdout).toContain('added none; already present GolivePlan, GoliveState, GoliveMode, GolivePhase, GolivePlanHash');
    // A fresh API sees them and filters (an empty list: nothing started with them here).
    const fresh = await startApi({ address: temporalAddress(), namespace, taskQueue }, { port: 0, auth: openAuth() });
    try {
      const res = await until(
        () => apiCaller(fresh.url)('GET', '/api/v1/cutovers?state=completed'),
        (r) => r.status === 200,
      );
      expect(res.body.cutovers).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  test('golive setup names an attribute registered with another type', async () => {
    const conflicting = await freshNamespace(admin.connection, 'golive-vis-conflict');
    namespaces.push(conflicting);
    await admin.connection.operatorService.addSearchAttributes({
      namespace: conflicting,
      searchAttributes: { GolivePhase: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT },
    });
    await until(
      () => admin.connection.operatorService.listSearchAttributes({ namespace: conflicting }),
      (listed) => listed.customAttributes?.GolivePhase !== undefined,
    );
    const run = await setupOn(conflicting);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^golive setup: search attribute GolivePhase exists on namespace \S+ with type INDEXED_VALUE_TYPE_TEXT; golive needs Keyword/);
    // The API counts such a namespace as lacking them: cutovers start (without attributes), filters are refused.
    const conflicted = await startApi({ address: temporalAddress(), namespace: conflicting, taskQueue }, { port: 0, auth: openAuth() });
    try {
      const there = apiCaller(conflicted.url);
      expect((await there('POST', '/api/v1/cutovers', { plan: quickPlan(planA), id: uniqueId('vis-conflict') })).status).toBe(201);
      expect((await there('GET', '/api/v1/cutovers?mode=live')).body.error.code).toBe('search-attributes-missing');
    } finally {
      await conflicted.close();
    }
  });
});

describe('golive setup --wait: a server or namespace still coming up (docker compose runs it so)', () => {
  let admin: TestClient;
  const created: string[] = [];
  beforeAll(async () => {
    admin = await connectClient();
  });
  afterAll(async () => {
    for (const namespace of created) await dropNamespace(admin.connection, namespace);
    await admin.connection.close();
  });

  test('keeps trying a namespace that does not exist until --wait runs out, then names it', async () => {
    const began = Date.now();
    const run = await setupOn(uniqueId('golive-vis-never'), '--wait', '3');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^golive setup: .*golive-vis-never/);
    // At least one retry (every 2 s) before giving up.
    expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
  });

  test('registers the attributes once the namespace appears', async () => {
    const later = uniqueId('golive-vis-later');
    created.push(later);
    const run = setupOn(later, '--wait', '60');
    await admin.connection.workflowService.registerNamespace({ namespace: later, workflowExecutionRetentionPeriod: msToTs('1 day') });
    const done = await run;
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain(`namespace ${later} at ${temporalAddress()}: added GolivePlan, GoliveState, GoliveMode, GolivePhase, GolivePlanHash`);
  });

  test('refuses a --wait that is not a number of seconds', async () => {
    const run = await setupOn('default', '--wait', 'soon');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--wait must be a number of seconds/);
  });
});

/** `golive setup` with TEMPORAL_NAMESPACE set to `namespace` (the suite's TEMPORAL_ADDRESS). */
async function setupOn(namespace: string, ...flags: string[]): Promise<Awaited<ReturnType<typeof runCli>>> {
  const before = process.env.TEMPORAL_NAMESPACE;
  process.env.TEMPORAL_NAMESPACE = namespace;
  try {
    return await runCli('setup', ...flags);
  } finally {
    process.env.TEMPORAL_NAMESPACE = before;
  }
}
