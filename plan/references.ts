/**
 * Cross-reference checks of a plan: unique ids, dependencies (unknown, self, across procedure sections, later phase,
 * cycles), owners and roles, the steps that gates and restores name, and metric baselines. They read
 * the raw document defensively: whatever is not shaped right is the schema's to report, and is skipped
 * here, so validatePlan (plan/analyze.ts) reports both kinds of errors in one pass. Pure: plan/ is
 * bundled into Temporal workflow code.
 */
import { describeValue, formatPath, nearMisses, planError, type PathSegment, type PlanError } from './errors';
import { findCycles } from './graph';
import { RELATIVE_THRESHOLD } from './relative-threshold';

type Raw = Record<string, unknown>;
type Path = PathSegment[];

/** A step found in the raw document; `group` is its phase index, or a procedure section (negative). */
interface StepSite {
  id?: string;
  path: Path;
  raw: Raw;
  group: number;
  deps: { id: string; index: number }[];
}

/** Procedure sections: each its own dependency graph, run apart from the phases. */
const ROLLBACK = -1;
const CONTINGENCY = -2;
const ROLLBACK_FIRST = -3;
const SECTION_NAMES = new Map([
  [ROLLBACK, 'the rollback procedure (rollback.then)'],
  [CONTINGENCY, 'the contingency'],
  [ROLLBACK_FIRST, 'the rollback procedure (rollback.first)'],
]);
const isProcedure = (group: number) => group < 0;

interface Outline {
  raw: Raw;
  /** Undefined when `roles` is not even a map: then owners and roles cannot be judged. */
  roles?: Set<string>;
  phases: { id?: string; index: number; path: Path; raw: Raw }[];
  steps: StepSite[];
  /** The first step with each id. */
  byId: Map<string, StepSite>;
  /** Phase ids by phase index, for messages. */
  phaseIds: Map<number, string | undefined>;
  /** How many more candidate names "did you mean" may compare (see SUGGESTION_BUDGET). */
  suggestionBudget: number;
}

/**
 * A "did you mean" compares the name with every candidate. A plan with thousands of dangling references
 * among thousands of steps would make that quadratic, so one validation compares at most this many
 * candidates in all: every error is still reported, the later ones without a suggestion.
 */
const SUGGESTION_BUDGET = 250_000;
/** A plan with many roles names at most this many of them in an unknown-role message. */
const LISTED_ROLES = 20;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function outline(raw: Raw): Outline {
  const roles = raw.roles === undefined ? new Set<string>() : isRaw(raw.roles) ? new Set(Object.keys(raw.roles)) : undefined;
  const phases = list(raw.phases).flatMap((p, i) => (isRaw(p) ? [{ id: str(p.id), path: ['phases', i] as Path, raw: p, index: i }] : []));
  const steps = [
    ...phases.flatMap((phase) => stepSites(phase.raw.steps, [...phase.path, 'steps'], phase.index)),
    ...(isRaw(raw.contingency) ? stepSites(raw.contingency.steps, ['contingency', 'steps'], CONTINGENCY) : []),
    ...(isRaw(raw.rollback) ? stepSites(raw.rollback.first, ['rollback', 'first'], ROLLBACK_FIRST) : []),
    ...(isRaw(raw.rollback) ? stepSites(raw.rollback.steps, ['rollback', 'steps'], ROLLBACK) : []),
    ...(isRaw(raw.rollback) ? stepSites(raw.rollback.then, ['rollback', 'then'], ROLLBACK) : []),
  ];
  const byId = new Map<string, StepSite>();
  for (const site of steps) if (site.id !== undefined && !byId.has(site.id)) byId.set(site.id, site);
  const phaseIds = new Map(phases.map((p) => [p.index, p.id]));
  return { raw, roles, phases, steps, byId, phaseIds, suggestionBudget: SUGGESTION_BUDGET };
}

function stepSites(value: unknown, path: Path, group: number): StepSite[] {
  return list(value).flatMap((s, j) => {
    if (!isRaw(s)) return [];
    const deps = list(s.dependsOn).flatMap((d, index) => (typeof d === 'string' ? [{ id: d, index }] : []));
    return [{ id: str(s.id), path: [...path, j], raw: s, group, deps }];
  });
}

