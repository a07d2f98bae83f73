/**
 * Plan validation and analysis. validatePlan runs the schema and, on the raw document, every
 * cross-reference check (ids, owners, roles, the dependency graph), so one pass reports every
 * error at once. A valid plan comes back parsed, with its analysis.
 */
import { expandDeployBlocks } from './deploy';
import { parseDuration } from './duration';
import { planError, zodIssuesToPlanErrors, type PlanError } from './errors';
import { DEFAULT_MAX_PLAN_STEPS, rawStepCount } from './limits';
import { longestPath, topologicalOrder, waves } from './graph';
import { applyParams, type ParamValue, type ParamValues } from './params';
import { referenceErrors } from './references';
import { plan as planSchema, type Plan, type Step } from './schema';

export interface PlanAnalysis {
  /** Every phase step in an order that honours dependencies: phases in order, ties by plan order. */
  order: string[];
  /** Per phase, the steps that can run together: wave k's in-phase dependencies are all in earlier waves. */
  phases: { id: string; waves: string[][] }[];
  /** The longest chain by estimate, phases run one after another (gates and checkpoints not counted). */
  criticalPath: { steps: string[]; estimateMs: number };
  /** Steps in the phases (the rollback procedure is not counted). */
  stepCount: number;
}

/** `params`: the value of every param the plan declares (given or defaulted), as the plan was filled in. */
export type PlanValidation = { ok: true; plan: Plan; analysis: PlanAnalysis; params: ParamValues } | { ok: false; errors: PlanError[] };

export interface ValidationLimits {
  /** Steps in the phases and the rollback procedure together (default DEFAULT_MAX_PLAN_STEPS). */
  maxSteps?: number;
  /** Values for the plan's params (`--param`, the API's `params`); text is typed by the declarations. */
  params?: Record<string, ParamValue>;
}

export function validatePlan(input: unknown, limits: ValidationLimits = {}): PlanValidation {
  // Checked first and alone: a plan far over the limit is not worth analysing (nor a way to stall the API).
  const maxSteps = limits.maxSteps ?? DEFAULT_MAX_PLAN_STEPS;
  const steps = rawStepCount(input);
  if (steps > maxSteps) return { ok: false, errors: [planError('out-of-range', ['phases'], `the plan has ${steps} steps (phases and rollback procedure together); at most ${maxSteps}`)] };
  // Params are filled in first and deploy blocks become steps next, so the schema and the
  // cross-references judge the steps that will run.
  const filled = applyParams(input, limits.params);
  const deployed = expandDeployBlocks(filled.input);
  const expanded = deployed.input;
  const parsed = planSchema.safeParse(expanded);
  const errors = dedupe([
    ...filled.errors,
    ...deployed.errors,
    ...(parsed.success ? [] : zodIssuesToPlanErrors(parsed.error.issues, expanded, planSchema, 'the plan')),
    ...referenceErrors(expanded),
  ]);
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, plan: parsed.data, analysis: analyzePlan(parsed.data), params: filled.values };
}

/** The analysis of a plan that passed validation (throws on a dependency cycle). */
export function analyzePlan(plan: Plan): PlanAnalysis {
  const critical = plan.phases.map((phase) => longestPath(phase.steps, stepEstimateMs));
  return {
    order: plan.phases.flatMap((phase) => {
      const result = topologicalOrder(phase.steps);
      if (!result.ok) throw new Error(`phase ${phase.id} has a dependency cycle; validate the plan first`);
      return result.order;
    }),
    phases: plan.phases.map((phase) => ({ id: phase.id, waves: waves(phase.steps) })),
    criticalPath: { steps: critical.flatMap((c) => c.path), estimateMs: critical.reduce((sum, c) => sum + c.total, 0) },
    stepCount: plan.phases.reduce((sum, phase) => sum + phase.steps.length, 0),
  };
}

/** What a step is expected to take: its `estimate`, else a wait's own duration, else 0. */
export function stepEstimateMs(step: Step): number {
  if (step.estimate !== undefined) return parseDuration(step.estimate);
  return step.kind === 'wait' ? parseDuration(step.with.duration) : 0;
}

function dedupe(errors: PlanError[]): PlanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}\u0000${e.path}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
