/**
 * One running cutover as the workflow's modules share it: the plan, the run aggregate, workflow
 * time, roster notices, pause and rollback requests, and the bookkeeping continue-as-new needs
 * (activities in flight, draining). Workflow code (deterministic).
 */
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  sleep,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { NoticeInput, SupportActivities, WaitingRef } from '../activities/contract';
import { parseDuration } from '../plan/duration';
import { procedureSteps } from '../plan/procedures';
import type { Plan, Stakeholder, Step } from '../plan/schema';
import type { CutoverInput } from './cutover-input';
import { UsedProofs } from './provenance';
import { defaultComms, routeNotice, simulatesEffects } from './rehearsal';
import { reject } from './rejections';
import type { RunSnapshot } from './run-snapshot';
import { RunState, type Actor } from './run-state';
import { currentPhaseOf } from './search-attribute-values';
import { currentDetailsMarkdown } from './status-views';
import { VisibleAttributes } from './visibility';

export type { Actor };

/** golive itself, for automatic decisions (timeouts, checkpoints within thresholds, onFailure). */
export const AUTO: Actor = { operator: 'golive', roles: [], source: 'auto', verified: true };


/** Notices are best effort: a webhook that is down must not hold up the cutover for long. */
const notices = proxyActivities<SupportActivities>({
  summary: 'roster notice',
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 5, initialInterval: '1s', backoffCoefficient: 2 },
});

type DeferredNotice = NonNullable<RunSnapshot['notices']>['deferred'][number];

export class CutoverRun {
  readonly plan: Plan;
  readonly state: RunState;
  readonly timeScale: number;
  /** 1 for the first run of the cutover, one more per continue-as-new. */
  readonly runNumber: number;
  /** Every step of the plan, its phases', contingency's and rollback procedure's, by id. */
  private readonly planSteps: Map<string, Step>;
  private lastMemoState: string;
  private noticeCount: number;
  private readonly pendingNotices: Promise<unknown>[] = [];
  /** Notices raised while draining, sent by the next run. */
  private readonly deferredNotices: DeferredNotice[];
  /** Activities scheduled and not yet settled: a run only continues as new with none. */
  private inFlight = 0;
  /** Set once this run has decided to continue as new: nothing new is started. */
  draining = false;
  /** The scope of the forward run (phases); cancelled when a rollback is requested. */
  forwardScope?: CancellationScope;
  /** Attestations already used in this run (an attested message is applied once). */
  readonly proofs = new UsedProofs();
  /** golive's search attributes on this run (plan, state, mode, phase). */
  private readonly visible = new VisibleAttributes();

  constructor(readonly input: CutoverInput) {
    this.plan = input.plan;
    this.timeScale = input.timeScale ?? 1;
    this.runNumber = input.carried?.run ?? 1;
    this.planSteps = new Map([...this.plan.phases.flatMap((phase) => phase.steps), ...procedureSteps(this.plan).map((p) => p.step)].map((step) => [step.id, step]));
    const carried = input.carried?.snapshot;
    this.state = new RunState(workflowInfo().workflowId, input, this.now(), carried, {
      everyWaitIsADecision: patched('awaiting-any-person'),
      // Decided once, when the cutover starts; a later run keeps the answer its snapshot carries.
      rules: carried?.rules ?? {
        issueRules: patched('issue-rules'),
        issueAgeTimers: this.plan.rollbackCriteria?.unresolvedIssue !== undefined && patched('issue-age-timers'),
      },
      // Decided once (the record carries it): runs from before rehearsal mode have no comms.
      comms: carried ? carried.doc.comms : patched('rehearsal') ? (input.comms ?? defaultComms(input.mode)) : undefined,
    });
    this.noticeCount = carried?.notices?.count ?? 0;
    this.deferredNotices = [];
    for (const notice of carried?.notices?.deferred ?? []) this.notice(notice.event, notice.message, notice.roles, notice.data, notice.waiting);
    this.lastMemoState = this.state.state;
  }

  get id(): string {
    return this.state.id;
  }

  /** A rehearsal that simulates effectful steps and metric sources (not one recorded before rehearsal mode). */
  get rehearsing(): boolean {
    return simulatesEffects(this.state.document);
  }

  planStep(id: string): Step | undefined {
    return this.planSteps.get(id);
  }

  /** Stakeholders holding one of `roles`; everyone when `roles` is empty. */
  roster(roles: readonly string[]): Stakeholder[] {
    return this.plan.stakeholders.filter((s) => roles.length === 0 || roles.includes(s.role));
  }

  /** The plan's notice webhooks as a notice's field; nothing for a plan without them (older histories' inputs unchanged). */
  noticeWebhooks(): Pick<NoticeInput, 'webhooks'> {
    const webhooks = this.plan.settings.noticeWebhooks;
    return webhooks?.length ? { webhooks } : {};
  }

  /** Every operator message is refused once the cutover has ended. */
  refuseWhenFinished(): void {
    if (this.state.finished) reject('cutover-finished', `cutover ${this.id} has ended (${this.state.state})`);
  }

  /** Workflow time (the SDK makes Date deterministic inside workflows). */
  now(): string {
    return new Date().toISOString();
  }

  /** A plan duration in milliseconds, scaled for rehearsals. */
  scaled(duration: string): number {
    return Math.max(1, Math.round(parseDuration(duration) * this.timeScale));
  }

