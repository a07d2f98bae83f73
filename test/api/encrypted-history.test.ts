/**
 * Issue 7 item 2: plans, status snapshots and step outputs are ciphertext in Temporal. A cutover
 * with distinctive plan text and a secret a check reads back from an echo runs on the real dev
 * server; its raw history, read by a client without golive's codec, holds neither in clear (the
 * memo and the input carried across continue-as-new included), while golive's client reads it.
 * Only golive's search attributes are plain text, as visibility needs them.
 */
import { Client } from '@temporalio/client';
import { decodeHistoryPayloads } from '../../workers/history-payloads';
import { payloadCodecs, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { clearText } from '../support/history-text';
import { testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';
import { uniqueId } from '../support/temporal-env';

const PLAN_TEXT = 'ZEBRA-FALCON-7731';
const SECRET = '918273645501';

let stack: ApiStack;
let http: RecordingServer;
let rawClient: Client;

beforeAll(async () => {
  process.env.GOLIVE_SECRET_CODEC_PIN = SECRET;
  http = await new RecordingServer().start();
  // An endpoint that echoes the token it was sent: the check's reading is the secret.
  http.route('/pin-echo', { body: { echo: Number(SECRET) } });
  stack = await startApiStack();
  // Same connection, no data converter: what anyone with access to Temporal sees.
  rawClient = new Client({ connection: stack.harness.client.connection, namespace: stack.harness.client.options.namespace });
});

afterAll(async () => {
  await stack?.stop();
  await http?.stop();
  delete process.env.GOLIVE_SECRET_CODEC_PIN;
});

function plan() {
  return testPlan('codec-history', [
    {
      id: 'cutover',
      steps: [
        {
          id: 'route',
          title: `Swap the DNIS routing ${PLAN_TEXT}`,
          kind: 'http',
          with: { method: 'POST', url: `${http.url}/route`, body: { note: `${PLAN_TEXT} routing body` } },
          retry: { maximumAttempts: 1 },
        },
        {
          id: 'pin',
          title: 'The IVR answers with its PIN',
          kind: 'check',
          dependsOn: ['route'],
          with: { source: { kind: 'http', url: `${http.url}/pin-echo`, path: 'echo', headers: { 'x-pin': '${secret:CODEC_PIN}' } }, min: 0 },
          retry: { maximumAttempts: 1 },
        },
      ],
    },
  ]);
}

test('the raw history holds no plan text and no secret in clear; golive reads it', async () => {
  const id = uniqueId('encrypted');
  await stack.call('POST', '/api/v1/cutovers', { plan: plan(), id });
  const doc = await stack.waitFor(id, (d) => d.state === 'completed');
  expect(doc.steps.find((s) => s.id === 'route')?.title).toContain(PLAN_TEXT);
  expect(http.requests.find((r) => r.path === '/pin-echo')?.headers['x-pin']).toBe(SECRET);

  const history = await rawClient.workflow.getHandle(id).fetchHistory();
  const raw = clearText(history);
  expect(raw).toContain('cutoverWorkflow'); // the walk does read the history
  expect(raw).not.toContain(PLAN_TEXT);
  expect(raw).not.toContain(SECRET);
  // The plan's name (also in the memo) is in clear only as the GolivePlan search attribute: visibility
  // stores search attributes as they are, by design (plan name, state, mode, phase, plan hash).
  expect(clearText(history, [], new Set(['searchAttributes']))).not.toContain('codec-history');
  expect(raw).toContain('GolivePlan');

  // With the keys, the same history reads in full: the plan is in it.
  await decodeHistoryPayloads(history, payloadCodecs(payloadProtectionFromEnv()));
  expect(clearText(history)).toContain(PLAN_TEXT);
  // The list (memo) and the status still read through golive's client.
  const list = await stack.call('GET', '/api/v1/cutovers?pageSize=1000');
  expect(list.body.cutovers.find((c: { id: string }) => c.id === id)).toMatchObject({ name: 'codec-history', state: 'completed' });
});

test('the record carried across continue-as-new is ciphertext too', async () => {
  const id = uniqueId('encrypted-can');
  await stack.harness.start(plan(), { id, historyLimit: 12 });
  await stack.harness.finished(id);
  const latest = await rawClient.workflow.getHandle(id).fetchHistory();
  const started = latest.events?.[0]?.workflowExecutionStartedEventAttributes;
  const previousRun = started?.continuedExecutionRunId;
  expect(previousRun).toBeTruthy();
  const firstRun = await rawClient.workflow.getHandle(id, previousRun ?? undefined).fetchHistory();
  expect(firstRun.events?.some((e) => e.workflowExecutionContinuedAsNewEventAttributes)).toBe(true);
  const first = clearText(firstRun);
  for (const text of [first, clearText(latest)]) {
    expect(text).not.toContain(PLAN_TEXT);
    expect(text).not.toContain(SECRET);
  }
});
