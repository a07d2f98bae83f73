/**
 * Upgrading the workers in the middle of a live cutover (issue 12 item 5), on the real dev server:
 * a worker running the previous release's workflow bundle starts the cutover and takes operator
 * messages; while the cutover waits at the go/no-go it is stopped and a worker of this build takes
 * over, replays the history so far (the previous release's commands, patched() answering false) and
 * finishes the cutover on the new code path. And the rollout's worst moment: an old worker handed a
 * task after this build took the new path fails that task, not the cutover. And a cutover the new API
 * started with search attributes while old workers still ran (they never update them) has them
 * caught up by this build once it takes over.
 */
import { temporal } from '@temporalio/proto';
import { phaseAttribute, stateAttribute } from '../../workflows/search-attributes';
import { Worker } from '@temporalio/worker';
import type { History } from '../../workers/history-document';
import { replayHistories } from '../../workers/history-replay';
import { metricsSinks } from '../../workers/metrics';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { startWorker, type GoliveWorker } from '../../workers/worker';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { until } from '../support/api-calls';
import { lead, sendSignal, sendUpdate, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';
import { previousReleaseBundle } from '../support/release-fixture';
import { temporalAddress, temporalNamespace } from '../support/temporal-env';

const previous = previousReleaseBundle();
const env = useCutoverTestEnv({ workflowBundle: previous });
/** The worker polling the harness's task queue after the first switch (the harness's own before). */
let polling: GoliveWorker | undefined;

afterAll(async () => {
  await polling?.shutdown();
});

/** Stops whichever worker polls the task queue and starts one of `release`: this build's or the previous one's. */
async function switchTo(release: 'current' | 'previous'): Promise<void> {
  await (polling ?? env.harness.worker).shutdown();
  const config = { address: temporalAddress(), namespace: temporalNamespace(), taskQueue: env.harness.taskQueue };
  polling = await startWorker(config, release === 'previous' ? { workflowBundle: previous } : {});
}

/** How the history checked operator messages' attestations: local activity markers, then scheduled activities. */
function attestationChecks(history: History) {
  const events = history.events ?? [];
  return {
    local: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    activity: events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'verifyAttestation').length,
  };
}

test('a cutover started on the previous release completes on this one after the workers are replaced at the gate', async () => {
  const { harness, http } = env;
  const url = (step: string) => `${http.url}/upgrade/${step}`;
  const plan = testPlan('upgrade', [
    { id: 'prep', steps: [httpStep('export', url('export'))] },
    {
      id: 'cutover',
      gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } },
      steps: [httpStep('switch', url('switch')), httpStep('verify', url('verify'), ['switch'])],
    },
  ]);
  const id = await harness.start(plan);
  await waitForStatus(harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  // On the previous release: an issue and the first of two approvals.
  await sendUpdate(harness.client, id, 'reportIssue', { severity: 'medium', summary: 'wallboard lags 30 s', ...lead });
  await sendUpdate(harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'first approval', ...lead });

  // The upgrade: the old worker goes, a worker of this build polls the same task queue.
  await switchTo('current');
  const atGate = await waitForStatus(harness.client, id, (doc) => doc.gates[0]?.approvals.length === 1);
  expect(atGate.issues).toHaveLength(1);
  await sendUpdate(harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'second approval', operator: 'lee', roles: ['cutover-lead'], source: 'api' });

  const doc = await harness.finished(id);
  expect(doc.state).toBe('completed');
  expect(doc.steps.map((s) => [s.id, s.state, s.attempts])).toEqual([
    ['export', 'succeeded', 1],
    ['switch', 'succeeded', 1],
    ['verify', 'succeeded', 1],
  ]);
  expect(['export', 'switch', 'verify'].map((step) => http.appliedCount(`/upgrade/${step}`))).toEqual([1, 1, 1]);
  expect(doc.decisions.map((d) => [d.decision, d.operator, d.reason])).toEqual([
    ['go', 'dana', 'first approval'],
    ['go', 'lee', 'second approval'],
  ]);
  expect(doc.issues.map((i) => [i.severity, i.summary])).toEqual([['medium', 'wallboard lags 30 s']]);

  // Both releases are in the history: the two messages before the upgrade were checked the old way, the one after the new way.
  const history = await harness.client.workflow.getHandle(id).fetchHistory();
  expect(attestationChecks(history)).toEqual({ local: 2, activity: 1 });
  await recordHistoryIfAsked(harness.client, id, 'upgrade-attestation-activity');

  // This build replays the whole mixed history; the previous release cannot (it knows no activity check).
  const dataConverter = createDataConverter(payloadProtectionFromEnv());
  const [current] = await replayHistories([{ name: id, runs: [history] }], { dataConverter });
  expect(current.ok).toBe(true);
  await expect(Worker.runReplayHistory({ workflowBundle: previous, dataConverter, sinks: metricsSinks() }, history)).rejects.toThrow(/nondetermin/i);
}, 120_000);

