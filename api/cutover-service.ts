/**
 * Cutovers as Temporal workflows, through @temporalio/client: start, list, read status.
 * The workflow id is the cutover id. Shared by the API (and anything else holding a Client).
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowHandle,
} from '@temporalio/client';
// The SDK's decoding of a listed execution (what client.workflow.list yields); not re-exported by the package index.
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import type { ParamValues } from '../plan/params';
import type { Plan } from '../plan/schema';
import type { CutoverInput } from '../workflows/cutover-input';
import { statusQuery, summaryQuery } from '../workflows/messages';
import { defaultComms, modeLabel } from '../workflows/rehearsal';
import { currentPhaseOf, searchAttributePairs } from '../workflows/search-attribute-values';
import type { Comms, CutoverMode, StatusDocument } from '../workflows/status-document';
import { durationMultiplier } from '../workflows/time-scale';
import type { CutoverSummary as RunSummary } from '../workflows/status-summary';
import type { StatusQueryOptions } from '../workflows/status-views';
import { ApiError } from './errors';
import { DEFAULT_OPERATOR_TIMEOUT_MS, missedDeadline } from './operator-deadline';
import { cursorOf, pageTokenOf } from './list-cursor';
import { listedFields } from './listed-fields';
import { NamespaceAttributes } from './namespace-attributes';
import { planHash } from './rehearsal/plan-hash';
import { cutoverListQuery, isFiltered, type CutoverFilters } from './visibility-query';

export const WORKFLOW_TYPE = 'cutoverWorkflow';

/** What a start may carry besides the plan: params, the rehearsal clock, a rehearsal's script and source, a rehearsal override. */
export type StartExtras = { params?: ParamValues; /** The public speed-up (3600: an hour a second). */ timeScale?: number; comms?: Comms } & Pick<
  CutoverInput,
  'rehearsalOf' | 'script' | 'recordedReadings' | 'rehearsalOverride'
>;

export interface CutoverSummary {
  id: string;
  name: string | null;
  /** The plan's name (the same as `name`, from the search attributes when the namespace has them). */
  plan: string | null;
  mode: string | null;
  state: string | null;
  /** The phase under way or last reached (GolivePhase); null without search attributes. */
  phase: string | null;
  temporalStatus: string;
  startedAt: string;
  closedAt: string | null;
}

/** One page of `GET /cutovers`; `nextCursor` (null on the last page) asks for the next one. */
export interface CutoverPage {
  cutovers: CutoverSummary[];
  nextCursor: string | null;
}

export class CutoverService {
  /** Whether the namespace has golive's search attributes (checked once, cached). */
  readonly attributes: NamespaceAttributes;

  constructor(
    private readonly client: Client,
    readonly taskQueue: string,
    /** How long a status query may take before the API answers 503 (no worker answering). */
    private readonly timeoutMs = DEFAULT_OPERATOR_TIMEOUT_MS,
  ) {
    this.attributes = new NamespaceAttributes(client);
  }

  /**
   * `params`: the values the plan was filled in with (travel only when it declares some).
   * `timeScale`: the public speed-up (3600 = an hour takes a second; the API takes it for
   * rehearsals, the embedded demo for its clock), turned into the workflow's multiplier here.
   * `comms`: where notices go (default: rehearsal → test, live → on). `rehearsalOf` and `script`:
   * a rehearsal of a recorded cutover; `rehearsalOverride`: a live start without the rehearsal its
   * plan requires (api/rehearsal/rehearsal-service.ts checks that first).
   */
  async start(plan: Plan, id: string, mode: CutoverMode, startedBy?: string, extra: StartExtras = {}): Promise<{ id: string; runId: string }> {
    const { params, timeScale, comms, ...rehearsal } = extra;
    const scaled = timeScale !== undefined && timeScale !== 1 ? { timeScale: durationMultiplier(timeScale) } : {};
    const input: CutoverInput = { plan, mode, startedBy, ...(params && Object.keys(params).length > 0 ? { params } : {}), ...scaled, ...(comms ? { comms } : {}), ...rehearsal };
    const label = modeLabel({ mode, comms: comms ?? defaultComms(mode), timeScale });
    const hash = planHash(plan);
    // Only on a namespace that has them: the workflow keeps attributes current only when it starts with them.
    const visible = (await this.attributes.available())
      ? { typedSearchAttributes: searchAttributePairs({ plan: plan.name, state: 'running', mode, phase: currentPhaseOf(plan.phases, () => 'pending'), planHash: hash }) }
      : {};
    try {
      const handle = await this.client.workflow.start(WORKFLOW_TYPE, {
        workflowId: id,
        taskQueue: this.taskQueue,
        args: [input],
        // A cutover id names one run, ever: starting it again is a mistake, not a retry.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // planHash and timeScale: how rehearsals of the same plan are found again (api/rehearsal/rehearsal-lookup.ts).
        memo: { name: plan.name, mode, state: 'running', comms: comms ?? defaultComms(mode), timeScale: timeScale ?? 1, planHash: hash },
        ...visible,
        // Shown by the Temporal UI at the top of the workflow page.
        staticSummary: `golive cutover ${plan.name} (${label})`,
        staticDetails: plan.description,
      });
      return { id, runId: handle.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ApiError(409, 'cutover-exists', `a cutover with id "${id}" already exists`);
      }
      if (exceedsBlobLimit(err)) {
        throw new ApiError(413, 'plan-too-large', `the plan is too large for Temporal even compressed (its payload limit is 2 MB): split it, or shorten its longest texts`);
      }
      throw err;
    }
  }

