/** Invalid plans, one defect each: the exact code and path of the (only) error. */
import path from 'node:path';
import { validatePlan, type PlanError } from '../../plan';
import { loadPlanFile } from '../../plan/load';
import { basePlan, type RawPlan } from './fixtures/base-plan';

interface Case {
  name: string;
  change: (plan: RawPlan) => void;
  code: string;
  path: string;
  message?: string | RegExp;
}

const hypercare = (metrics: unknown[]) => ({ id: 'hypercare', checkpoints: { every: '4h', count: 12, metrics }, steps: [] });
const staticSource = { kind: 'static', value: 1 };

const cases: Case[] = [
  // What Temporal cannot run is refused here, with a path (never a workflow task failing forever).
  { name: 'zero step timeout', change: (p) => (p.phases[0].steps[0].timeout = '0s'), code: 'out-of-range', path: 'phases[0].steps[0].timeout', message: /must be longer than zero/ },
  { name: 'overflowing duration', change: (p) => (p.phases[0].steps[0].timeout = '99999999999999999999d'), code: 'out-of-range', path: 'phases[0].steps[0].timeout', message: /at most 365d/ },
  { name: 'wait longer than a year', change: (p) => (p.phases[0].steps[1].with = { duration: '400d' }), code: 'out-of-range', path: 'phases[0].steps[1].with.duration' },
  { name: 'retry interval beyond a day', change: (p) => (p.phases[0].steps[0].retry = { initialInterval: '2d' }), code: 'out-of-range', path: 'phases[0].steps[0].retry.initialInterval', message: /at most 1d/ },
  { name: 'zero retry interval', change: (p) => (p.settings = { defaultRetry: { maximumInterval: '0ms' } }), code: 'out-of-range', path: 'settings.defaultRetry.maximumInterval' },
  { name: 'zero default timeout', change: (p) => (p.settings = { defaultTimeout: '0m' }), code: 'out-of-range', path: 'settings.defaultTimeout' },
  {
    name: 'checkpoints every zero (would never sleep)',
    change: (p) => p.phases.push({ id: 'hypercare', checkpoints: { every: '0s', until: '4h', metrics: [{ id: 'm', source: { kind: 'static', value: 1 } }] }, steps: [] }),
    code: 'out-of-range',
    path: 'phases[2].checkpoints.every',
  },
  { name: 'gate quorum above the bound', change: (p) => (p.phases[1].gate = { id: 'g', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 5000 } }), code: 'out-of-range', path: 'phases[1].gate.approvers.quorum' },
  { name: 'maxParallel out of range', change: (p) => (p.settings = { maxParallel: 100000 }), code: 'out-of-range', path: 'settings.maxParallel' },
  {
    name: 'http body nested too deep',
    change: (p) => {
      let body: Record<string, unknown> = {};
      const root = body;
      for (let i = 0; i < 40; i++) body = (body.next = {}) as Record<string, unknown>;
      p.phases[1].steps[0].with = { url: 'http://127.0.0.1:7780/x', method: 'POST', body: root };
    },
    code: 'out-of-range',
    path: 'phases[1].steps[0].with.body',
    message: /nests deeper than 32 levels/,
  },
  { name: 'missing apiVersion', change: (p) => delete p.apiVersion, code: 'required', path: 'apiVersion', message: /apiVersion is required/ },
  { name: 'wrong apiVersion', change: (p) => (p.apiVersion = 'golive/v2'), code: 'invalid-value', path: 'apiVersion', message: 'apiVersion must be "golive/v1", got "golive/v2"' },
  { name: 'name is not a slug', change: (p) => (p.name = 'Test Plan'), code: 'invalid-format', path: 'name', message: /name: expected a slug.*got "Test Plan"/ },
  {
    name: 'unknown step kind',
    change: (p) => (p.phases[0].steps[0].kind = 'teleport'),
    code: 'unknown-kind',
    path: 'phases[0].steps[0].kind',
    message: /unknown kind "teleport": expected one of noop, wait, manual, http/,
  },
  {
    name: 'unknown field in a step (typo)',
    change: (p) => (p.phases[0].steps[0].timout = '1m'),
    code: 'unknown-field',
    path: 'phases[0].steps[0].timout',
    message: 'unknown field "timout" in steps[0]: did you mean "timeout"?',
  },
  { name: 'unknown field at the root', change: (p) => (p.owner = 'me'), code: 'unknown-field', path: 'owner', message: /expected one of apiVersion, name/ },
  {
    name: 'bad duration in timeout',
    change: (p) => (p.phases[0].steps[0].timeout = '10 minutes'),
    code: 'bad-duration',
    path: 'phases[0].steps[0].timeout',
    message: 'timeout: expected a duration such as 90s, 10m or 4h; got "10 minutes"',
  },
  { name: 'bad duration in wait', change: (p) => (p.phases[0].steps[1].with = { duration: 'soon' }), code: 'bad-duration', path: 'phases[0].steps[1].with.duration' },
  { name: 'wait without `with`', change: (p) => delete p.phases[0].steps[1].with, code: 'required', path: 'phases[0].steps[1].with', message: 'with is required: expected an object' },
  { name: 'dependsOn is not a list', change: (p) => (p.phases[0].steps[1].dependsOn = 'a'), code: 'invalid-type', path: 'phases[0].steps[1].dependsOn', message: 'dependsOn must be a list, got "a"' },
  { name: 'unknown priority', change: (p) => (p.phases[0].steps[0].priority = 'urgent'), code: 'invalid-value', path: 'phases[0].steps[0].priority' },
  {
    name: 'duplicate step id across phases',
    change: (p) => p.phases[1].steps.push({ id: 'a', kind: 'noop' }),
    code: 'duplicate-id',
    path: 'phases[1].steps[2].id',
    message: 'step id "a" is already used by phases[0].steps[0]',
  },
  { name: 'duplicate phase id', change: (p) => (p.phases[1].id = 'pre'), code: 'duplicate-id', path: 'phases[1].id', message: 'phase id "pre" is already used by phases[0]' },
  {
    name: 'duplicate metric id in one checkpoint block',
    change: (p) => p.phases.push(hypercare([{ id: 'aht', source: staticSource }, { id: 'aht', source: staticSource }])),
    code: 'duplicate-id',
    path: 'phases[2].checkpoints.metrics[1].id',
  },
  {
    name: 'checkpoints without count or until',
    change: (p) => {
      const phase = hypercare([{ id: 'aht', source: staticSource, max: 400 }]);
      delete (phase.checkpoints as { count?: number }).count;
      p.phases.push(phase);
    },
    code: 'required',
    path: 'phases[2].checkpoints.count',
  },
  {
    name: 'checkpoint approver that is not a role',
    change: (p) => p.phases.push({ ...hypercare([{ id: 'aht', source: staticSource, max: 400 }]), checkpoints: { every: '4h', count: 2, metrics: [{ id: 'aht', source: staticSource, max: 400 }], approvers: { roles: ['ceo'] } } }),
    code: 'unknown-role',
    path: 'phases[2].checkpoints.approvers.roles[0]',
  },
  {
    name: 'unknown dependency',
    change: (p) => (p.phases[0].steps[1].dependsOn = ['aa']),
    code: 'unknown-dependency',
    path: 'phases[0].steps[1].dependsOn[0]',
    message: 'step "b" depends on "aa", but no step has that id (did you mean "a"?)',
  },
  { name: 'self-dependency', change: (p) => (p.phases[0].steps[1].dependsOn = ['a', 'b']), code: 'self-dependency', path: 'phases[0].steps[1].dependsOn[1]' },
  {
    name: '2-cycle',
    change: (p) => (p.phases[0].steps[0].dependsOn = ['b']),
    code: 'cycle',
    path: 'phases[0].steps[0].dependsOn[0]',
    message: 'dependency cycle: a -> b -> a (each step depends on the next)',
  },
  {
    name: '3-cycle',
    change: (p) => {
      p.phases[0].steps = [
        { id: 'a', kind: 'noop', dependsOn: ['b'] },
        { id: 'b', kind: 'noop', dependsOn: ['c'] },
        { id: 'c0', kind: 'noop' },
        { id: 'c', kind: 'noop', dependsOn: ['c0', 'a'] },
      ];
      p.phases[1].steps = [{ id: 'd', kind: 'noop', dependsOn: ['c0'] }];
    },
    code: 'cycle',
    path: 'phases[0].steps[0].dependsOn[0]',
    message: /a -> b -> c -> a/,
  },
  {
    name: 'dependency on a step of a later phase',
    change: (p) => (p.phases[0].steps[0].dependsOn = ['c']),
    code: 'dependency-in-later-phase',
    path: 'phases[0].steps[0].dependsOn[0]',
    message: 'step "a" of phase "pre" depends on "c", which only runs later, in phase "go"',
  },
  {
    name: 'unknown owner',
    change: (p) => (p.phases[0].steps[0].owner = 'dba'),
    code: 'unknown-owner',
    path: 'phases[0].steps[0].owner',
    message: 'owner "dba" is not a role of this plan; roles: cutover-lead, network',
  },
  {
    name: 'unknown approver role',
    change: (p) => (p.phases[1].gate = { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead', 'cfo'] } }),
    code: 'unknown-role',
    path: 'phases[1].gate.approvers.roles[1]',
  },
  {
    name: 'unknown stakeholder role',
    change: (p) => (p.stakeholders = [{ name: 'Cloud account team', role: 'vendor' }]),
    code: 'unknown-role',
    path: 'stakeholders[0].role',
  },
  {
    name: 'unknown notify role',
    change: (p) => (p.phases[0].steps[0] = { id: 'a', kind: 'notify', with: { message: 'starting', roles: ['netwrk'] } }),
    code: 'unknown-role',
    path: 'phases[0].steps[0].with.roles[0]',
    message: /did you mean "network"/,
  },
  {
    name: 'role name is not a slug',
    change: (p) => (p.roles = { 'cutover-lead': 'Lead', network: 'Net', 'Ops Team': 'Ops' }),
    code: 'invalid-format',
    path: 'roles["Ops Team"]',
    message: 'name "Ops Team" in roles: role names are lowercase slugs',
  },
  {
    name: 'relative threshold without a baseline',
    change: (p) => p.phases.push(hypercare([{ id: 'aht', source: staticSource, max: '+15%' }])),
    code: 'missing-baseline',
    path: 'phases[2].checkpoints.metrics[0].max',
  },
  {
    name: 'gate criterion names no step',
    change: (p) => (p.phases[1].gate = { id: 'g', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] }, criteria: { stepsSucceeded: ['nope'] } }),
    code: 'unknown-step',
    path: 'phases[1].gate.criteria.stepsSucceeded[0]',
  },
  {
    name: 'gate criterion names a step its phase has not run yet',
    change: (p) => (p.phases[1].gate = { id: 'g', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] }, criteria: { stepsSucceeded: ['a', 'c'] } }),
    code: 'dependency-in-later-phase',
    path: 'phases[1].gate.criteria.stepsSucceeded[1]',
  },
  {
    name: 'restore of a snapshot step that does not exist',
    change: (p) => (p.rollback = { steps: [{ id: 'r', kind: 'restore', with: { request: { url: 'http://127.0.0.1:7780/import' }, snapshotStep: 'export' } }] }),
    code: 'unknown-step',
    path: 'rollback.steps[0].with.snapshotStep',
  },
  {
    name: 'restore of a step that is not a snapshot',
    change: (p) => (p.rollback = { steps: [{ id: 'r', kind: 'restore', with: { request: { url: 'http://127.0.0.1:7780/import' }, snapshotStep: 'a' } }] }),
    code: 'not-a-snapshot',
    path: 'rollback.steps[0].with.snapshotStep',
  },
  {
    name: 'rollback step depends on a phase step',
    change: (p) => (p.rollback = { steps: [{ id: 'r', kind: 'noop', dependsOn: ['d'] }] }),
    code: 'rollback-dependency',
    path: 'rollback.steps[0].dependsOn[0]',
  },
  { name: 'http with a non-http url', change: (p) => (p.phases[1].steps[0].with = { url: 'ftp://example.com/x' }), code: 'invalid-format', path: 'phases[1].steps[0].with.url' },
  {
    name: 'http with a bad method',
    change: (p) => (p.phases[1].steps[0].with = { url: 'http://127.0.0.1:7780/', method: 'FETCH' }),
    code: 'invalid-value',
    path: 'phases[1].steps[0].with.method',
    message: /method must be one of "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", got "FETCH"/,
  },
  {
    name: 'http expectStatus out of range',
    change: (p) => (p.phases[1].steps[0].with = { url: 'http://127.0.0.1:7780/', expectStatus: 700 }),
    code: 'out-of-range',
    path: 'phases[1].steps[0].with.expectStatus',
    message: 'expectStatus must be <= 599, got number 700',
  },
  {
    name: 'http expectStatus of the wrong type',
    change: (p) => (p.phases[1].steps[0].with = { url: 'http://127.0.0.1:7780/', expectStatus: '200' }),
    code: 'invalid-type',
    path: 'phases[1].steps[0].with.expectStatus',
    message: 'expectStatus must be a number or a list, got "200"',
  },
  { name: 'empty phases', change: (p) => (p.phases = []), code: 'out-of-range', path: 'phases', message: 'phases must have at least 1 item, got 0' },
  { name: 'step id with a space', change: (p) => p.phases[1].steps.push({ id: 'bad id', kind: 'noop' }), code: 'invalid-format', path: 'phases[1].steps[2].id' },
  { name: 'step that is not an object', change: (p) => (p.phases[1].steps[1] = 'deploy' as never), code: 'invalid-type', path: 'phases[1].steps[1]' },
];

