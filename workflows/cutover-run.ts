/**
 * One running cutover as the workflow's modules share it: the plan, the record, workflow time,
 * roster notices, pause and rollback requests. Workflow code (deterministic).
 */
import {
  CancellationScope,
  condition,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { NoticeInput, SupportActivities } from '../activities/contract';
import { parseDuration } from '../plan/duration';
import type { Plan, Stakeholder, Step } from '../plan/schema';
import type { CutoverInput } from './cutover-input';
import type { MessageSource } from './message-schemas';
import { reject } from './rejections';
import { RunState } from './run-state';
import { currentDetailsMarkdown } from './summary';

export interface Actor {
  operator: string;
  roles: string[];
  source: MessageSource;
}

/** golive itself, for automatic decisions (timeouts, checkpoints within thresholds, onFailure). */
export const AUTO: Actor = { operator: 'golive', roles: [], source: 'auto' };

/** Notices are best effort: a webhook that is down must not hold up the cutover for long. */
const notices = proxyActivities<SupportActivities>({
  summary: 'roster notice',
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 5, initialInterval: '1s', backoffCoefficient: 2 },
});

export class CutoverRun {
  readonly plan: Plan;
  readonly state: RunState;
  readonly timeScale: number;
  /** Every step of the plan, its phases' and its rollback procedure's, by id. */
  private readonly planSteps: Map<string, Step>;
  private lastMemoState: string;
  private noticeCount = 0;
  private readonly pendingNotices: Promise<unknown>[] = [];
  /** The scope of the forward run (phases); cancelled when a rollback is requested. */
  forwardScope?: CancellationScope;

  constructor(readonly input: CutoverInput) {
    this.plan = input.plan;
    this.timeScale = input.timeScale ?? 1;
    this.planSteps = new Map([...this.plan.phases.flatMap((phase) => phase.steps), ...(this.plan.rollback?.steps ?? [])].map((step) => [step.id, step]));
    this.state = new RunState(workflowInfo().workflowId, input, this.now());
    this.lastMemoState = this.state.doc.state;
  }

  get id(): string {
    return this.state.doc.id;
  }

  planStep(id: string): Step | undefined {
    return this.planSteps.get(id);
  }

  /** Stakeholders holding one of `roles`; everyone when `roles` is empty. */
  roster(roles: readonly string[]): Stakeholder[] {
    return this.plan.stakeholders.filter((s) => roles.length === 0 || roles.includes(s.role));
  }

  /** Every operator message is refused once the cutover has ended. */
  refuseWhenFinished(): void {
    if (this.state.finished) reject('cutover-finished', `cutover ${this.id} has ended (${this.state.doc.state})`);
  }

  /** Workflow time (the SDK makes Date deterministic inside workflows). */
  now(): string {
    return new Date().toISOString();
  }

  /** A plan duration in milliseconds, scaled for rehearsals. */
  scaled(duration: string): number {
    return Math.max(1, Math.round(parseDuration(duration) * this.timeScale));
  }

  /** After every change: the Temporal UI summary, and the memo that lets the API list states. */
  changed(): void {
    this.state.refresh(this.now());
    setCurrentDetails(currentDetailsMarkdown(this.state.doc));
    if (this.state.doc.state !== this.lastMemoState) {
      this.lastMemoState = this.state.doc.state;
      upsertMemo({ state: this.state.doc.state });
    }
  }

  /** Tells the roster (stakeholders holding `roles`, everyone when empty); never blocks the run. */
  notice(event: NoticeInput['event'], message: string, roles: string[] = [], data?: Record<string, unknown>): void {
    // Histories recorded before roster notices existed have no notice activities.
    if (!patched('roster-notices')) return;
    const input: NoticeInput = { cutoverId: this.id, key: `${this.id}/notice/${++this.noticeCount}`, event, message, roles, recipients: this.roster(roles), data };
    // Outside the forward scope, so a rollback does not cancel the notice announcing it.
    const sent = CancellationScope.nonCancellable(() => notices.sendNotice(input)).catch((err: unknown) => {
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

  /** Waits while the cutover is paused (a rollback ends the pause). */
  async whilePaused(): Promise<void> {
    await condition(() => !this.state.doc.paused);
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
}

export function hasRole(actorRoles: readonly string[], allowed: readonly string[]): boolean {
  return actorRoles.includes('*') || actorRoles.some((role) => allowed.includes(role));
}
