/**
 * How far a cutover's record may grow through operator messages (plan/limits.ts RECORD_LIMITS,
 * per plan `settings.limits`). Past a limit the message is refused (409 `limit-reached`) naming it.
 * Decisions, completions, skips and rollback are never limited: the plan itself bounds them.
 */
import { RECORD_LIMITS, type RecordLimit } from '../plan/limits';
import type { Plan } from '../plan/schema';
import { reject } from './rejections';

/** The plan's limit, or the default (plans recorded before limits existed have none). */
export function recordLimit(plan: Plan, limit: RecordLimit): number {
  return plan.settings.limits?.[limit] ?? RECORD_LIMITS[limit].default;
}

/** Refuses the message when `used` + `adding` would pass the plan's `limit`. */
export function refuseOverLimit(plan: Plan, limit: RecordLimit, used: number, adding: number, what: string): void {
  const max = recordLimit(plan, limit);
  if (used + adding > max) {
    reject('limit-reached', `${what}: this cutover has reached its limit of ${max} (plan settings.limits.${limit})`);
  }
}

/** The text an issue adds to the record: every free-text field of the report and its resolution. */
export function issueTextChars(issue: {
  summary: string;
  details: string;
  callTime?: string | null;
  callerAni?: string | null;
  csrUsername?: string | null;
  screenshots: readonly string[];
  resolution?: string | null;
}): number {
  const fields = [issue.summary, issue.details, issue.callTime, issue.callerAni, issue.csrUsername, issue.resolution, ...issue.screenshots];
  return fields.reduce((sum: number, field) => sum + (field?.length ?? 0), 0);
}