test('an old worker handed a task after this build wrote a patch marker fails only that task; a new worker finishes the cutover', async () => {
  const { harness, http } = env;
  await switchTo('current');
  const plan = testPlan('upgrade-mixed', [
    { id: 'cutover', gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [httpStep('switch', `${http.url}/upgrade-mixed/switch`)] },
  ]);
  const id = await harness.start(plan);
  await waitForStatus(harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(harness.client, id, 'reportIssue', { severity: 'low', summary: 'wallboard lags', ...lead }); // the new path: a patch marker

  // A rollout in both directions at once: only the previous release polls when the decision arrives.
  await switchTo('previous');
  await sendSignal(harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'ready', ...lead });
  const handle = harness.client.workflow.getHandle(id);
  const failedTask = async () => (await handle.fetchHistory()).events?.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes;
  await until(failedTask, (failure) => failure !== undefined);
  expect((await failedTask())?.cause).toBe(temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR);
  expect((await handle.describe()).status.name).toBe('RUNNING');

  await switchTo('current');
  const doc = await harness.finished(id);
  expect(doc.state).toBe('completed');
  expect(doc.decisions.map((d) => [d.decision, d.reason])).toEqual([['go', 'ready']]);
  expect(http.appliedCount('/upgrade-mixed/switch')).toBe(1);
}, 120_000);

test('search attributes set at start under the previous release (which never updates them) are caught up once this build takes over', async () => {
  const { harness, http } = env;
  await switchTo('previous');
  const plan = testPlan('upgrade-attributes', [
    { id: 'prep', steps: [httpStep('export', `${http.url}/upgrade-attributes/export`)] },
    { id: 'cutover', gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [httpStep('switch', `${http.url}/upgrade-attributes/switch`)] },
  ]);
  // As this build's API starts it during the rollout: with the attributes, at their first values.
  const id = await harness.start(plan, { searchAttributes: { plan: plan.name, state: 'running', mode: 'live', phase: 'prep', planHash: 'hash' } });
  const handle = harness.client.workflow.getHandle(id);
  await waitForStatus(harness.client, id, (doc) => doc.state === 'awaiting-decision');
  // The previous release leaves them as they were set: stale.
  const stale = (await handle.describe()).typedSearchAttributes;
  expect([stale.get(stateAttribute), stale.get(phaseAttribute)]).toEqual(['running', 'prep']);

  await switchTo('current');
  await sendUpdate(harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'ready', ...lead });
  expect((await harness.finished(id)).state).toBe('completed');
  const caughtUp = (await handle.describe()).typedSearchAttributes;
  expect([caughtUp.get(stateAttribute), caughtUp.get(phaseAttribute)]).toEqual(['completed', 'cutover']);
  expect(http.appliedCount('/upgrade-attributes/switch')).toBe(1);
  await recordHistoryIfAsked(harness.client, id, 'upgrade-search-attributes');
}, 120_000);
