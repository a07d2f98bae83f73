/**
 * Finding rehearsals through Temporal visibility: every cutover's memo carries its plan's content
 * hash (`planHash`), mode and last published state, so the last completed rehearsal of
 * a plan is one listing away. Lookups are cached briefly: a live run's status asks on every read.
 */
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../cutover-service';
import { listedCutovers } from '../listed-cutovers';

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
    for await (const { raw, info } of listedCutovers(this.client, COMPLETED_CUTOVERS, { pageSize: PAGE_SIZE, limit: MAX_LISTED })) {
      // A memo under keys this API does not hold is no rehearsal of ours to find.
      const memo = (info?.memo ?? {}) as Record<string, unknown>;
      if (memo.planHash === planHash && memo.mode === 'rehearsal' && memo.state === 'completed') return raw.execution?.workflowId ?? null;
    }
    return null;
  }
}
