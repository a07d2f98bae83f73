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
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Plan } from '../plan/schema';
import type { CutoverInput } from '../workflows/cutover-input';
import { statusQuery } from '../workflows/messages';
import type { CutoverMode, StatusDocument } from '../workflows/status-document';
import { ApiError } from './errors';

export const WORKFLOW_TYPE = 'cutoverWorkflow';

export interface CutoverSummary {
  id: string;
  name: string | null;
  mode: string | null;
  state: string | null;
  temporalStatus: string;
  startedAt: string;
  closedAt: string | null;
}

export class CutoverService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async start(plan: Plan, id: string, mode: CutoverMode, startedBy?: string): Promise<{ id: string; runId: string }> {
    const input: CutoverInput = { plan, mode, startedBy };
    try {
      const handle = await this.client.workflow.start(WORKFLOW_TYPE, {
        workflowId: id,
        taskQueue: this.taskQueue,
        args: [input],
        // A cutover id names one run, ever: starting it again is a mistake, not a retry.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        memo: { name: plan.name, mode, state: 'running' },
        // Shown by the Temporal UI at the top of the workflow page.
        staticSummary: `golive cutover ${plan.name} (${mode})`,
        staticDetails: plan.description,
      });
      return { id, runId: handle.firstExecutionRunId };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new ApiError(409, 'cutover-exists', `a cutover with id "${id}" already exists`);
      }
      throw err;
    }
  }

  async list(limit = 100): Promise<CutoverSummary[]> {
    const out: CutoverSummary[] = [];
    for await (const info of this.client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}'` })) {
      const memo = (info.memo ?? {}) as Record<string, unknown>;
      out.push({
        id: info.workflowId,
        name: typeof memo.name === 'string' ? memo.name : null,
        mode: typeof memo.mode === 'string' ? memo.mode : null,
        state: typeof memo.state === 'string' ? memo.state : null,
        temporalStatus: info.status.name,
        startedAt: info.startTime.toISOString(),
        closedAt: info.closeTime ? info.closeTime.toISOString() : null,
      });
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The status document. A running cutover answers the `status` query (needs a worker); a
   * closed one is read from its result or failure details, which needs no worker at all.
   */
  async status(id: string): Promise<StatusDocument> {
    const handle = this.client.workflow.getHandle(id);
    const description = await describeCutover(handle);
    if (description.status.name === 'RUNNING') return handle.query(statusQuery);
    const final = await finalStatus(handle);
    // Terminated or cancelled from outside: no result, but a worker can still replay and answer.
    return final ?? handle.query(statusQuery);
  }
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

/** Waits for the workflow to close; its status document from the result or the failure details. */
export async function finalStatus(handle: WorkflowHandle): Promise<StatusDocument | null> {
  try {
    return (await handle.result()) as StatusDocument;
  } catch (err) {
    const details = err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined;
    if (details && typeof details === 'object') return details as StatusDocument;
    if (err instanceof WorkflowFailedError) return null;
    throw err;
  }
}
