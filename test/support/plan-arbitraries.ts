/**
 * Generated plans for the property-based suites: small plans that are often valid and otherwise
 * wrong in the ways a plan can be: duplicate ids, dangling, self, later-phase and rollback
 * references (dependencies, gate criteria, restores), cycles, unknown owners and approvers,
 * relative thresholds without a baseline. `planOf` writes the raw document; plan-oracle.ts
 * judges it independently.
 */
import fc from 'fast-check';

/** Named by nothing: a dependency on it dangles. */
export const MISSING_ID = 'zz';
export const DECLARED_ROLES = ['cutover-lead', 'network'] as const;

export interface GenStep {
  id: string;
  deps: string[];
  owner?: string;
  kind: 'noop' | 'snapshot' | 'restore';
  /** Only for a restore. */
  snapshotStep: string;
}

export interface GenMetric {
  id: string;
  baseline?: number;
  min?: number | string;
  max?: number | string;
}

export interface GenPhase {
  id: string;
  steps: GenStep[];
  gate?: { id: string; roles: string[]; stepsSucceeded: string[] };
  metrics?: GenMetric[];
}

export interface GenPlan {
  phases: GenPhase[];
  rollback?: GenStep[];
}

/** A reference before ids are known: to an earlier step (mostly), to any step, or to none. */
type Ref = { to: 'earlier' | 'any' | 'missing'; n: number };
const ref: fc.Arbitrary<Ref> = fc.record({
  to: fc.oneof({ weight: 16, arbitrary: fc.constant('earlier' as const) }, { weight: 3, arbitrary: fc.constant('any' as const) }, { weight: 1, arbitrary: fc.constant('missing' as const) }),
  n: fc.nat(),
});

interface RawStep {
  /** Usually the step's own fresh id; now and then the id of another step (a duplicate). */
  reuse?: number;
  deps: Ref[];
  owner?: string;
  kind: GenStep['kind'];
  snapshotStep: Ref;
}

const role = fc.oneof({ weight: 19, arbitrary: fc.constantFrom<string>(...DECLARED_ROLES) }, { weight: 1, arbitrary: fc.constant('ghost') });

const rawStep: fc.Arbitrary<RawStep> = fc.record(
  {
    reuse: fc.oneof({ weight: 1, arbitrary: fc.nat() }, { weight: 39, arbitrary: fc.constant(undefined) }),
    deps: fc.array(ref, { maxLength: 3 }),
    owner: role,
    kind: fc.constantFrom('noop', 'noop', 'noop', 'noop', 'snapshot', 'restore'),
    snapshotStep: ref,
  },
  { requiredKeys: ['deps', 'kind', 'snapshotStep'] },
);

const threshold = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('+15%', '-5%', '+0.5%'));

const genMetrics: fc.Arbitrary<GenMetric[]> = fc
  .array(
    fc.record(
      {
        // Mostly its own id (m<k>), now and then a duplicate.
        id: fc.oneof({ weight: 1, arbitrary: fc.constant('m0') }, { weight: 9, arbitrary: fc.constant('') }),
        baseline: fc.integer({ min: 0, max: 500 }),
        min: threshold,
        max: threshold,
      },
      { requiredKeys: ['id'] },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((metrics) => metrics.map((m, k) => ({ ...m, id: m.id || `m${k}` })));

interface RawPhase {
  dupId: boolean;
  steps: RawStep[];
  gate?: { id: string; roles: string[]; stepsSucceeded: Ref[] };
  metrics?: GenMetric[];
}

const rawPhase: fc.Arbitrary<RawPhase> = fc.record(
  {
    dupId: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 29, arbitrary: fc.constant(false) }),
    steps: fc.array(rawStep, { maxLength: 6 }),
    gate: fc.record({
      id: fc.oneof({ weight: 1, arbitrary: fc.constant('g') }, { weight: 9, arbitrary: fc.constant('') }),
      roles: fc.array(role, { minLength: 1, maxLength: 2 }),
      stepsSucceeded: fc.array(ref, { maxLength: 2 }),
    }),
    metrics: genMetrics,
  },
  { requiredKeys: ['dupId', 'steps'] },
);

/**
 * Ids fixed (fresh ones by position) and references resolved. A `clean` plan keeps only the defect
 * the DAG itself can have, a cycle: no reused ids, no dangling or cross-group references, no
 * unknown roles, restores of real snapshots. So about half the plans turn on acyclicity alone.
 */
