/**
 * The histories `golive replay --open` checks: every cutover still running on golive's task queue,
 * its current run (the only one a worker will replay again), fetched from Temporal as stored. Temporal
 * is reached as a worker reaches it (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, TLS or
 * API key), so the check runs where the new workers will, with their settings.
 */
import { Client, Connection } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../api/cutover-service';
import { listedCutovers } from '../api/listed-cutovers';
import { cutoverListQuery, quoted } from '../api/visibility-query';
import type { HistorySource } from '../workers/history-replay';
import { connectionOptions, type TemporalConfig } from '../workers/temporal-config';

/** More open cutovers than this on one task queue is not a deployment golive expects. */
const MAX_OPEN = 1000;

/** Temporal could not be reached or asked; the message says where. */
export class TemporalUnreachableError extends Error {}

export const openCutoversQuery = (taskQueue: string) => `${cutoverListQuery(WORKFLOW_TYPE)} AND ExecutionStatus = 'Running' AND TaskQueue = ${quoted(taskQueue)}`;

export async function openCutoverHistories(config: TemporalConfig): Promise<HistorySource[]> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: '10s' });
  } catch (err) {
    throw new TemporalUnreachableError(`cannot reach Temporal at ${config.address}: ${(err as Error).message}`, { cause: err });
  }
  try {
    // Payloads stay encoded: the replay worker decodes them with the payload keys.
    const client = new Client({ connection, namespace: config.namespace });
    const sources: HistorySource[] = [];
    for await (const { raw } of listedCutovers(client, openCutoversQuery(config.taskQueue), { pageSize: 100, limit: MAX_OPEN })) {
      const id = raw.execution?.workflowId ?? '';
      const history = await client.workflow.getHandle(id, raw.execution?.runId ?? undefined).fetchHistory();
      sources.push({ name: `cutover ${id}`, runs: [history] });
    }
    return sources;
  } finally {
    await connection.close();
  }
}
