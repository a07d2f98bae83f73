/** Starting golive cutovers and bare workflows, waiting for their end, and measuring their history. */
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import type { Plan } from '../plan/schema';
import type { CutoverInput } from '../workflows/cutover-input';
import type { BareInput } from './bare-workflow';
import { bareInput } from './plans';
import { BARE_QUEUE, GOLIVE_QUEUE, type Stack } from './stack';
import { errorMessage, within } from './until';

export type System = 'golive' | 'bare';

export interface RunResult {
  ok: boolean;
  ms: number;
  error?: string;
}

/** Starts a golive cutover the way the API does (CutoverService: memo, summary, id reuse policy). */
export async function startGolive(stack: Stack, id: string, plan: Plan): Promise<void> {
  await stack.api.cutovers.start(plan, id, 'live', 'bench');
}

/** The client for a system's workflows: golive's has golive's payload codec, bare's is plain. */
export function clientOf(stack: Stack, system: System): Client {
  return system === 'golive' ? stack.client : stack.bareClient;
}

export async function startBare(client: Client, id: string, input: BareInput, taskQueue = BARE_QUEUE): Promise<void> {
  await client.workflow.start('bareWorkflow', { workflowId: id, taskQueue, args: [input] });
}

/** Starts a golive cutover straight through the Temporal client (for input the API does not take, e.g. timeScale). */
export async function startGoliveDirect(client: Client, id: string, input: CutoverInput, taskQueue = GOLIVE_QUEUE): Promise<void> {
  await client.workflow.start('cutoverWorkflow', { workflowId: id, taskQueue, args: [input] });
}

/** Waits for the workflow to close; ok when it completed (its result's shape is not looked at). */
export async function awaitEnd(client: Client, id: string, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  try {
    await within(`workflow ${id} to end`, client.workflow.getHandle(id).result(), timeoutMs);
    return { ok: true };
  } catch (err) {
    const message = err instanceof WorkflowFailedError && err.cause ? `${err.message}: ${errorMessage(err.cause)}` : errorMessage(err);
    return { ok: false, error: message };
  }
}

/** One timed run, start → end, of golive (through CutoverService) or bare for the same plan. */
export async function timedRun(stack: Stack, system: System, id: string, plan: Plan, timeoutMs: number): Promise<RunResult> {
  const started = performance.now();
  try {
    if (system === 'golive') await startGolive(stack, id, plan);
    else await startBare(stack.bareClient, id, bareInput(plan));
  } catch (err) {
    return { ok: false, ms: performance.now() - started, error: `start failed: ${errorMessage(err)}` };
  }
  const client = clientOf(stack, system);
  const end = await awaitEnd(client, id, timeoutMs);
  const ms = performance.now() - started;
  if (!end.ok) await terminateQuietly(client, id);
  return { ok: end.ok, ms, error: end.error };
}

export interface HistorySize {
  /** Runs in the chain (more than 1 after continue-as-new). */
  runs: number;
  events: number;
  /** History as proto JSON (what GET /cutovers/:id/history and `temporal workflow show -o json` give); NaN when not asked for. */
  jsonBytes: number;
  /** History as encoded protobuf (what the server stores and sends). */
  protoBytes: number;
}

/** The whole history of a workflow id: every run of its continue-as-new chain, from the first. */
export async function historySize(client: Client, id: string, options: { json?: boolean } = {}): Promise<HistorySize> {
  const description = await client.workflow.getHandle(id).describe();
  let runId: string | undefined = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
  const size: HistorySize = { runs: 0, events: 0, jsonBytes: options.json === false ? Number.NaN : 0, protoBytes: 0 };
  while (runId) {
    const history: History = await client.workflow.getHandle(id, runId).fetchHistory();
    const events = history.events ?? [];
    size.runs++;
    size.events += events.length;
    if (options.json !== false) size.jsonBytes += Buffer.byteLength(historyToJSON(history));
    size.protoBytes += temporal.api.history.v1.History.encode(history).finish().length;
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return size;
}

export async function terminateQuietly(client: Client, id: string, reason = 'golive bench: done with it'): Promise<void> {
  await client.workflow
    .getHandle(id)
    .terminate(reason)
    .catch(() => undefined);
}

/** A unique-per-process suffix, so reruns against an external server never collide. */
export const RUN_TAG = Date.now().toString(36);
