/**
 * The production topology, natively (issue 12 item 3): `startCluster` runs PostgreSQL, the Temporal
 * server v1.29.1 on it (config deploy/cluster/), the golive API, two golive workers and the Temporal
 * UI, each its own process, in a temp dir. One cutover goes through the API while a worker is SIGKILLed in the middle
 * of a step (the other finishes it) and the Temporal server is restarted at a gate (the decision, the
 * issue and every finished step survive; the step after the gate runs exactly once). Last, `golive
 * cluster down` and `up` again on the same dir: the completed cutover is still there. Throughout,
 * `GET /cutovers?state=` lists it by its current state (visibility on PostgreSQL).
 *
 * Needs `npm run build` (the processes run dist/), PostgreSQL and the server binaries
 * (`golive cluster provision`); .ci/run provides all three.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startCluster, stopCluster, type ClusterHandle, type ClusterStatus } from '../../scripts/cluster/cluster';
import { testTokens } from '../support/api-stack';
import { launchBrowser } from '../support/browser';
import { apiCaller, until, type ApiCall } from '../support/api-calls';
import { CLI } from '../support/child-process';
import { httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';
import type { StatusDocument } from '../../workflows/status-document';

jest.setTimeout(240_000);

/** Long enough that the kill lands while the first attempt's request is still open. */
const SLOW_MS = 30_000;
const STARTED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

let dir: string;
let cluster: ClusterHandle;
let target: RecordingServer;
let call: ApiCall;
let connection: Connection;
const id = `cluster-${Date.now().toString(36)}`;
const measured: Record<string, string> = {};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** `golive cluster <command> --dir <dir>` as an operator runs it; its exit code and output. */
async function golive(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'cluster', ...args, '--dir', dir]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

function plan() {
  return testPlan('native-cluster', [
    {
      id: 'prepare',
      steps: [
        httpStep('export', `${target.url}/export`),
        // A worker dies mid-request: the 5 s heartbeat timeout notices, the retry goes to the other worker.
        httpStep('migrate', `${target.url}/migrate`, ['export'], { timeout: '2m', retry: { maximumAttempts: 3, initialInterval: '1s' } }),
      ],
    },
    {
      id: 'cutover',
      gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } },
      // Not idempotent on the target's side: must run once, server restart or not.
      steps: [httpStep('switch', `${target.url}/switch`)],
    },
  ]);
}

const status = async (): Promise<StatusDocument> => {
  const res = await call('GET', `/api/v1/cutovers/${id}`);
  if (res.status !== 200) throw new Error(`GET /cutovers/${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as StatusDocument;
};
/** Polls the status; while the server restarts a read may fail, which counts as "not yet". */
const waitFor = (done: (doc: StatusDocument) => boolean, timeoutMs = 60_000) =>
  until(() => status().catch(() => undefined), (doc) => doc !== undefined && done(doc), timeoutMs) as Promise<StatusDocument>;
const step = (doc: StatusDocument, stepId: string) => doc.steps.find((s) => s.id === stepId);

/** The ids `GET /cutovers?state=…` lists (a visibility query on golive's search attributes). */
async function listed(state: string): Promise<string[]> {
  const res = await call('GET', `/api/v1/cutovers?state=${state}`);
  if (res.status !== 200) throw new Error(`GET /cutovers?state=${state}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.cutovers as { id: string }[]).map((c) => c.id);
}

/** The identity (`pid@host`) of the worker running the step's activity, once it runs. */
async function workerRunning(activityId: string): Promise<string> {
  const described = await until(
    () => connection.workflowService.describeWorkflowExecution({ namespace: cluster.namespace, execution: { workflowId: id } }),
    (d) => (d.pendingActivities ?? []).some((a) => a.activityId === activityId && a.state === STARTED && Boolean(a.lastWorkerIdentity)),
  );
  return described.pendingActivities!.find((a) => a.activityId === activityId)!.lastWorkerIdentity!;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-cluster-test-'));
  target = await new RecordingServer().route('/migrate', { delayMs: SLOW_MS }).start();
  const started = Date.now();
  cluster = await startCluster({ dir, allowBuild: false, tokens: { tokens: Object.values(testTokens) } });
  measured['cluster up (cold dir)'] = seconds(Date.now() - started);
  call = apiCaller(cluster.apiUrl, testTokens.dana.token);
  connection = await Connection.connect({ address: cluster.temporalAddress });
});