/** Every cross-reference error in the raw document `input` (none when it is not even an object). */
export function referenceErrors(input: unknown): PlanError[] {
  if (!isRaw(input)) return [];
  const plan = outline(input);
  return [
    ...duplicateIds(plan),
    ...dependencyErrors(plan),
    ...cycleErrors(plan),
    ...ownerErrors(plan),
    ...roleErrors(plan),
    ...stepReferenceErrors(plan),
    ...baselineErrors(plan),
    ...watchSpanErrors(plan),
  ];
}

/** `duplicate-id` for every later use of an id within one namespace. */
function duplicatesIn(kind: string, items: { id?: string; path: Path }[]): PlanError[] {
  const first = new Map<string, Path>();
  return items.flatMap((item) => {
    if (item.id === undefined) return [];
    const earlier = first.get(item.id);
    if (!earlier) {
      first.set(item.id, item.path);
      return [];
    }
    return [planError('duplicate-id', [...item.path, 'id'], `${kind} id "${item.id}" is already used by ${formatPath(earlier)}`)];
  });
}

function duplicateIds(plan: Outline): PlanError[] {
  const gates = plan.phases.flatMap((p) => (isRaw(p.raw.gate) ? [{ id: str(p.raw.gate.id), path: [...p.path, 'gate'] }] : []));
  const metricBlocks = plan.phases.flatMap((p) => metricBlocksOf(p).map((metrics) => metrics.map((m) => ({ id: str(m.raw.id), path: m.path }))));
  return [
    ...duplicatesIn('phase', plan.phases),
    ...duplicatesIn('step', plan.steps),
    ...duplicatesIn('gate', gates),
    ...metricBlocks.flatMap((metrics) => duplicatesIn('metric', metrics)),
  ];
}

function dependencyErrors(plan: Outline): PlanError[] {
  return plan.steps.flatMap((site) =>
    site.deps.flatMap(({ id, index }): PlanError[] => {
      const path = [...site.path, 'dependsOn', index];
      const name = `step "${site.id ?? '?'}"`;
      const target = plan.byId.get(id);
      if (id === site.id) return [planError('self-dependency', path, `${name} depends on itself`)];
      if (!target) return [planError('unknown-dependency', path, `${name} depends on "${id}", but no step has that id${didYouMean(plan, id, plan.byId)}`)];
      if (isProcedure(site.group) && target.group !== site.group) {
        return [planError('rollback-dependency', path, `${name} of ${groupName(plan, site)} depends on "${id}" of ${groupName(plan, target)}; a procedure step may only depend on steps of its own section (use \`when\` for forward steps)`)];
      }
      if (!isProcedure(site.group) && isProcedure(target.group)) {
        return [planError('rollback-dependency', path, `${name} depends on "${id}" of ${groupName(plan, target)}; phases cannot wait for the contingency or the rollback procedure`)];
      }
      if (target.group > site.group) {
        return [planError('dependency-in-later-phase', path, `${name} of ${groupName(plan, site)} depends on "${id}", which only runs later, in ${groupName(plan, target)}`)];
      }
      return [];
    }),
  );
}

/** Cycles within each phase (and each procedure section); edges across groups are judged above. */
function cycleErrors(plan: Outline): PlanError[] {
  const groups = new Map<number, StepSite[]>();
  for (const site of plan.steps) {
    if (site.id === undefined || plan.byId.get(site.id) !== site) continue;
    const group = groups.get(site.group);
    if (group) group.push(site);
    else groups.set(site.group, [site]);
  }
  return [...groups.values()].flatMap((sites) => {
    const nodes = sites.map((site) => ({
      id: site.id!,
      dependsOn: site.deps.map((d) => d.id).filter((d) => d !== site.id && plan.byId.get(d)?.group === site.group),
    }));
    return findCycles(nodes).map((cycle) => {
      const first = plan.byId.get(cycle[0])!;
      const next = cycle[1 % cycle.length];
      const entry = first.deps.find((d) => d.id === next)!;
      return planError('cycle', [...first.path, 'dependsOn', entry.index], `dependency cycle: ${[...cycle, cycle[0]].join(' -> ')} (each step depends on the next)`);
    });
  });
}