function resolve(phases: RawPhase[], rollback: RawStep[] | undefined, clean: boolean): GenPlan {
  const all = [...phases.flatMap((p) => p.steps), ...(rollback ?? [])];
  const ids = all.map((s, g) => (!clean && s.reuse !== undefined && g > 0 ? `s${s.reuse % g}` : `s${g}`));
  const snapshots = ids.filter((_, g) => all[g].kind === 'snapshot');
  /** A reference from a step at index `at` whose group starts at `from` and ends before `to`. */
  const pick = (r: Ref, at: number, from: number, to: number): string | undefined => {
    if (clean) {
      if (r.to === 'any') return ids[from + (r.n % (to - from))];
      return at > from ? ids[from + (r.n % (at - from))] : undefined;
    }
    if (r.to === 'missing' || (r.to === 'earlier' && at === 0)) return MISSING_ID;
    return ids[r.n % (r.to === 'earlier' ? at : ids.length)];
  };
  const defined = (refs: (string | undefined)[]) => refs.filter((id): id is string => id !== undefined);
  const role = (name: string) => (clean ? DECLARED_ROLES[name.length % 2] : name);
  let g = 0;
  const group = (steps: RawStep[]): GenStep[] => {
    const from = g;
    const to = from + steps.length;
    return steps.map((s) => {
      const at = g++;
      const kind = clean && s.kind === 'restore' && snapshots.length === 0 ? 'noop' : s.kind;
      const snapshotStep = clean ? snapshots[s.snapshotStep.n % snapshots.length] : pick(s.snapshotStep, ids.length, 0, ids.length)!;
      const step: GenStep = { id: ids[at], deps: defined(s.deps.map((r) => pick(r, at, from, to))), kind, snapshotStep: snapshotStep ?? MISSING_ID };
      if (s.owner !== undefined) step.owner = role(s.owner);
      return step;
    });
  };
  return {
    phases: phases.map((p, i) => {
      const first = g;
      const phase: GenPhase = { id: !clean && p.dupId && i > 0 ? 'p0' : `p${i}`, steps: group(p.steps) };
      if (p.gate) {
        const required = defined(p.gate.stepsSucceeded.map((r) => pick({ ...r, to: r.to === 'any' && clean ? 'earlier' : r.to }, first, 0, first)));
        phase.gate = { id: p.gate.id && !clean ? p.gate.id : `g${i}`, roles: p.gate.roles.map(role), stepsSucceeded: required };
      }
      if (p.metrics) phase.metrics = clean ? p.metrics.map((m, k) => ({ ...m, id: `m${k}`, baseline: m.baseline ?? 100 })) : p.metrics;
      return phase;
    }),
    ...(rollback ? { rollback: group(rollback) } : {}),
  };
}

/** 1–3 phases and sometimes a rollback procedure; half of the plans clean but for cycles. */
export const genPlan: fc.Arbitrary<GenPlan> = fc
  .record(
    {
      phases: fc.integer({ min: 1, max: 3 }).chain((n) => fc.array(rawPhase, { minLength: n, maxLength: n })),
      rollback: fc.array(rawStep, { maxLength: 3 }),
      clean: fc.boolean(),
    },
    { requiredKeys: ['phases', 'clean'] },
  )
  .map(({ phases, rollback, clean }) => resolve(phases, rollback, clean));

function stepOf(step: GenStep): Record<string, unknown> {
  const request = { url: 'http://127.0.0.1:9/config' };
  const withByKind = { noop: undefined, snapshot: { request, label: 'config' }, restore: { request, snapshotStep: step.snapshotStep } };
  return {
    id: step.id,
    kind: step.kind,
    dependsOn: step.deps,
    ...(step.owner !== undefined ? { owner: step.owner } : {}),
    ...(withByKind[step.kind] ? { with: withByKind[step.kind] } : {}),
  };
}

/** The raw plan document (what YAML or JSON would give) of a generated plan. */
export function planOf(gen: GenPlan): Record<string, unknown> {
  return {
    apiVersion: 'golive/v1',
    name: 'generated',
    roles: Object.fromEntries(DECLARED_ROLES.map((role) => [role, role])),
    phases: gen.phases.map((phase) => ({
      id: phase.id,
      steps: phase.steps.map(stepOf),
      ...(phase.gate
        ? { gate: { id: phase.gate.id, kind: 'go-no-go', approvers: { roles: phase.gate.roles }, criteria: { stepsSucceeded: phase.gate.stepsSucceeded } } }
        : {}),
      ...(phase.metrics
        ? { checkpoints: { every: '4h', count: 2, metrics: phase.metrics.map((m) => ({ ...m, source: { kind: 'static', value: 1 } })) } }
        : {}),
    })),
    ...(gen.rollback ? { rollback: { steps: gen.rollback.map(stepOf) } } : {}),
  };
}
