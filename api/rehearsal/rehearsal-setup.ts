/**
 * Turns a recorded cutover into a rehearsal's start: the plan (the recorded one, or an edited one)
 * with each simulated step behaving as it did (`rehearse: {outcome, duration}` as recorded, unless
 * the plan says otherwise), and the script of recorded operator messages, each checked against
 * that plan: a message naming a gate or step the plan no longer has is kept in the script as
 * `unfit` (listed in the status and the output, never sent), not silently dropped. Pure.
 */
import { formatDuration } from '../../plan/duration';
import { procedureSteps } from '../../plan/procedures';
import type { Plan, Step } from '../../plan/schema';
import type { RehearsalScriptEntry } from '../../workflows/cutover-input';
import type { RecordedRun, RecordedStep } from './recorded-run';

/** Kinds that touch a target, so a rehearsal simulates them (notify steps follow the rehearsal's comms instead). */
const SIMULATED_KINDS = new Set<Step['kind']>(['http', 'check', 'snapshot', 'restore']);

export interface UnfitEntry {
  /** 1-based position in the script. */
  n: number;
  message: string;
  target: string | null;
  reason: string;
}

export interface RehearsalSetup {
  /** The plan to start (raw: it is validated again like any plan). */
  plan: Record<string, unknown>;
  script: RehearsalScriptEntry[];
  unfit: UnfitEntry[];
}

/**
 * The step's recorded behaviour as its `rehearse` field (a run cancelled by a rollback counts as a
 * success cut short). A simulated failure lasts its duration once per attempt: the recorded time is
 * shared among the attempts the plan allows.
 */
function rehearseOf(recorded: RecordedStep, attempts: number): { outcome: 'succeed' | 'fail'; duration: string } {
  const fails = recorded.outcome === 'fail';
  const ms = Math.max(0, Math.round(recorded.durationMs / (fails ? Math.max(1, attempts) : 1)));
  return { outcome: fails ? 'fail' : 'succeed', duration: formatDuration(ms) };
}

function withRecordedBehaviour(plan: Plan, step: Step, recorded: Map<string, RecordedStep>): Step {
  const run = recorded.get(step.id);
  if (!run || !SIMULATED_KINDS.has(step.kind) || step.rehearse !== undefined) return step;
  return { ...step, rehearse: rehearseOf(run, step.retry?.maximumAttempts ?? plan.settings.defaultRetry.maximumAttempts ?? 1) };
}

/** Why a recorded message no longer fits `plan`, or null when it does. */
export function unfitReason(plan: Plan, entry: Pick<RehearsalScriptEntry, 'message' | 'payload'>): string | null {
  const { gate, step } = entry.payload as { gate?: unknown; step?: unknown };
  if (entry.message === 'decide' && typeof gate === 'string' && !planHasGate(plan, gate)) return `gate ${gate} is not in this plan`;
  if ((entry.message === 'completeStep' || entry.message === 'answerStep' || entry.message === 'reportIssue') && typeof step === 'string') {
    const found = planStep(plan, step);
    if (!found) return `step ${step} is not in this plan (removed or renamed)`;
    if (entry.message === 'completeStep' && found.kind !== 'manual' && found.compensate?.kind !== 'manual') return `step ${step} is no longer a manual step`;
  }
  return null;
}

function planStep(plan: Plan, id: string): Step | undefined {
  return plan.phases.flatMap((phase) => phase.steps).find((s) => s.id === id) ?? procedureSteps(plan).find((p) => p.step.id === id)?.step;
}

/** Go/no-go gates by id; checkpoint, watch and issue-age gates by the ids the workflow gives them. */
function planHasGate(plan: Plan, id: string): boolean {
  if (/^issue-ISS-\d+-age$/.test(id)) return plan.rollbackCriteria?.unresolvedIssue !== undefined;
  return plan.phases.some((phase) => {
    if (phase.gate?.id === id) return true;
    const checkpoint = new RegExp(`^${escape(phase.id)}-checkpoint-(\\d+)$`).exec(id);
    if (checkpoint && phase.checkpoints) return phase.checkpoints.count === undefined || Number(checkpoint[1]) <= phase.checkpoints.count;
    return new RegExp(`^${escape(phase.id)}-watch-\\d+$`).test(id) && phase.watch !== undefined;
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rehearsal of `recorded` with `plan` (default: the recorded plan). */
export function rehearsalSetup(recorded: RecordedRun, plan: Plan = recorded.input.plan): RehearsalSetup {
  const steps = new Map(recorded.steps.map((step) => [step.id, step]));
  // Deploy blocks were expanded into steps when the plan was validated: the rehearsal keeps the steps and discovers nothing.
  const phases = plan.phases.map(({ deploy: _deploy, ...phase }) => ({ ...phase, steps: phase.steps.map((step) => withRecordedBehaviour(plan, step, steps)) }));
  const unfit: UnfitEntry[] = [];
  const script = recorded.script.map((entry, i): RehearsalScriptEntry => {
    const reason = unfitReason(plan, entry);
    if (reason === null) return entry;
    const { gate, step, issue } = entry.payload as Record<string, unknown>;
    const target = [gate, step, issue].find((t): t is string => typeof t === 'string') ?? null;
    unfit.push({ n: i + 1, message: entry.message, target, reason });
    return { ...entry, unfit: reason };
  });
  return { plan: { ...plan, phases }, script, unfit };
}
