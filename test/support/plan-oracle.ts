/**
 * The expected verdict on a generated plan (plan-arbitraries.ts), worked out from the rules in
 * the README, not from plan/references.ts: every `code path` pair except cycles, and whether a
 * phase (or the rollback procedure) has a cycle. Where an id is used twice, its first use is the
 * step that references find (plan/graph.ts documents it).
 */
import { DECLARED_ROLES, type GenPlan, type GenStep } from './plan-arbitraries';

export interface Verdict {
  /** `code path` of every error but `cycle`. */
  errors: Set<string>;
  cycle: boolean;
}

const ROLLBACK = -1;

interface Site {
  step: GenStep;
  group: number;
  path: string;
}

export function expectedVerdict(gen: GenPlan): Verdict {
  const errors = new Set<string>();
  const add = (code: string, path: string) => errors.add(`${code} ${path}`);
  const roles = new Set<string>(DECLARED_ROLES);

  const sites: Site[] = [
    ...gen.phases.flatMap((phase, i) => phase.steps.map((step, j) => ({ step, group: i, path: `phases[${i}].steps[${j}]` }))),
    ...(gen.rollback ?? []).map((step, j) => ({ step, group: ROLLBACK, path: `rollback.steps[${j}]` })),
  ];
  const byId = new Map<string, Site>();
  for (const site of sites) if (!byId.has(site.step.id)) byId.set(site.step.id, site);

  const duplicates = (items: { id: string; path: string }[]) => {
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) add('duplicate-id', `${item.path}.id`);
      seen.add(item.id);
    }
  };
  duplicates(gen.phases.map((p, i) => ({ id: p.id, path: `phases[${i}]` })));
  duplicates(sites.map((s) => ({ id: s.step.id, path: s.path })));
  duplicates(gen.phases.flatMap((p, i) => (p.gate ? [{ id: p.gate.id, path: `phases[${i}].gate` }] : [])));
  gen.phases.forEach((p, i) => duplicates((p.metrics ?? []).map((m, k) => ({ id: m.id, path: `phases[${i}].checkpoints.metrics[${k}]` }))));

  for (const { step, group, path } of sites) {
    step.deps.forEach((dep, k) => {
      const target = byId.get(dep);
      const at = `${path}.dependsOn[${k}]`;
      if (dep === step.id) add('self-dependency', at);
      else if (!target) add('unknown-dependency', at);
      else if ((group === ROLLBACK) !== (target.group === ROLLBACK)) add('rollback-dependency', at);
      else if (target.group > group) add('dependency-in-later-phase', at);
    });
    if (step.owner !== undefined && !roles.has(step.owner)) add('unknown-owner', `${path}.owner`);
    if (step.kind === 'restore') {
      const target = byId.get(step.snapshotStep);
      if (!target) add('unknown-step', `${path}.with.snapshotStep`);
      else if (target.step.kind !== 'snapshot') add('not-a-snapshot', `${path}.with.snapshotStep`);
    }
  }

  gen.phases.forEach((phase, i) => {
    phase.gate?.roles.forEach((role, k) => {
      if (!roles.has(role)) add('unknown-role', `phases[${i}].gate.approvers.roles[${k}]`);
    });
    phase.gate?.stepsSucceeded.forEach((id, k) => {
      const target = byId.get(id);
      const at = `phases[${i}].gate.criteria.stepsSucceeded[${k}]`;
      if (!target) add('unknown-step', at);
      else if (target.group === ROLLBACK) add('rollback-dependency', at);
      else if (target.group >= i) add('dependency-in-later-phase', at);
    });
    phase.metrics?.forEach((m, k) => {
      for (const bound of ['min', 'max'] as const) {
        if (typeof m[bound] === 'string' && m.baseline === undefined) add('missing-baseline', `phases[${i}].checkpoints.metrics[${k}].${bound}`);
      }
    });
  });

  const groups = new Set(sites.map((s) => s.group));
  const cycle = [...groups].some((group) => hasCycle([...byId.values()].filter((s) => s.group === group)));
  return { errors, cycle };
}

/** Depth-first search over the in-group edges (self-dependencies are their own error, not a cycle). */
function hasCycle(group: Site[]): boolean {
  const members = new Map(group.map((s) => [s.step.id, s]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): boolean => {
    if (state.get(id) === 'done') return false;
    if (state.get(id) === 'open') return true;
    state.set(id, 'open');
    const found = members.get(id)!.step.deps.some((dep) => dep !== id && members.has(dep) && visit(dep));
    state.set(id, 'done');
    return found;
  };
  return group.some((s) => visit(s.step.id));
}
