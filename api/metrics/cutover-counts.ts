/**
 * Cutovers by state and mode for the `golive_cutovers` gauge, from Temporal visibility (one
 * ListWorkflowExecutions page of 1000 per call), each cutover once (by its latest run). Each memo is decoded on its own: one this API's
 * keys cannot read (another key set, a rotated-out key) counts as `unreadable` instead of failing
 * the scrape.
 */
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../cutover-service';
import { listedCutovers } from '../listed-cutovers';
import { cutoverListQuery } from '../visibility-query';

/** Cutovers read per scrape: past 10 000 the gauge counts the newest. */
const MAX_LISTED = 10_000;
/** Closed by Temporal, not by the cutover: their memo still says what it was doing then. */
const CLOSED_OUTSIDE = new Set(['TERMINATED', 'TIMED_OUT', 'CANCELLED']);

export async function countCutovers(client: Client): Promise<Map<string, { state: string; mode: string; count: number }>> {
  const counts = new Map<string, { state: string; mode: string; count: number }>();
  const add = (state: string, mode: string) => {
    const key = `${state}\u0000${mode}`;
    const entry = counts.get(key) ?? { state, mode, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  };
  for await (const { info } of listedCutovers(client, cutoverListQuery(WORKFLOW_TYPE), { pageSize: 1000, limit: MAX_LISTED })) {
    if (!info) {
      add('unreadable', 'unknown');
      continue;
    }
    const memo = (info.memo ?? {}) as Record<string, unknown>;
    const state = CLOSED_OUTSIDE.has(info.status.name) ? info.status.name.toLowerCase() : typeof memo.state === 'string' ? memo.state : 'unknown';
    add(state, typeof memo.mode === 'string' ? memo.mode : 'unknown');
  }
  return counts;
}
