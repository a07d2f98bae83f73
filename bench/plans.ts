/**
 * The plans the bench runs, as raw plan documents (what a user would POST), and the bare
 * workflow's input for the same DAG. Step ids are zero-padded so they sort in plan order.
 */
import { validatePlan } from '../plan/analyze';
import { parseDuration } from '../plan/duration';
import type { Plan, PlanInput } from '../plan/schema';
import type { BareInput, BareStep } from './bare-workflow';

export type Shape = 'chain' | 'parallel' | 'random';

export const LEAD_ROLE = 'cutover-lead';
const ROLES = { [LEAD_ROLE]: 'Bench Lead' };

const stepId = (i: number): string => `s${String(i).padStart(5, '0')}`;

function plan(name: string, phases: unknown[], maxParallel: number): PlanInput {
  return { apiVersion: 'golive/v1', name, roles: ROLES, settings: { maxParallel }, phases } as PlanInput;
}

/** A tiny seeded PRNG (mulberry32): the same random DAG on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` noop steps: a chain (each depends on the previous), all independent (parallel), or a
 * random DAG (each step depends on up to 3 random earlier steps).
 */
export function noopSteps(count: number, shape: Shape, seed = 42): { id: string; kind: 'noop'; dependsOn: string[] }[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    let dependsOn: string[] = [];
    if (shape === 'chain' && i > 0) dependsOn = [stepId(i - 1)];
    if (shape === 'random' && i > 0) {
      const deps = new Set<number>();
      const wanted = Math.floor(next() * 4);
      for (let k = 0; k < wanted; k++) deps.add(Math.floor(next() * i));
      dependsOn = [...deps].sort((a, b) => a - b).map(stepId);
    }
    return { id: stepId(i), kind: 'noop', dependsOn };
  });
}

export function noopPlan(name: string, count: number, shape: Shape, maxParallel: number): PlanInput {
  return plan(name, [{ id: 'run', steps: noopSteps(count, shape) }], maxParallel);
}

export const GATE_ID = 'go-no-go';

/** Phase 1: `count` parallel noop steps; phase 2: a go/no-go gate that `quorum` approvals would decide, then one step. */
export function gatePlan(name: string, count: number, quorum: number, maxParallel: number): PlanInput {
  return plan(
    name,
    [
      { id: 'prepare', steps: noopSteps(count, 'parallel') },
      {
        id: 'cutover',
        gate: { id: GATE_ID, kind: 'go-no-go', approvers: { roles: [LEAD_ROLE], quorum } },
        steps: [{ id: 'after-gate', kind: 'noop' }],
      },
    ],
    maxParallel,
  );
}

/** A step that calls `slowUrl` (answered late), then one that calls `nextUrl` once it succeeded. */
export function crashPlan(name: string, slowUrl: string, nextUrl: string): PlanInput {
  return plan(
    name,
    [
      {
        id: 'run',
        steps: [
          { id: 'slow', kind: 'http', with: { method: 'POST', url: slowUrl } },
          { id: 'next', kind: 'http', dependsOn: ['slow'], with: { method: 'POST', url: nextUrl } },
        ],
      },
    ],
    4,
  );
}

/** A go step, then hypercare: a checkpoint every `every` until `until`, one static metric always within. */
export function watchPlan(name: string, every: string, until: string): PlanInput {
  return plan(
    name,
    [
      { id: 'go-live', steps: [{ id: 'switch', kind: 'noop' }] },
      { id: 'hypercare', checkpoints: { every, until, metrics: [{ id: 'x', source: { kind: 'static', value: 1 }, max: 2 }] } },
    ],
    4,
  );
}

/** Validates a bench plan; a bench plan that does not validate is a bug in the bench (or in plan/). */
export function validated(raw: PlanInput): Plan {
  const result = validatePlan(raw);
  if (!result.ok) throw new Error(`bench plan ${raw.name} is invalid: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return result.plan;
}

/** The bare workflow's input for a plan's phase steps: same DAG, same timeout, same retry policy, same concurrency. */
export function bareInput(plan: Plan): BareInput {
  const { settings } = plan;
  const steps: BareStep[] = plan.phases.flatMap((phase) =>
    phase.steps.map((step) => {
      if (step.kind !== 'noop' && step.kind !== 'http') throw new Error(`the bare workflow runs noop and http steps, not ${step.kind}`);
      return { id: step.id, dependsOn: step.dependsOn, kind: step.kind, with: step.kind === 'http' ? step.with : undefined };
    }),
  );
  const retry = settings.defaultRetry;
  return {
    steps,
    maxParallel: settings.maxParallel,
    startToCloseTimeoutMs: parseDuration(settings.defaultTimeout),
    retry: {
      maximumAttempts: retry.maximumAttempts,
      initialIntervalMs: retry.initialInterval ? parseDuration(retry.initialInterval) : undefined,
      backoffCoefficient: retry.backoffCoefficient,
    },
  };
}
