/**
 * Replays, with today's workflow bundle, every cutover run a test file's worker ran: the
 * interleavings a test happens to produce (an update accepted while activities finish, a timer
 * racing a signal) are then checked for determinism on every test run, not only those recorded as
 * history fixtures. Only nondeterminism fails; a workflow task that failed on purpose replays as it ran.
 */
import type { Client } from '@temporalio/client';
import { quoted } from '../../api/visibility-query';
import { formatReplay } from '../../cli/replay-format';
import { replayHistories, type HistorySource } from '../../workers/history-replay';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';

interface RunRef {
  workflowId: string;
  runId?: string;
}

/** Every run visibility lists on the task queue (continued-as-new runs too), plus ids started too recently to be listed. */
async function runsOf(client: Client, taskQueue: string, started: Iterable<string>): Promise<RunRef[]> {
  const runs: RunRef[] = [];
  const listedIds = new Set<string>();
  for await (const execution of client.workflow.list({ query: `TaskQueue = ${quoted(taskQueue)}` })) {
    runs.push({ workflowId: execution.workflowId, runId: execution.runId });
    listedIds.add(execution.workflowId);
  }
  for (const workflowId of started) if (!listedIds.has(workflowId)) runs.push({ workflowId });
  return runs;
}

export async function assertTaskQueueReplays(client: Client, taskQueue: string, started: Iterable<string>): Promise<void> {
  const sources: HistorySource[] = [];
  for (const { workflowId, runId } of await runsOf(client, taskQueue, started)) {
    // A start the test expected to be refused left no history at all.
    const history = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory()
      .catch(() => undefined);
    if (history?.events?.length) sources.push({ name: `cutover ${workflowId}${runId ? ` run ${runId}` : ''}`, runs: [history] });
  }
  if (sources.length === 0) return;
  const outcomes = await replayHistories(sources, { dataConverter: createDataConverter(payloadProtectionFromEnv()) });
  const nondeterministic = outcomes.filter((outcome) => outcome.runs.some((run) => run.failure?.kind === 'nondeterminism'));
  if (nondeterministic.length > 0) throw new Error(`cutovers this test file ran do not replay with the workflow code:\n${formatReplay(nondeterministic)}`);
}
