/**
 * Gathers what a run report needs from Temporal: the status document with every step (paged in
 * when the plan is large), and the start input from the first event of the cutover's latest run
 * (its plan, who started it, its time scale; continue-as-new carries them over), for the cutover
 * and for a rehearsal to compare with.
 */
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { CutoverInput } from '../../workflows/cutover-input';
import type { StatusDocument } from '../../workflows/status-document';
import { MAX_STEP_PAGE } from '../../workflows/status-views';
import type { CutoverService } from '../cutover-service';
import { buildRunReport, type RunReport } from './report-model';

export class RunReports {
  constructor(
    private readonly client: Client,
    private readonly cutovers: CutoverService,
  ) {}

  /** The report of cutover `id`; `rehearsalId` names a rehearsal whose durations form a column. */
  async report(id: string, rehearsalId?: string): Promise<RunReport> {
    const run = await this.run(id);
    const rehearsal = rehearsalId ? await this.run(rehearsalId) : null;
    return buildRunReport(run.status, { start: run.start, rehearsal: rehearsal ? { status: rehearsal.status, timeScale: rehearsal.start?.timeScale } : null });
  }

  /** The status first: a missing cutover is its 404 (cutover-not-found) before its history is read. */
  private async run(id: string): Promise<{ status: StatusDocument; start: CutoverInput | null }> {
    const status = await this.fullStatus(id);
    return { status, start: await this.startInput(id) };
  }

  /** The status document with every step: the first page, then the rest page by page. */
  async fullStatus(id: string): Promise<StatusDocument> {
    const doc = await this.cutovers.status(id);
    const steps = [...doc.steps];
    for (let cursor = doc.stepsPage?.nextCursor ?? null; cursor; ) {
      const page = await this.cutovers.status(id, { cursor, limit: MAX_STEP_PAGE });
      steps.push(...page.steps);
      cursor = page.stepsPage?.nextCursor ?? null;
    }
    return { ...doc, steps, stepsPage: null };
  }

  /** The latest run's start input (one event, decoded through this client's codecs); null if unreadable. */
  async startInput(id: string): Promise<CutoverInput | null> {
    const { namespace, loadedDataConverter } = this.client.options;
    const response = await this.client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId: id }, maximumPageSize: 1 });
    const payloads = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    if (!payloads?.length) return null;
    return decodeFromPayloadsAtIndex<CutoverInput>(loadedDataConverter, 0, payloads);
  }
}
