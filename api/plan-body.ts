/**
 * A plan as it arrives in a request: a JSON object, or YAML/JSON text (a `plan` string in a
 * JSON body, or a raw text/yaml body). Returns the validated plan or throws 422 with every error.
 */
import { validatePlan, type ParamValue, type ParamValues, type PlanAnalysis } from '../plan';
import { parsePlanText } from '../plan/load';
import type { Plan } from '../plan/schema';
import { setting } from '../workers/settings';
import { ApiError } from './errors';

/** GOLIVE_MAX_PLAN_STEPS when set; undefined means the plan model's default. */
export const maxPlanSteps = (): number | undefined => setting('GOLIVE_MAX_PLAN_STEPS');

export interface ValidatedPlan {
  plan: Plan;
  analysis: PlanAnalysis;
  /** The value of every param the plan declares. */
  params: ParamValues;
}

export function planFromRequestValue(value: unknown, maxSteps = maxPlanSteps(), params?: Record<string, ParamValue>): ValidatedPlan {
  let input = value;
  if (typeof value === 'string') {
    const parsed = parsePlanText(value, 'request body');
    if (!parsed.ok) throw new ApiError(422, 'invalid-plan', 'the plan is not valid YAML or JSON', parsed.errors);
    input = parsed.value;
  }
  const result = validatePlan(input, { maxSteps, params });
  if (!result.ok) throw new ApiError(422, 'invalid-plan', `the plan has ${result.errors.length} error(s)`, result.errors);
  return { plan: result.plan, analysis: result.analysis, params: result.params };
}