  /**
   * One page of cutovers in Temporal's visibility order (running ones, then the most recently
   * closed): one ListWorkflowExecutions call, however many cutovers there are. `cursor` is a
   * previous page's `nextCursor` (Temporal's page token, see api/list-cursor.ts); the last page has
   * `nextCursor: null`. A cursor this API did not give out is 422 `invalid-request`. `filters`
   * (state, mode, plan) query golive's search attributes: 409 `search-attributes-missing` on a
   * namespace without them.
   */
  async list(options: { pageSize?: number; cursor?: string; filters?: CutoverFilters } = {}): Promise<CutoverPage> {
    const { namespace, loadedDataConverter } = this.client.options;
    const nextPageToken = options.cursor === undefined ? undefined : pageTokenOf(options.cursor);
    if (options.cursor !== undefined && !nextPageToken) {
      throw new ApiError(422, 'invalid-request', 'invalid query', [
        { code: 'invalid-value', path: 'cursor', message: 'cursor is not one this API gave out: pass the nextCursor of a previous page, or no cursor for the first page' },
      ]);
    }
    const filters = options.filters ?? {};
    if (isFiltered(filters)) await this.attributes.require();
    const response = await this.client.workflowService.listWorkflowExecutions({
      namespace,
      pageSize: options.pageSize ?? 100,
      nextPageToken,
      query: cutoverListQuery(WORKFLOW_TYPE, filters),
    });
    // The SDK's own decoding (client.workflow.list uses it): memo through the data converter.
    const cutovers = await Promise.all(
      (response.executions ?? []).map(async (raw): Promise<CutoverSummary> => {
        // A memo this API cannot decode (written under other payload keys) leaves name, mode and state null, not the whole list failing.
        // (A protobuf message keeps its defaults on its prototype: the copy keeps it.)
        const info = await executionInfoFromRaw(raw, loadedDataConverter, raw, namespace).catch(() => executionInfoFromRaw(Object.assign(Object.create(Object.getPrototypeOf(raw)), raw, { memo: null }), loadedDataConverter, raw, namespace));
        return {
          id: info.workflowId,
          ...listedFields(info),
          temporalStatus: info.status.name,
          startedAt: info.startTime.toISOString(),
          closedAt: info.closeTime ? info.closeTime.toISOString() : null,
        };
      }),
    );
    const token = response.nextPageToken;
    return { cutovers, nextCursor: token && token.length > 0 ? cursorOf(token) : null };
  }

  /**
   * The status document, steps paged or selected by `options` (every step of a small plan by
   * default). Answered by the workflow's `status` query, which needs a worker (a closed cutover
   * is replayed from its last run's history, which continue-as-new keeps short).
   */
  async status(id: string, options: StatusQueryOptions = {}): Promise<StatusDocument> {
    return this.ask(id, (handle) => handle.query(statusQuery, options));
  }

  /** The small summary: state, step counts, what the cutover waits for. */
  async summary(id: string): Promise<RunSummary> {
    return this.ask(id, (handle) => handle.query(summaryQuery));
  }

  /** A query answered within the operator deadline, or 503 with what the cutover last published. */
  private async ask<T>(id: string, query: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.client.workflow.getHandle(id);
    const description = await describeCutover(handle);
    const deadline = Date.now() + this.timeoutMs;
    try {
      return await this.client.withDeadline(deadline, () => query(handle));
    } catch (err) {
      if (!missedDeadline(err, deadline)) throw err;
      const memo = (description.memo ?? {}) as Record<string, unknown>;
      throw new ApiError(
        503,
        'no-worker',
        `cutover ${id} did not answer within ${this.timeoutMs / 1000} s: is a golive worker polling task queue ${description.taskQueue}? Last published state: ${String(memo.state ?? 'unknown')}`,
        { state: memo.state ?? null, temporalStatus: description.status.name, taskQueue: description.taskQueue },
      );
    }
  }
}

/** Temporal refused a payload over its blob size limit (INVALID_ARGUMENT, "Blob data size exceeds limit"). */
function exceedsBlobLimit(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (/blob data size exceeds limit/i.test(e.message) || /blob data size exceeds limit/i.test(String((e as { details?: unknown }).details ?? ''))) return true;
  }
  return false;
}

/** The cutover's workflow description; 404 `cutover-not-found` when no cutover has that id. */
export async function describeCutover(handle: WorkflowHandle): Promise<WorkflowExecutionDescription> {
  const notFound = () => new ApiError(404, 'cutover-not-found', `no cutover with id "${handle.workflowId}"`);
  let description: WorkflowExecutionDescription;
  try {
    description = await handle.describe();
  } catch (err) {
    throw err instanceof WorkflowNotFoundError ? notFound() : err;
  }
  if (description.type !== WORKFLOW_TYPE) throw notFound();
  return description;
}

/** Waits for the workflow to close; its summary from the result or the failure details. */
export async function finalSummary(handle: WorkflowHandle): Promise<RunSummary | null> {
  try {
    return (await handle.result()) as RunSummary;
  } catch (err) {
    const details = err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined;
    if (details && typeof details === 'object') return details as RunSummary;
    if (err instanceof WorkflowFailedError) return null;
    throw err;
  }
}