const brief = (errors: PlanError[]) => errors.map(({ code, path }) => ({ code, path }));

describe('one defect, one error with the exact code and path', () => {
  it('the base plan is valid', () => {
    expect(validatePlan(basePlan())).toMatchObject({ ok: true });
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const plan = basePlan();
    c.change(plan);
    const result = validatePlan(plan);
    if (result.ok) throw new Error('expected the plan to be invalid');
    expect(brief(result.errors)).toEqual([{ code: c.code, path: c.path }]);
    if (typeof c.message === 'string') expect(result.errors[0].message).toBe(c.message);
    else if (c.message) expect(result.errors[0].message).toMatch(c.message);
  });

  it('has at least 20 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
});

describe('every error at once', () => {
  it('reports schema and cross-reference errors of one file together', async () => {
    const parsed = await loadPlanFile(path.join(__dirname, 'fixtures/broken.yaml'));
    if (!parsed.ok) throw new Error('fixture should parse');
    const result = validatePlan(parsed.value);
    if (result.ok) throw new Error('expected errors');
    expect(brief(result.errors)).toEqual([
      { code: 'invalid-value', path: 'apiVersion' },
      { code: 'unknown-kind', path: 'phases[0].steps[0].kind' },
      { code: 'bad-duration', path: 'phases[0].steps[3].with.duration' },
      { code: 'unknown-dependency', path: 'phases[0].steps[1].dependsOn[0]' },
      { code: 'cycle', path: 'phases[0].steps[4].dependsOn[0]' },
      { code: 'unknown-owner', path: 'phases[0].steps[2].owner' },
    ]);
    expect(result.errors).toHaveLength(6);
  });

  it('reports each distinct cycle once', () => {
    const plan = basePlan();
    plan.phases[0].steps = [
      { id: 'a', kind: 'noop', dependsOn: ['b'] },
      { id: 'b', kind: 'noop', dependsOn: ['a'] },
      { id: 'x', kind: 'noop', dependsOn: ['y'] },
      { id: 'y', kind: 'noop', dependsOn: ['z'] },
      { id: 'z', kind: 'noop', dependsOn: ['x'] },
    ];
    plan.phases[1].steps.push({ id: 'p', kind: 'noop', dependsOn: ['q'] }, { id: 'q', kind: 'noop', dependsOn: ['p'] });
    const result = validatePlan(plan);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => [e.code, e.path, e.message.replace(/ \(.*/, '')])).toEqual([
      ['cycle', 'phases[0].steps[0].dependsOn[0]', 'dependency cycle: a -> b -> a'],
      ['cycle', 'phases[0].steps[2].dependsOn[0]', 'dependency cycle: x -> y -> z -> x'],
      ['cycle', 'phases[1].steps[2].dependsOn[0]', 'dependency cycle: p -> q -> p'],
    ]);
  });

  it('still checks references when the document is only partly well-formed', () => {
    const result = validatePlan({ name: 'x', phases: [{ id: 'p', steps: [{ id: 'a', kind: 'noop', dependsOn: ['missing', 7] }, 'junk'] }] });
    if (result.ok) throw new Error('expected errors');
    expect(brief(result.errors)).toEqual([
      { code: 'required', path: 'apiVersion' },
      { code: 'invalid-type', path: 'phases[0].steps[0].dependsOn[1]' },
      { code: 'invalid-type', path: 'phases[0].steps[1]' },
      { code: 'unknown-dependency', path: 'phases[0].steps[0].dependsOn[0]' },
    ]);
  });

  it('answers input that is not a plan at all', () => {
    expect(validatePlan(null)).toEqual({ ok: false, errors: [{ code: 'invalid-type', path: '', message: 'the plan must be an object, got null' }] });
    expect(validatePlan([])).toMatchObject({ ok: false, errors: [{ code: 'invalid-type', path: '' }] });
  });
});

// Found by the property-based plan suite: String() of a kind with a "toString" field of its own threw a TypeError.
test('a restore of a step whose kind is an object with its own toString: typed errors, no TypeError', () => {
  const plan = basePlan();
  plan.phases[0].steps[0].kind = { toString: null };
  plan.phases[0].steps.push({ id: 'r', kind: 'restore', with: { request: { url: 'http://127.0.0.1:7780/import' }, snapshotStep: 'a' } });
  const result = validatePlan(plan);
  if (result.ok) throw new Error('expected errors');
  expect(result.errors).toContainEqual({ code: 'not-a-snapshot', path: 'phases[0].steps[2].with.snapshotStep', message: 'snapshotStep "a" is a step of kind an object; expected a snapshot step' });
});