function ownerErrors(plan: Outline): PlanError[] {
  const roles = plan.roles;
  if (!roles) return [];
  return plan.steps.flatMap((site) => {
    const owner = str(site.raw.owner);
    return owner !== undefined && !roles.has(owner)
      ? [planError('unknown-owner', [...site.path, 'owner'], `owner "${owner}" is not a role of this plan${rolesHint(plan, owner, roles)}`)]
      : [];
  });
}

/** Gate, checkpoint and rollback-criterion approvers, escalation targets, notify targets, stakeholders and starters must be declared roles. */
function roleErrors(plan: Outline): PlanError[] {
  const roles = plan.roles;
  if (!roles) return [];
  const uses: { role: unknown; path: Path }[] = [
    ...plan.phases.flatMap((p) =>
      (['gate', 'checkpoints', 'watch'] as const).flatMap((holder) => {
        const block = p.raw[holder];
        const approvers = isRaw(block) && isRaw(block.approvers) ? block.approvers.roles : undefined;
        const escalateTo = isRaw(block) ? list(block.escalateTo).map((role, k) => ({ role, path: [...p.path, holder, 'escalateTo', k] })) : [];
        return [...list(approvers).map((role, k) => ({ role, path: [...p.path, holder, 'approvers', 'roles', k] })), ...escalateTo];
      }),
    ),
    ...plan.steps.flatMap((site) => list(site.raw.escalateTo).map((role, k) => ({ role, path: [...site.path, 'escalateTo', k] }))),
    ...plan.steps.flatMap((site) =>
      actionsOf(site)
        .filter((a) => a.raw.kind === 'notify' && isRaw(a.raw.with))
        .flatMap((a) => list((a.raw.with as Raw).roles).map((role, k) => ({ role, path: [...a.path, 'with', 'roles', k] }))),
    ),
    ...list(plan.raw.stakeholders).flatMap((s, k) => (isRaw(s) ? [{ role: s.role, path: ['stakeholders', k, 'role'] }] : [])),
    ...(isRaw(plan.raw.settings)
      ? (['starters', 'escalateTo'] as const).flatMap((field) => list((plan.raw.settings as Raw)[field]).map((role, k) => ({ role, path: ['settings', field, k] })))
      : []),
    ...criterionApprovers(plan.raw),
  ];
  return uses.flatMap(({ role, path }) =>
    typeof role === 'string' && !roles.has(role) ? [planError('unknown-role', path, `role "${role}" is not a role of this plan${rolesHint(plan, role, roles)}`)] : [],
  );
}

/** Who decides when an issue crosses the rollback criterion's age. */
function criterionApprovers(raw: Raw): { role: unknown; path: Path }[] {
  const criterion = isRaw(raw.rollbackCriteria) && isRaw(raw.rollbackCriteria.unresolvedIssue) ? raw.rollbackCriteria.unresolvedIssue : undefined;
  const approvers = criterion && isRaw(criterion.approvers) ? criterion.approvers.roles : undefined;
  return list(approvers).map((role, k) => ({ role, path: ['rollbackCriteria', 'unresolvedIssue', 'approvers', 'roles', k] }));
}

