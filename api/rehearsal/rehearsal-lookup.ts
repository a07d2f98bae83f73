/**
 * Finding rehearsals through Temporal visibility: one query by golive's search attributes
 * (GolivePlanHash, GoliveMode, GoliveState) when the namespace has them; else, and for rehearsals
 * started before them, every cutover's memo, which carries its plan's content hash (`planHash`),
 * mode and last published state. Lookups are cached briefly: a live run's status asks on every read.
 */
import type { Client } from '@temporalio/client';
import { WORKFLOW_TYPE } from '../cutover-service';
import { listedCutovers } from '../listed-cutovers';
import type { NamespaceAttributes } from '../namespace-attributes';
import { quoted } from '../visibility-query';
import { modeAttribute, planHashAttribute, stateAttribute } from '../../workflows/search-attributes';

/** How long a lookup's answer is reused (a rehearsal completing meanwhile shows up after this). */
const CACHE_MS = 5_000;
/** Closed cutovers looked at, newest first, before giving up. */
const MAX_LISTED = 1000;
const PAGE_SIZE = 100;
const COMPLETED_CUTOVERS = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Completed'`;

export class RehearsalLookup {
  private readonly cache = new Map<string, { at: number; ref: string | null }>();

  constructor(
    private readonly client: Client,
    private readonly attributes?: NamespaceAttributes,
  ) {}

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
    return (await this.findByAttributes(planHash)) ?? (await this.findByMemo(planHash));
  }

  /** The newest completed rehearsal whose search attributes say so (none on a namespace without them). */
  private async findByAttributes(planHash: string): Promise<string | null> {
    if (!(await this.attributes?.available())) return null;
    const query = `${COMPLETED_CUTOVERS} AND ${planHashAttribute.name} = ${quoted(planHash)} AND ${modeAttribute.name} = 'rehearsal' AND ${stateAttribute.name} = 'completed'`;
    for await (const { raw } of listedCutovers(this.client, query, { pageSize: 1, limit: 1 })) return raw.execution?.workflowId ?? null;
    return null;
  }

  private async findByMemo(planHash: string): Promise<string | null> {
    for await (const { raw, info } of listedCutovers(this.client, COMPLETED_CUTOVERS, { pageSize: PAGE_SIZE, limit: MAX_LISTED })) {
      // A memo under keys this API does not hold is no rehearsal of ours to find.
      const memo = (info?.memo ?? {}) as Record<string, unknown>;
      if (memo.planHash === planHash && memo.mode === 'rehearsal' && memo.state === 'completed') return raw.execution?.workflowId ?? null;
    }
    return null;
  }
}