  /** Milliseconds from now until `iso` (at least 1: a timer needs a positive duration). */
  until(iso: string): number {
    return Math.max(1, Date.parse(iso) - Date.now());
  }

  /** After every change: the Temporal UI summary, the memo that lets the API list states, the search attributes that let it filter. */
  changed(): void {
    setCurrentDetails(currentDetailsMarkdown(this.state));
    if (this.state.state !== this.lastMemoState) {
      this.lastMemoState = this.state.state;
      upsertMemo({ state: this.state.state });
    }
    const phase = currentPhaseOf(this.plan.phases, (id) => this.state.phase(id).state);
    this.visible.update({ plan: this.plan.name, state: this.state.state, mode: this.input.mode, phase });
  }

  /** Step activities count themselves in flight (continue-as-new waits for none), without an extra promise. */
  activityStarted(): void {
    this.inFlight += 1;
  }

  activityEnded(): void {
    this.inFlight -= 1;
  }

  /** Counts an activity as in flight until it settles (continue-as-new waits for none). */
  track<T>(activity: Promise<T>): Promise<T> {
    this.inFlight += 1;
    const settled = () => {
      this.inFlight -= 1;
    };
    // A side branch, and the activity's own promise returned: the caller's continuations run
    // exactly when they did before this bookkeeping existed (replays of older histories).
    activity.then(settled, settled);
    return activity;
  }

  /** Before starting an activity: while draining, never (the next run starts it). */
  async beforeActivity(): Promise<void> {
    if (this.draining) await condition(() => false);
  }

  /** Tells the roster (stakeholders holding `roles`, everyone when empty); never blocks the run. */
  notice(event: NoticeInput['event'], message: string, roles: string[] = [], data?: Record<string, unknown>, waiting?: WaitingRef): void {
    // Histories recorded before roster notices existed have no notice activities.
    if (!patched('roster-notices')) return;
    // While draining, a notice waits for the next run (an activity scheduled now could be cut off
    // by the continue-as-new); once the cutover has ended there is no next run.
    if (this.draining && !this.state.finished) {
      this.deferredNotices.push({ event, message, roles, data, ...(waiting ? { waiting } : {}) });
      return;
    }
    // A rehearsal labels its notices and keeps them from the roster unless its comms are on.
    const route = routeNotice(this.state.document, message);
    if (route.record) this.state.recordRehearsalNotice({ event, message: route.message, roles, sent: route.send }, this.now());
    if (!route.send) return;
    const sink = route.sink ? { sink: route.sink } : {};
    const input: NoticeInput = { cutoverId: this.id, key: `${this.id}/notice/${++this.noticeCount}`, event, message: route.message, roles, recipients: this.roster(roles), data, ...(waiting ? { waiting } : {}), ...this.noticeWebhooks(), ...sink };
    // Outside the forward scope, so a rollback does not cancel the notice announcing it.
    const sent = this.track(CancellationScope.nonCancellable(() => notices.sendNotice(input))).catch((err: unknown) => {
      log.warn('notice not delivered', { event, error: err instanceof Error ? err.message : String(err) });
    });
    this.pendingNotices.push(sent);
  }

  async noticesDelivered(): Promise<void> {
    await Promise.all(this.pendingNotices);
  }

  pause(reason: string, actor: Actor): void {
    this.state.setPaused(true, this.now());
    this.state.recordAction('pause', null, reason, actor, this.now());
    this.changed();
  }

  resume(reason: string, actor: Actor): void {
    this.state.setPaused(false, this.now());
    this.state.recordAction('resume', null, reason, actor, this.now());
    this.changed();
  }

  /** Waits while the cutover is paused (a rollback ends the pause), and forever while draining. */
  async whilePaused(): Promise<void> {
    await condition(() => !this.state.paused && !this.draining);
  }

  /** Starts a rollback: records it, tells the roster, cancels whatever the forward run is doing. */
  requestRollback(reason: string, actor: Actor): void {
    if (this.state.rollingBack || this.state.finished) return;
    this.state.startRollback(reason, actor.operator, this.now());
    this.state.recordAction('rollback', null, reason, actor, this.now());
    this.changed();
    this.notice('rollback', `Rollback started by ${actor.operator}: ${reason}`);
    this.forwardScope?.cancel();
  }

  /** Temporal suggests continuing as new, or this run's history reached the input's limit. */
  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (this.input.historyLimit !== undefined && info.historyLength >= this.input.historyLimit);
  }

  /**
   * Resolves when this run should hand over to a new one: the history is long, nothing new is
   * started any more, no activity is in flight, every message handler has finished, and one more
   * workflow task has passed so that every continuation of earlier ones has run.
   */
  async drained(): Promise<'continue-as-new'> {
    await condition(() => !this.state.finished && this.historyIsLong());
    this.draining = true;
    const quiet = () => this.inFlight === 0 && allHandlersFinished() && !this.state.finished;
    for (;;) {
      await condition(quiet);
      await sleep(1);
      if (quiet()) return 'continue-as-new';
    }
  }

  /** The input of the next run: the same plan and settings, the record so far, deferred notices. */
  carryOver(): CutoverInput {
    const snapshot = { ...this.state.snapshot(), notices: { count: this.noticeCount, deferred: this.deferredNotices } };
    return { ...this.input, carried: { snapshot, run: this.runNumber + 1 } };
  }
}
