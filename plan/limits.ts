/**
 * Limits a plan must stay within to run at all on Temporal, checked at validation (422 with a
 * path), never discovered by a workflow task failing forever. Pure: shared by the schema and the
 * analysis; the API may lower or raise the step limit (GOLIVE_MAX_PLAN_STEPS).
 */

const DAY_MS = 86_400_000;

/** No duration in a plan is longer than a year: longer ones are typos, or overflow timers. */
export const MAX_DURATION_MS = 365 * DAY_MS;
/** Retry intervals: a day at most between two attempts of a step. */
export const MAX_RETRY_INTERVAL_MS = DAY_MS;
/** Approvals a go/no-go gate may require. */
export const MAX_QUORUM = 1000;
/** Nesting depth of an http body. */
export const MAX_BODY_DEPTH = 32;
/** Steps in a plan (phases and rollback procedure): admits the 20,000-step plans golive is measured on. */
export const DEFAULT_MAX_PLAN_STEPS = 25_000;

/** How deeply `value` nests objects and arrays (a scalar is 0), without recursion. */
export function nestingDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, here]);
  }
  return deepest;
}

/** Steps of a raw (not yet validated) plan document: phases, contingency and rollback procedure together. */
export function rawStepCount(input: unknown): number {
  const steps = (holder: unknown) => {
    const list = holder && typeof holder === 'object' ? (holder as { steps?: unknown }).steps : undefined;
    return Array.isArray(list) ? list.length : 0;
  };
  const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const doc = input && typeof input === 'object' ? (input as { phases?: unknown; rollback?: unknown; contingency?: unknown }) : {};
  const phases = Array.isArray(doc.phases) ? doc.phases : [];
  const rollback = doc.rollback && typeof doc.rollback === 'object' ? (doc.rollback as { first?: unknown; then?: unknown }) : {};
  return phases.reduce((sum: number, phase) => sum + steps(phase), 0) + steps(doc.rollback) + count(rollback.first) + count(rollback.then) + steps(doc.contingency);
}

/**
 * How far operator messages may grow a cutover's record (plan `settings.limits` lowers or raises
 * each, up to its ceiling): its status and the state carried across continue-as-new must stay
 * within Temporal's payload limits. A real weekend stays far below every default.
 */
export const RECORD_LIMITS = {
  /** Issues reported in one cutover. */
  issues: { default: 1000, min: 1, max: 10_000 },
  /** Characters of issue text (every free-text field of every report and resolution). */
  issueChars: { default: 1_000_000, min: 1000, max: 1_000_000 },
  /** Pauses of one cutover (a resume follows a pause, so resumes are bounded too). */
  pauses: { default: 200, min: 1, max: 1000 },
  /** Retries of one step an operator may order after failures. */
  retriesPerStep: { default: 50, min: 1, max: 100 },
} as const;

export type RecordLimit = keyof typeof RECORD_LIMITS;