afterAll(async () => {
  await connection?.close();
  if (dir) await stopCluster(dir);
  await target?.stop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
  process.stdout.write(`native cluster timings: ${JSON.stringify(measured)}\n`);
});

test('every process of the topology runs on its own: PostgreSQL, the server, two workers, the API, the Temporal UI', () => {
  const names = ['postgres', 'temporal-server', 'golive-worker-1', 'golive-worker-2', 'golive-api', 'temporal-ui'];
  const pids = names.map((name) => cluster.pid(name));
  expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
  expect(new Set(pids).size).toBe(names.length);
});

test('a worker SIGKILLed mid-step: the other worker finishes the step', async () => {
  expect((await call('POST', '/api/v1/cutovers', { plan: plan(), id })).status).toBe(201);
  const identity = await workerRunning('migrate');
  await until(async () => target.inFlight, (n) => n >= 1);
  const victim = cluster.workers.findIndex((name) => identity.startsWith(`${cluster.pid(name)}@`)) + 1;
  expect(victim).toBeGreaterThan(0);

  // The retry answers at once; the killed worker's request stays open until SLOW_MS.
  target.route('/migrate', {});
  const killedAt = Date.now();
  cluster.killWorker(victim);
  const doc = await waitFor((d) => step(d, 'migrate')?.state === 'succeeded');
  measured['worker kill → step succeeded'] = seconds(Date.now() - killedAt);

  expect(step(doc, 'migrate')).toMatchObject({ state: 'succeeded', attempts: 2 });
  expect(cluster.pid(cluster.workers[victim - 1])).toBeUndefined();
  // Heartbeat timeout (5 s) plus the 1 s retry interval, with room for a loaded machine.
  expect(Date.now() - killedAt).toBeLessThan(45_000);
  await cluster.startWorker(victim);
});

test('the Temporal server restarted at a gate: decision, issue and finished steps survive; the cutover completes', async () => {
  await waitFor((d) => d.state === 'awaiting-decision' && d.gates.some((g) => g.id === 'go-no-go' && g.state === 'open'));
  const reported = await call('POST', `/api/v1/cutovers/${id}/issues`, { severity: 'low', summary: 'hold music quiet on trunk B' }, { token: testTokens.ana.token });
  expect(reported.status).toBe(201);
  expect((await call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'network ready' })).status).toBe(200);
  const before = await status();

  // Visibility (issue 12 item 4): golive's search attributes on the cluster's PostgreSQL visibility store.
  await until(() => listed('awaiting-decision'), (ids) => ids.includes(id));

  const stoppedAt = Date.now();
  expect(await cluster.stopServer()).not.toBe('not-running');
  measured['server stop (SIGTERM, graceful)'] = seconds(Date.now() - stoppedAt);
  expect(cluster.pid('temporal-server')).toBeUndefined();
  const restartedAt = Date.now();
  await cluster.startServer();
  const after = await waitFor(() => true);
  measured['server start → status answers again'] = seconds(Date.now() - restartedAt);

  const finished = (doc: StatusDocument) => doc.steps.filter((s) => s.state === 'succeeded').map((s) => s.id);
  expect(finished(after)).toEqual(['export', 'migrate']);
  expect(finished(after)).toEqual(finished(before));
  expect(after.issues).toEqual(before.issues);
  expect(after.issues[0]).toMatchObject({ id: 'ISS-1', severity: 'low', reportedBy: 'ana', state: 'open' });
  expect(after.gates.find((g) => g.id === 'go-no-go')).toMatchObject({ state: 'open', approvals: [expect.objectContaining({ operator: 'dana' })] });

  const decidedAt = Date.now();
  expect((await call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'IVR ready' }, { token: testTokens.lee.token })).status).toBe(200);
  const done = await waitFor((d) => d.state === 'completed');
  measured['second decision → completed'] = seconds(Date.now() - decidedAt);
  expect(done.gates.find((g) => g.id === 'go-no-go')).toMatchObject({ state: 'decided', decision: 'go' });
  expect(target.requests.filter((r) => r.path === '/switch')).toHaveLength(1);
  await until(() => listed('completed'), (ids) => ids.includes(id));
  expect(await listed('awaiting-decision')).not.toContain(id);
  expect(target.requests.filter((r) => r.path === '/export')).toHaveLength(1);
});

