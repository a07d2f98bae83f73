/** GET /api/v1/cutovers/:id/events: live status over SSE, one shared watcher per cutover, against the real dev server. */
import type { SseMessage } from '../../cli/sse-events';
import type { StatusDocument } from '../../workflows/status-document';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { captureLogLines } from '../support/log-capture';
import { subscribe, type SseSubscriber } from '../support/sse-subscriber';
import { until } from '../support/api-calls';
import { runCli } from '../support/run-cli';

let stack: ApiStack;
const dana = testTokens.dana.token;
const bearer = { authorization: `Bearer ${dana}` };
const open: SseSubscriber[] = [];

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: dana, api: { livePollMs: 200, heartbeatMs: 100 } });
});

afterEach(() => {
  for (const subscriber of open.splice(0)) subscriber.close();
});

afterAll(async () => {
  await stack?.stop();
});

const plan = (name: string) => ({
  apiVersion: 'golive/v1',
  name,
  roles: { 'cutover-lead': 'Dana' },
  phases: [
    {
      id: 'cutover',
      steps: [
        { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Confirm the ticket' } },
        { id: 'switch', kind: 'noop', dependsOn: ['sign-off'] },
      ],
    },
  ],
});

const eventsUrl = (id: string, query = '') => `${stack.api.url}/api/v1/cutovers/${id}/events${query}`;
const documents = (messages: SseMessage[]): StatusDocument[] => messages.filter((m) => m.event === 'status').map((m) => JSON.parse(m.data));
const signOff = (doc: StatusDocument) => doc.steps.find((s) => s.id === 'sign-off')?.state;

async function listen(url: string, headers: Record<string, string> = {}): Promise<SseSubscriber> {
  const subscriber = await subscribe(url, headers);
  open.push(subscriber);
  return subscriber;
}

async function waitingCutover(prefix: string): Promise<string> {
  const id = await stack.startCutover(plan(prefix), prefix);
  await stack.waitFor(id, (doc) => signOff(doc) === 'running');
  return id;
}

test('two subscribers share one watcher; a change reaches both within a second; the end closes the streams and stops the watcher', async () => {
  const id = await waitingCutover('live-share');
  const started = stack.api.liveStatus.startedWatchers;
  const summaries = jest.spyOn(stack.api.cutovers, 'summary');
  try {
    const first = await listen(eventsUrl(id), bearer);
    const second = await listen(eventsUrl(id, `?access_token=${dana}`));
    expect([first.status, second.status]).toEqual([200, 200]);
    for (const subscriber of [first, second]) await subscriber.waitFor((m) => documents(m).some((doc) => signOff(doc) === 'running'));
    expect(stack.api.liveStatus.startedWatchers - started).toBe(1);
    expect(stack.api.liveStatus.activeWatchers().filter((w) => w === id)).toHaveLength(1);
    // One summary read per poll whatever the audience: over a second at 200 ms, far fewer than two pollers would make.
    const before = summaries.mock.calls.filter(([c]) => c === id).length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(summaries.mock.calls.filter(([c]) => c === id).length - before).toBeLessThanOrEqual(7);

    const res = await stack.call('POST', `/api/v1/cutovers/${id}/steps/sign-off/complete`, { evidence: 'CHG-42' });
    expect(res.status).toBe(200);
    const acked = Date.now();
    await Promise.all([first, second].map((s) => s.waitFor((m) => documents(m).some((doc) => signOff(doc) === 'succeeded'), 1000)));
    expect(Date.now() - acked).toBeLessThan(1000);

    await Promise.all([first.closed, second.closed]);
    for (const subscriber of [first, second]) {
      const events = subscriber.messages.map((m) => m.event);
      expect(events.at(-1)).toBe('end');
      expect(JSON.parse(subscriber.messages.at(-1)!.data)).toMatchObject({ id, state: 'completed' });
      expect(documents(subscriber.messages).at(-1)!.state).toBe('completed');
    }
    await until(async () => stack.api.liveStatus.activeWatchers(), (watchers) => !watchers.includes(id), 5000);
  } finally {
    summaries.mockRestore();
  }
});

test('heartbeats keep an idle stream alive; leaving stops the watcher and its reads', async () => {
  const id = await waitingCutover('live-leave');
  const summaries = jest.spyOn(stack.api.cutovers, 'summary');
  try {
    const subscriber = await listen(eventsUrl(id), bearer);
    await subscriber.waitFor((m) => documents(m).length === 1);
    await until(async () => subscriber.raw(), (raw) => raw.includes(': heartbeat'), 5000);
    expect(stack.api.liveStatus.activeWatchers()).toContain(id);
    subscriber.close();
    await until(async () => stack.api.liveStatus.activeWatchers(), (watchers) => !watchers.includes(id), 5000);
    const reads = summaries.mock.calls.filter(([c]) => c === id).length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(summaries.mock.calls.filter(([c]) => c === id).length).toBe(reads);
  } finally {
    summaries.mockRestore();
  }
});

test('an ended cutover answers its final document and end at once', async () => {
  const id = await waitingCutover('live-ended');
  await stack.call('POST', `/api/v1/cutovers/${id}/steps/sign-off/complete`, { evidence: 'CHG-43' });
  await stack.waitFor(id, (doc) => doc.state === 'completed');
  const subscriber = await listen(eventsUrl(id), bearer);
  await subscriber.closed;
  expect(subscriber.messages.map((m) => m.event)).toEqual(['status', 'end']);
});

test('refused without a token or with an unknown one (query tokens never logged); 404 and 422 in the error envelope', async () => {
  const id = await waitingCutover('live-auth');
  const logs = captureLogLines('debug');
  try {
    const none = await stack.call('GET', `/api/v1/cutovers/${id}/events`, undefined, { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    const unknown = await stack.call('GET', `/api/v1/cutovers/${id}/events?access_token=leaked-secret-1`, undefined, { token: null });
    expect(unknown.status).toBe(401);
    const missing = await stack.call('GET', `/api/v1/cutovers/no-such-cutover/events?access_token=${dana}`, undefined, { token: null });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('cutover-not-found');
    const extra = await stack.call('GET', `/api/v1/cutovers/${id}/events?since=1`);
    expect(extra.status).toBe(422);
  } finally {
    logs.stop();
  }
  expect(logs.lines.join('\n')).not.toMatch(/leaked-secret-1|token-dana/);
});

test('golive status --watch prints a line per change and exits when the cutover ends', async () => {
  const id = await waitingCutover('live-cli');
  // A first subscriber holds the watcher's current document, so the CLI gets it the moment it subscribes.
  const first = await listen(eventsUrl(id), bearer);
  await first.waitFor((m) => documents(m).length === 1);
  const run = runCli('status', id, '--watch', '--api', stack.api.url, '--token', dana);
  await until(async () => stack.api.liveStatus.subscribers(id), (n) => n === 2, 10_000);
  await stack.call('POST', `/api/v1/cutovers/${id}/steps/sign-off/complete`, { evidence: 'CHG-44' });
  const { code, stdout } = await run;
  expect(code).toBe(0);
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/awaiting-decision .*steps 0\/2 done .*waiting: step sign-off \(complete\)/);
  expect(lines.at(-2)).toMatch(/completed .*steps 2\/2 done/);
  expect(lines.at(-1)).toBe('ended: completed');
});

test('golive status --watch reports a refusal like every command', async () => {
  const { code, stderr } = await runCli('status', 'no-such-cutover', '--watch', '--api', stack.api.url, '--token', dana);
  expect(code).toBe(1);
  expect(stderr).toContain('cutover-not-found');
});
