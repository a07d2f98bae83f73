/**
 * Cutovers by state and mode for the `golive_cutovers` gauge, from Temporal visibility (one
 * ListWorkflowExecutions page of 1000 per call). Each memo is decoded on its own: one this API's
 * keys cannot read (another key set, a rotated-out key) counts as `unreadable` instead of failing
 * the scrape.
 */
import type { Client } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { WORKFLOW_TYPE } from '../cutover-service';

/** Pages read per scrape: past 10 000 cutovers the gauge counts the newest. */
const MAX_PAGES = 10;
/** Closed by Temporal, not by the cutover: their memo still says what it was doing then. */
const CLOSED_OUTSIDE = new Set(['TERMINATED', 'TIMED_OUT', 'CANCELLED']);

export async function countCutovers(client: Client): Promise<Map<string, { state: string; mode: string; count: number }>> {
  const { namespace, loadedDataConverter } = client.options;
  const counts = new Map<string, { state: string; mode: string; count: number }>();
  const add = (state: string, mode: string) => {
    const key = `${state}\u0000${mode}`;
    const entry = counts.get(key) ?? { state, mode, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  };
  let nextPageToken: Uint8Array | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await client.workflowService.listWorkflowExecutions({ namespace, pageSize: 1000, nextPageToken, query: `WorkflowType = '${WORKFLOW_TYPE}'` });
    for (const raw of response.executions ?? []) {
      try {
        const info = await executionInfoFromRaw(raw, loadedDataConverter, raw, namespace);
        const memo = (info.memo ?? {}) as Record<string, unknown>;
        const state = CLOSED_OUTSIDE.has(info.status.name) ? info.status.name.toLowerCase() : typeof memo.state === 'string' ? memo.state : 'unknown';
        add(state, typeof memo.mode === 'string' ? memo.mode : 'unknown');
      } catch {
        add('unreadable', 'unknown');
      }
    }
    if (!response.nextPageToken?.length) break;
    nextPageToken = response.nextPageToken;
  }
  return counts;
}