test('the Temporal UI shows the cutover from the server, and its encrypted payloads decode through the API from the UI\'s origin', async () => {
  // ui-server serves the Temporal API to the browser under /api/v1, as the UI's pages read it.
  const ui = async (route: string): Promise<any> => {
    const res = await fetch(`${cluster.uiUrl}/api/v1${route}`);
    expect({ route, status: res.status }).toEqual({ route, status: 200 });
    return res.json();
  };
  const listing = await ui(`/namespaces/${cluster.namespace}/workflows?query=${encodeURIComponent(`WorkflowId = '${id}'`)}`);
  expect(listing.executions.map((e: { execution: { workflowId: string } }) => e.execution.workflowId)).toEqual([id]);
  expect((await ui('/settings')).Codec).toMatchObject({ Endpoint: `${cluster.apiUrl}/codec`, IncludeCredentials: true });

  // The start's input (the plan) is encrypted in history; the browser posts it to the API's /codec from the UI's origin.
  const history = await ui(`/namespaces/${cluster.namespace}/workflows/${id}/history`);
  const input = history.history.events[0].workflowExecutionStartedEventAttributes.input.payloads;
  expect(Buffer.from(input[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  const preflight = await fetch(`${cluster.apiUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin: cluster.uiUrl, 'access-control-request-method': 'POST' } });
  expect(preflight.headers.get('access-control-allow-origin')).toBe(cluster.uiUrl);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  const decoded = await fetch(`${cluster.apiUrl}/codec/decode`, {
    method: 'POST',
    headers: { origin: cluster.uiUrl, 'content-type': 'application/json', 'x-namespace': cluster.namespace, authorization: `Bearer ${testTokens.dana.token}` },
    body: JSON.stringify({ payloads: input }),
  });
  expect(decoded.status).toBe(200);
  const [plain] = ((await decoded.json()) as { payloads: { data: string }[] }).payloads;
  expect(JSON.parse(Buffer.from(plain.data, 'base64').toString())).toMatchObject({ plan: { name: 'native-cluster' } });
});

test('in a browser signed in to the console, the Temporal UI shows the cutover with its plan decoded', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    // Signing in to the console sets the codec cookie the UI's codec calls carry (includeCredentials).
    await page.goto(`${cluster.apiUrl}/#token=${testTokens.dana.token}`);
    await until(async () => (await page.context().cookies(`${cluster.apiUrl}/codec/decode`)).some((c) => c.name === 'golive_codec'), (has) => has);
    const workflowPage = `${cluster.uiUrl}/namespaces/${cluster.namespace}/workflows/${id}`;
    await page.goto(workflowPage);
    // The input panel shows the plan as JSON: only a decoded payload has its apiVersion.
    await page.waitForSelector('text=golive/v1', { timeout: 30_000 });
    expect(await page.locator('text=Codec Server could not connect').count()).toBe(0);

    // A browser that never signed in: the codec refuses it, and the UI shows ciphertext.
    const stranger = await browser.newPage(); // a context of its own: no cookie
    await stranger.goto(workflowPage);
    // (The banner is rendered twice, one copy hidden: attached is enough.)
    await stranger.waitForSelector('text=Codec Server could not connect', { state: 'attached', timeout: 30_000 });
    expect(await stranger.locator('text=golive/v1').count()).toBe(0);
  } finally {
    await browser.close();
  }
});

test('golive cluster down stops every process and keeps the data: up again on the dir finds the cutover', async () => {
  const status = async () => JSON.parse((await golive('status', '--json')).stdout) as ClusterStatus;
  expect((await status()).processes.every((p) => p.pid !== undefined)).toBe(true);

  const downAt = Date.now();
  const down = await golive('down');
  measured['golive cluster down'] = seconds(Date.now() - downAt);
  expect(down.code).toBe(0);
  expect(down.stdout).toMatch(/^temporal-server\s+stopped$/m);
  expect((await status()).processes.map((p) => p.pid)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  expect((await golive('status')).code).toBe(1);

  const upAt = Date.now();
  cluster = await startCluster({ dir, allowBuild: false });
  measured['cluster up (warm dir)'] = seconds(Date.now() - upAt);
  const doc = await waitFor((d) => d.state === 'completed');
  expect(doc.steps.map((s) => [s.id, s.state])).toEqual([['export', 'succeeded'], ['migrate', 'succeeded'], ['switch', 'succeeded']]);
  expect(await listed('completed')).toEqual([id]);
  // The tokens written at the first up were kept (dana's token still works).
  expect((await call('GET', `/api/v1/cutovers/${id}`)).status).toBe(200);
});