/** Gate criteria and restores name steps; a gate can only wait for steps of earlier phases. */
function stepReferenceErrors(plan: Outline): PlanError[] {
  const gateErrors = plan.phases.flatMap((phase) => {
    const gate = isRaw(phase.raw.gate) ? phase.raw.gate : undefined;
    const criteria = gate && isRaw(gate.criteria) ? gate.criteria : undefined;
    return list(criteria?.stepsSucceeded).flatMap((id, k): PlanError[] => {
      if (typeof id !== 'string') return [];
      const path = [...phase.path, 'gate', 'criteria', 'stepsSucceeded', k];
      const target = plan.byId.get(id);
      const name = `gate "${str(gate?.id) ?? '?'}"`;
      if (!target) return [planError('unknown-step', path, `${name} requires step "${id}", but no step has that id${didYouMean(plan, id, plan.byId)}`)];
      if (isProcedure(target.group)) return [planError('rollback-dependency', path, `${name} requires step "${id}" of ${groupName(plan, target)}; a gate can only require steps of earlier phases`)];
      if (target.group >= phase.index) {
        return [planError('dependency-in-later-phase', path, `${name} opens phase "${phase.id ?? phase.index}" but requires step "${id}" of ${groupName(plan, target)}, which runs after the gate`)];
      }
      return [];
    });
  });
  const restoreErrors = plan.steps.flatMap((site) =>
    actionsOf(site).flatMap((a): PlanError[] => {
      const snapshotStep = a.raw.kind === 'restore' && isRaw(a.raw.with) ? str(a.raw.with.snapshotStep) : undefined;
      if (snapshotStep === undefined) return [];
      const path = [...a.path, 'with', 'snapshotStep'];
      const target = plan.byId.get(snapshotStep);
      if (!target) return [planError('unknown-step', path, `snapshotStep "${snapshotStep}" names no step${didYouMean(plan, snapshotStep, plan.byId)}`)];
      if (target.raw.kind !== 'snapshot') {
        // The kind as written, whatever it is: String() of an object with a "toString" field of its own throws.
        const kind = typeof target.raw.kind === 'string' ? `a ${target.raw.kind} step` : `a step of kind ${describeValue(target.raw.kind)}`;
        return [planError('not-a-snapshot', path, `snapshotStep "${snapshotStep}" is ${kind}; expected a snapshot step`)];
      }
      return [];
    }),
  );
  return [...gateErrors, ...restoreErrors, ...conditionErrors(plan)];
}

/** A procedure step's `when.stepsSucceeded` names forward steps (the ones whose success it asks about). */
function conditionErrors(plan: Outline): PlanError[] {
  return plan.steps.flatMap((site) => {
    const when = isProcedure(site.group) && isRaw(site.raw.when) ? site.raw.when : undefined;
    return list(when?.stepsSucceeded).flatMap((id, k): PlanError[] => {
      if (typeof id !== 'string') return [];
      const path = [...site.path, 'when', 'stepsSucceeded', k];
      const target = plan.byId.get(id);
      const name = `step "${site.id ?? '?'}"`;
      if (!target) return [planError('unknown-step', path, `${name} runs when step "${id}" succeeded, but no step has that id${didYouMean(plan, id, plan.byId)}`)];
      if (isProcedure(target.group)) {
        return [planError('rollback-dependency', path, `${name} runs when "${id}" of ${groupName(plan, target)} succeeded; \`when\` names steps of the phases`)];
      }
      return [];
    });
  });
}

/** A relative threshold ("+15%", "-5pp") means nothing without the baseline it is relative to; a baseline from a step needs an http step that ran before. */
function baselineErrors(plan: Outline): PlanError[] {
  return plan.phases.flatMap((p) =>
    metricBlocksOf(p)
      .flat()
      .flatMap((m) =>
        m.raw.baseline !== undefined
          ? baselineStepErrors(plan, p.index, m)
          : (['min', 'max'] as const).flatMap((bound) => {
              const value = m.raw[bound];
              return typeof value === 'string' && RELATIVE_THRESHOLD.test(value)
                ? [planError('missing-baseline', [...m.path, bound], `${bound} "${value}" is relative to a baseline, but metric "${str(m.raw.id) ?? '?'}" has none; add baseline or use an absolute number`)]
                : [];
            }),
      ),
  );
}

/**
 * `baseline.fromStep` of a metric in phase `phaseIndex`: an http step that has run before the
 * metric is read (an earlier phase for checkpoints; a watch, which runs beside its own phase's
 * steps, may also use one of them: until it has run, the relative limits cannot be judged).
 */
