/**
 * `check`: reads a value and compares it with `min` / `max` / `equals`. Out of range is a
 * retryable `CheckFailed`, so the step's retry policy polls until the system is healthy (or
 * the attempts run out and the step's onFailure applies).
 */
import { ApplicationFailure } from '@temporalio/common';
import { parseDuration } from '../plan/duration';
import { CHECK_WINDOW, metricWindow, type MetricWindow } from '../plan/metric-window';
import { describeBreach, outOfBounds } from '../plan/thresholds';
import type { StepActivities } from './contract';
import { stepActivity, withHeartbeat } from './step-context';
import { describeSource, readValue } from './value-source';

type CheckWith = Parameters<StepActivities['check']>[0]['with'];

/** `min 0, max 0.08` / `equals 1`: the expectation, for summaries. */
function describeExpectation(expected: CheckWith): string {
  const parts = (['min', 'max', 'equals'] as const).filter((bound) => expected[bound] !== undefined).map((bound) => `${bound} ${expected[bound]}`);
  return parts.length > 0 ? parts.join(', ') : 'no bounds';
}

/** Why the value is not acceptable, or undefined when it is. */
function violation(value: number, expected: CheckWith): string | undefined {
  if (expected.equals !== undefined && value !== expected.equals) return `value ${value} not equal to ${expected.equals}`;
  const breach = outOfBounds(value, expected);
  return breach && `value ${describeBreach(value, breach)}`;
}

/** A check reads now: the window ends at this attempt and reaches back the source's `window`, else CHECK_WINDOW. */
function checkWindow(source: CheckWith['source']): MetricWindow | undefined {
  return source.kind === 'http' ? metricWindow(Date.now(), parseDuration(source.window ?? CHECK_WINDOW)) : undefined;
}

export const check: StepActivities['check'] = stepActivity(async (input, log) => {
  const expected = input.with;
  const value = await withHeartbeat((signal) => readValue(expected.source, signal, checkWindow(expected.source)));
  const where = describeSource(expected.source);
  const problem = violation(value, expected);
  if (problem) throw ApplicationFailure.retryable(`${problem} (${where})`, 'CheckFailed', { value });
  log.info({ value }, 'check passed');
  return { summary: `value ${value} ok: ${describeExpectation(expected)} (${where})`, data: { value } };
});
