/**
 * Baselines taken from a step's recorded answer (`baseline: {fromStep, path | value}`): the
 * pre-cutover step that read the legacy platform's analytics. The workflow resolves them before
 * judging a checkpoint; the step must have succeeded and recorded its answer (the http activity
 * records it only for steps a baseline reads, see readsAnswerOf). Pure, deterministic.
 */
import { describeReading, readAnswer } from './metric-expression';
import type { BaselineFromStep, Metric, Plan } from './schema';
import type { ResolvedBaseline } from './thresholds';

/** What the workflow knows of a step: its state and recorded result. */
export interface StepRecord {
  state: string;
  result?: unknown;
}

function fromStep(metric: Metric): BaselineFromStep | undefined {
  return typeof metric.baseline === 'object' ? metric.baseline : undefined;
}

/** Does any checkpoint or watch metric of the plan take its baseline from step `stepId`'s answer? */
export function readsAnswerOf(plan: Plan, stepId: string): boolean {
  const reads = (metrics: readonly Metric[] | undefined) => metrics?.some((metric) => fromStep(metric)?.fromStep === stepId) ?? false;
  return plan.phases.some((phase) => reads(phase.checkpoints?.metrics) || reads(phase.watch?.metrics));
}

function resolve(baseline: BaselineFromStep, step: StepRecord | undefined): ResolvedBaseline {
  const name = `step ${baseline.fromStep}`;
  if (!step) return { error: `${name} is not in this cutover` };
  if (step.state !== 'succeeded') return { error: `${name} has not succeeded (it is ${step.state})` };
  const data = (step.result as { data?: { response?: unknown; responseOmitted?: string } } | null | undefined)?.data;
  if (data?.response === undefined) return { error: `${name} recorded no answer${data?.responseOmitted ? `: ${data.responseOmitted}` : ''}` };
  try {
    return { value: readAnswer(baseline, data.response) };
  } catch (err) {
    return { error: `${name}'s answer, ${describeReading(baseline)}: ${(err as Error).message}` };
  }
}

/** Every step-sourced baseline of `metrics`, by metric id (metrics with a number or no baseline are left out). */
export function resolveBaselines(metrics: readonly Metric[], stepOf: (id: string) => StepRecord | undefined): Record<string, ResolvedBaseline> {
  const resolved: Record<string, ResolvedBaseline> = {};
  for (const metric of metrics) {
    const baseline = fromStep(metric);
    if (baseline) resolved[metric.id] = resolve(baseline, stepOf(baseline.fromStep));
  }
  return resolved;
}