function baselineStepErrors(plan: Outline, phaseIndex: number, metric: { raw: Raw; path: Path; holder: 'checkpoints' | 'watch' }): PlanError[] {
  const fromStep = isRaw(metric.raw.baseline) ? str(metric.raw.baseline.fromStep) : undefined;
  if (fromStep === undefined) return [];
  const path = [...metric.path, 'baseline', 'fromStep'];
  const name = `metric "${str(metric.raw.id) ?? '?'}"`;
  const target = plan.byId.get(fromStep);
  if (!target) return [planError('unknown-step', path, `${name} takes its baseline from step "${fromStep}", but no step has that id${didYouMean(plan, fromStep, plan.byId)}`)];
  const tooLate = metric.holder === 'watch' ? target.group > phaseIndex : target.group >= phaseIndex;
  if (target.group === ROLLBACK || tooLate) {
    const where = target.group === ROLLBACK ? 'the rollback procedure' : groupName(plan, target);
    return [planError('dependency-in-later-phase', path, `${name} takes its baseline from step "${fromStep}" of ${where}; it must be a step that runs before the metric is read`)];
  }
  if (target.raw.kind !== 'http') {
    return [planError('not-an-http-step', path, `${name} takes its baseline from step "${fromStep}", which is not an http step; only http steps record their answer`)];
  }
  return [];
}

/** A watch runs on until a phase ends: that phase must exist and not have ended before the watch starts. */
function watchSpanErrors(plan: Outline): PlanError[] {
  return plan.phases.flatMap((p): PlanError[] => {
    const until = isRaw(p.raw.watch) ? str(p.raw.watch.untilPhaseEnds) : undefined;
    if (until === undefined) return [];
    const path = [...p.path, 'watch', 'untilPhaseEnds'];
    const target = plan.phases.find((other) => other.id === until);
    if (!target) {
      const ids = new Set(plan.phases.flatMap((other) => (other.id === undefined ? [] : [other.id])));
      return [planError('unknown-phase', path, `untilPhaseEnds "${until}" names no phase${didYouMean(plan, until, ids)}`)];
    }
    if (target.index < p.index) return [planError('unknown-phase', path, `untilPhaseEnds "${until}" ends before phase "${p.id ?? p.index}", whose watch only starts with it; name this phase or a later one`)];
    return [];
  });
}

/** The metric lists of a phase's checkpoints and watch. */
function metricBlocksOf(phase: Outline['phases'][number]): { raw: Raw; path: Path; holder: 'checkpoints' | 'watch' }[][] {
  return (['checkpoints', 'watch'] as const).flatMap((holder) => {
    const block = phase.raw[holder];
    return isRaw(block) ? [list(block.metrics).flatMap((m, k) => (isRaw(m) ? [{ raw: m, path: [...phase.path, holder, 'metrics', k], holder }] : []))] : [];
  });
}

/** A step and its compensation: both are actions with a kind and a `with`. */
function actionsOf(site: StepSite): { raw: Raw; path: Path }[] {
  return [{ raw: site.raw, path: site.path }, ...(isRaw(site.raw.compensate) ? [{ raw: site.raw.compensate, path: [...site.path, 'compensate'] }] : [])];
}

function groupName(plan: Outline, site: StepSite): string {
  return SECTION_NAMES.get(site.group) ?? `phase "${plan.phaseIds.get(site.group) ?? site.group}"`;
}

function rolesHint(plan: Outline, name: string, roles: ReadonlySet<string>): string {
  if (roles.size === 0) return '; the plan declares no roles';
  const hint = didYouMean(plan, name, roles);
  if (hint) return hint;
  const listed: string[] = [];
  for (const role of roles) {
    if (listed.length === LISTED_ROLES) break;
    listed.push(role);
  }
  return `; roles: ${listed.join(', ')}${roles.size > LISTED_ROLES ? `, … (${roles.size} in all)` : ''}`;
}

/** ` (did you mean "x"?)` when a candidate is a typo away, while the plan's suggestion budget lasts. */
function didYouMean(plan: Outline, name: string, candidates: ReadonlySet<string> | ReadonlyMap<string, unknown>): string {
  if (plan.suggestionBudget < candidates.size) return '';
  plan.suggestionBudget -= candidates.size;
  const near = nearMisses(name, candidates.keys());
  return near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : '';
}
