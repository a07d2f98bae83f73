/**
 * Rehearsals as the API offers them: rehearse a recorded cutover (by id, or its history file) with
 * its own plan or an edited one; compare two runs; a live run's forecast against the last completed
 * rehearsal of its plan; and `requireRehearsal` (a live start refused without such a rehearsal,
 * unless an operator overrides it with a reason).
 */
import type { Client } from '@temporalio/client';
import { stepEstimateMs } from '../../plan/analyze';
import type { Plan } from '../../plan/schema';
import type { CutoverInput } from '../../workflows/cutover-input';
import type { Forecast, StatusDocument } from '../../workflows/status-document';
import { decodeHistoryPayloads } from '../../workers/history-payloads';
import { logger } from '../../workers/logger';
import type { CutoverOperations } from '../cutover-operations';
import { describeCutover, type CutoverService } from '../cutover-service';
import { ApiError } from '../errors';
import { planFromRequestValue } from '../plan-body';
import { compareRuns, type Comparison } from './compare';
import { forecastOf } from './forecast';
import { planHash } from './plan-hash';
import { HistoryFormatError, readRecordedRun, type RecordedRun } from './recorded-run';
import { rehearsalSetup, type UnfitEntry } from './rehearsal-setup';
import { RehearsalLookup } from './rehearsal-lookup';

export interface RehearsalRequest {
  /** An edited plan (YAML/JSON text or an object) to rehearse instead of the recorded one. */
  plan?: unknown;
  id?: string;
  timeScale?: number;
  startedBy?: string;
}

export interface RehearsalStarted {
  id: string;
  rehearsalOf: string;
  /** Recorded messages the rehearsal makes again, and those that no longer fit the plan. */
  scripted: number;
  unfit: UnfitEntry[];
  /** How the recorded cutover ended, for the report. */
  recorded: { state: string | null; startedAt: string; endedAt: string | null };
}

