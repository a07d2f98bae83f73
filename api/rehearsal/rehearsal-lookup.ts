/**
 * Finding rehearsals through Temporal visibility: every cutover's memo carries its plan's content
 * hash (`planHash`), mode and last published state, so the last completed rehearsal of
 * a plan is one listing away. Lookups are cached briefly: a live run's status asks on every read.
 */
import type { Client } from '@temporalio/client';
// The SDK's decoding of a listed execution (as api/cutover-service.ts uses it), one execution at a time.
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { WORKFLOW_TYPE } from '../cutover-service';


/** How long a lookup's answer is reused (a rehearsal completing meanwhile shows up after this). */
const CACHE_MS = 5_000;
/** Closed cutovers looked at, newest first, before giving up. */
const MAX_LISTED = 1000;
const PAGE_SIZE = 100;
const COMPLETED_CUTOVERS = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Completed'`;

export class RehearsalLookup {
  private readonly cache = new Map<string, { at: number; ref: string | null }>();

  constructor(private readonly client: Client) {}

  /**
   * The newest closed cutover of mode rehearsal whose plan hashes to `planHash` and that completed.
   * `fresh`: ask visibility now (a start that a rehearsal just completed for must see it).
   */
  async lastCompleted(planHash: string, options: { fresh?: boolean } = {}): Promise<string | null> {
    const cached = this.cache.get(planHash);
    if (!options.fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.ref;
    const ref = await this.find(planHash);
    this.cache.set(planHash, { at: Date.now(), ref });
    return ref;
  }

  private async find(planHash: string): Promise<string | null> {
    const { namespace, loadedDataConverter } = this.client.options;
    let nextPageToken: Uint8Array | undefined;
    for (let listed = 0; listed < MAX_LISTED; ) {
      const page = await this.client.workflowService.listWorkflowExecutions({ namespace, pageSize: PAGE_SIZE, nextPageToken, query: COMPLETED_CUTOVERS });
      for (const raw of page.executions ?? []) {
        listed += 1;
        let memo: Record<string, unknown>;
        try {
          memo = ((await executionInfoFromRaw(raw, loadedDataConverter, raw, namespace)).memo ?? {}) as Record<string, unknown>;
        } catch {
          continue; // a memo under keys this API does not hold is no rehearsal of ours to find
        }
        if (memo.planHash === planHash && memo.mode === 'rehearsal' && memo.state === 'completed') return raw.execution?.workflowId ?? null;
      }
      if (!page.nextPageToken?.length) return null;
      nextPageToken = page.nextPageToken;
    }
    return null;
  }
}
