/**
 * A worker process killed with SIGKILL in the middle of an http step: a new worker process
 * finishes the cutover, and the receiving endpoint (which honours Idempotency-Key) applied
 * the non-idempotent request once.
 */
import { validatePlan } from '../../plan';
import type { CutoverInput } from '../../workflows/cutover-input';
import { finishedDocument } from '../support/cutover-harness';
import { until } from '../support/api-calls';
import { spawnCli, type RunningCli } from '../support/child-process';
import { httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';
import { connectClient, temporalAddress, uniqueId, type TestClient } from '../support/temporal-env';

let http: RecordingServer;
let temporal: TestClient;
const workers: RunningCli[] = [];
const taskQueue = uniqueId('crash');

function startWorkerProcess(): RunningCli {
  const worker = spawnCli(['worker'], { TEMPORAL_ADDRESS: temporalAddress(), TEMPORAL_TASK_QUEUE: taskQueue, GOLIVE_LOG_LEVEL: 'info' });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  http = await new RecordingServer().start();
  temporal = await connectClient();
});

afterAll(async () => {
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await temporal?.close();
  await http?.stop();
});

test('SIGKILL during an http step: a new worker finishes it and the change is applied once', async () => {
  http.route('/crash/provision-numbers', { delayMs: 2000 });
  const plan = validatePlan(
    testPlan('worker-crash', [
      {
        id: 'cutover',
        steps: [
          httpStep('provision-numbers', `${http.url}/crash/provision-numbers`, [], { retry: { maximumAttempts: 3, initialInterval: '100ms' } }),
          httpStep('announce', `${http.url}/crash/announce`, ['provision-numbers']),
        ],
      },
    ]),
  );
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  const first = startWorkerProcess();
  await first.waitForOutput(/worker polling/, 60_000);

  const id = uniqueId('worker-crash');
  const input: CutoverInput = { plan: plan.plan, mode: 'live' };
  await temporal.client.workflow.start('cutoverWorkflow', { workflowId: id, taskQueue, args: [input] });

  // Kill the worker while the endpoint is in the middle of answering the step's request.
  await until(async () => http.inFlight, (inFlight) => inFlight > 0);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull(); // killed by a signal, no exit code

  const second = startWorkerProcess();
  await second.waitForOutput(/worker polling/, 60_000);
  const doc = await finishedDocument(temporal.client, id);
  expect(doc!.state).toBe('completed');

  const calls = http.requests.filter((r) => r.path === '/crash/provision-numbers');
  expect(calls).toHaveLength(2); // the first attempt (worker killed) and the retry on the new worker
  expect(new Set(calls.map((r) => r.headers['idempotency-key']))).toEqual(new Set([`${id}/provision-numbers/run`]));
  expect(http.appliedCount('/crash/provision-numbers')).toBe(1);
  expect(doc!.steps[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
  expect(second.output()).toContain(id); // the new worker logged the step it finished, with the cutover id
}, 120_000);