/** A rehearsal's id: `<recorded id or plan name>-rehearsal-<UTC yyyymmdd-hhmmss>`. */
function rehearsalId(of: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${of.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 90)}-rehearsal-${stamp}`;
}

export class RehearsalService {
  private readonly lookup: RehearsalLookup;
  /** Status documents of completed rehearsals (they never change again), by id. */
  private readonly closedDocs = new Map<string, StatusDocument>();

  constructor(
    private readonly client: Client,
    private readonly cutovers: CutoverService,
    private readonly operations: CutoverOperations,
  ) {
    this.lookup = new RehearsalLookup(client, cutovers.attributes);
  }

  /** A recorded cutover of this API's Temporal, read from its history. */
  async recordedRun(id: string): Promise<RecordedRun> {
    const recorded = await readRecordedRun(JSON.parse(await this.operations.history(id, { decoded: true })));
    if (recorded.finalState !== null) return recorded;
    // Ended, and still delivering its last notices: the record already says how it ended.
    const doc = await this.cutovers.status(id, { limit: 1 });
    return doc.endedAt ? { ...recorded, finalState: doc.state, endedAt: doc.endedAt } : recorded;
  }

  /** A history file's recorded run (decoded with this API's codecs); 422 when it is not a cutover's history. */
  async recordedRunFromFile(history: unknown): Promise<RecordedRun> {
    try {
      return await readRecordedRun(history, this.client.options.loadedDataConverter.payloadCodecs);
    } catch (err) {
      if (err instanceof HistoryFormatError) throw new ApiError(422, 'invalid-history', err.message);
      throw err;
    }
  }

  /** Starts a rehearsal of `recorded` (named `of`): the recorded or edited plan, steps as they ran, the recorded decisions scripted. */
  async rehearse(recorded: RecordedRun, of: string, request: RehearsalRequest): Promise<RehearsalStarted> {
    const params = recorded.input.params;
    const edited = request.plan === undefined ? recorded.input.plan : planFromRequestValue(request.plan, undefined, params).plan;
    const setup = rehearsalSetup(recorded, edited);
    const { plan } = planFromRequestValue(setup.plan, undefined, params);
    const id = request.id ?? rehearsalId(of, new Date());
    await this.cutovers.start(plan, id, 'rehearsal', request.startedBy, {
      ...(params ? { params } : {}),
      ...(request.timeScale !== undefined ? { timeScale: request.timeScale } : {}),
      rehearsalOf: of,
      script: setup.script,
      ...(Object.keys(recorded.readings).length > 0 ? { recordedReadings: recorded.readings } : {}),
    });
    return {
      id,
      rehearsalOf: of,
      scripted: setup.script.length - setup.unfit.length,
      unfit: setup.unfit,
      recorded: { state: recorded.finalState, startedAt: recorded.startedAt, endedAt: recorded.endedAt },
    };
  }

  /** `a` and `b` side by side (estimates from `b`'s plan, else `a`'s). */
  async compare(a: string, b: string): Promise<Comparison> {
    const [runA, runB] = await Promise.all([this.run(a), this.run(b)]);
    const estimates = new Map<string, number>();
    for (const plan of [runA.input.plan, runB.input.plan]) {
      // Only what the plan says (an estimate, a wait's duration): no estimate is not an estimate of 0.
      for (const step of plan.phases.flatMap((p) => p.steps)) if (step.estimate !== undefined || step.kind === 'wait') estimates.set(step.id, stepEstimateMs(step));
    }
    return compareRuns({ doc: runA.doc }, { doc: runB.doc }, estimates);
  }

  /**
   * A live run's standing against the last completed rehearsal of its plan; undefined for a
   * rehearsal, an ended run, or a plan never rehearsed to completion.
   */
  async forecast(doc: StatusDocument): Promise<Forecast | undefined> {
    if (doc.mode !== 'live' || doc.endedAt) return undefined;
    try {
      return await this.forecastAgainstRehearsal(doc);
    } catch (err) {
      // A forecast is an extra: the status is answered without it.
      logger.warn({ err, cutoverId: doc.id }, 'no forecast: the rehearsal could not be read');
      return undefined;
    }
  }

  private async forecastAgainstRehearsal(doc: StatusDocument): Promise<Forecast | undefined> {
    const memo = ((await describeCutover(this.client.workflow.getHandle(doc.id))).memo ?? {}) as Record<string, unknown>;
    if (typeof memo.planHash !== 'string') return undefined;
    const rehearsalId = await this.lookup.lastCompleted(memo.planHash);
    if (!rehearsalId) return undefined;
    return forecastOf({ doc }, { id: rehearsalId, doc: await this.closedDoc(rehearsalId) }) ?? undefined;
  }

  /**
   * A live start of a plan with `requireRehearsal`: refused (409 `rehearsal-required`) unless a
   * rehearsal of the same plan completed, or `override` gives a reason (recorded in the run's actions).
   */
  async checkRequired(plan: Plan, mode: string, override: string | undefined): Promise<void> {
    if (mode !== 'live' || !plan.requireRehearsal || override) return;
    const hash = planHash(plan);
    if (await this.lookup.lastCompleted(hash, { fresh: true })) return;
    throw new ApiError(
      409,
      'rehearsal-required',
      `plan ${plan.name} requires a completed rehearsal before a live start (plan hash ${hash.slice(0, 12)}); rehearse it (mode rehearsal), or override with a reason`,
      { planHash: hash },
    );
  }

  private async closedDoc(id: string): Promise<StatusDocument> {
    const cached = this.closedDocs.get(id);
    if (cached) return cached;
    const doc = await this.cutovers.status(id);
    if (doc.endedAt) this.closedDocs.set(id, doc);
    return doc;
  }

  /** A cutover's status and its start input (the plan, the time scale), read from the first event of its latest run. */
  private async run(id: string): Promise<{ doc: StatusDocument; input: CutoverInput }> {
    const doc = await this.cutovers.status(id);
    const { namespace, loadedDataConverter } = this.client.options;
    const { history } = await this.client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId: id }, maximumPageSize: 1 });
    if (!history) throw new ApiError(404, 'cutover-not-found', `no history for cutover "${id}"`);
    await decodeHistoryPayloads(history, loadedDataConverter.payloadCodecs);
    const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) throw new ApiError(404, 'cutover-not-found', `cutover "${id}" has no start input`);
    return { doc, input: loadedDataConverter.payloadConverter.fromPayload<CutoverInput>(payload) };
  }
}
