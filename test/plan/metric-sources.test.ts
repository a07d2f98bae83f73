/**
 * Contact-center metrics without Temporal: value expressions over paths (Genesys Cloud's
 * aggregates), percentage-point limits, baselines from a step's answer, and the plan errors
 * that name the field.
 */
import { validatePlan } from '../../plan';
import { resolveBaselines } from '../../plan/baselines';
import { evaluateExpression, parseExpression, readAnswer } from '../../plan/metric-expression';
import { fillWindow, metricWindow } from '../../plan/metric-window';
import type { Metric } from '../../plan/schema';
import { evaluateCheckpoint, evaluateMetric } from '../../plan/thresholds';
import { parseValuePath, selectAll } from '../../plan/value-path';
import { basePlan } from './fixtures/base-plan';

/** Genesys Cloud's conversation aggregates: two groups, the second with two intervals. */
const aggregates = {
  results: [
    { group: { mediaType: 'voice' }, data: [{ interval: 'i1', metrics: [{ metric: 'tHandle', stats: { sum: 300_000, count: 1 } }, { metric: 'nOffered', stats: { count: 4 } }] }] },
    {
      group: { mediaType: 'callback' },
      data: [
        { interval: 'i1', metrics: [{ metric: 'tHandle', stats: { sum: 200_000, count: 2 } }] },
        { interval: 'i2', metrics: [{ metric: 'tHandle', stats: { sum: '100000', count: 1 } }, { metric: 'oServiceLevel', stats: { numerator: 3, denominator: 0 } }] },
      ],
    },
  ],
};
const HANDLE = 'results[*].data[*].metrics[metric=tHandle].stats';
const value = (expression: string, document: unknown = aggregates) => evaluateExpression(parseExpression(expression), document);

describe('value expressions', () => {
  it('computes average handle time over every group and interval', () => {
    expect(value(`sum(${HANDLE}.sum) / sum(${HANDLE}.count)`)).toBe(150_000);
    expect(value(`sum(${HANDLE}.sum) / sum(${HANDLE}.count) / 1000`)).toBe(150);
  });

  it('has the usual precedence, parentheses, unary minus and the five functions', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('-2 * -3')).toBe(6);
    expect(value(`count(${HANDLE}.sum)`)).toBe(3);
    expect(value(`avg(${HANDLE}.count)`)).toBeCloseTo(4 / 3);
    expect(value(`min(${HANDLE}.sum)`)).toBe(100_000);
    expect(value(`max(${HANDLE}.sum, 999999)`)).toBe(999_999);
    expect(value('results[0].data[0].metrics[metric=nOffered].stats.count')).toBe(4);
  });

  it('matches selectors as text, and [*] only over lists', () => {
    expect(selectAll({ items: [{ id: 7, v: 1 }, { id: '7', v: 2 }, { id: 8, v: 3 }] }, parseValuePath('items[id=7].v'))).toEqual([1, 2]);
    expect(() => selectAll({ items: { a: 1 } }, parseValuePath('items[*]'))).toThrow('nothing at items[*]');
    const connect = { MetricResults: [{ Collections: [{ Metric: { Name: 'SERVICE_LEVEL' }, Value: 81.5 }, { Metric: { Name: 'ABANDONMENT_RATE' }, Value: 3.2 }] }] };
    expect(value('stats["service-level"] - stats["service level"]', { stats: { 'service-level': 0.9, 'service level': 0.5 } })).toBeCloseTo(0.4);
    expect(() => value('stats["a.b"]', { stats: {} })).toThrow('nothing at stats["a.b"]');
    expect(readAnswer({ path: 'MetricResults[0].Collections[Metric.Name=ABANDONMENT_RATE].Value' }, connect)).toBe(3.2);
  });

  it.each([
    [`sum(results[*].data[*].metrics[metric=tTalk].stats.sum)`, 'nothing at results[*].data[*].metrics[metric=tTalk]'],
    [`${HANDLE}.sum / 2`, `${HANDLE}.sum matches 3 values; wrap it in sum(), avg(), min(), max() or count()`],
    ['sum(results[1].data[1].metrics[metric=oServiceLevel].stats.numerator) / results[1].data[1].metrics[metric=oServiceLevel].stats.denominator', 'division by zero: results[1].data[1].metrics[metric=oServiceLevel].stats.denominator is 0'],
    ['results[0].group.mediaType', 'not a finite number: "voice" at results[0].group.mediaType'],
  ])('%s is unreadable, not zero', (expression, why) => {
    expect(() => value(expression)).toThrow(why);
  });

  it.each([
    ['sum(a', 'expected ")" at character 6'],
    ['a +', 'expected a number, a path or "(", found the end at character 4'],
    ['median(a)', 'unknown function "median" (known: sum, count, avg, min, max) at character 1'],
    ['a b', 'unexpected "b" at character 3'],
    ['a[x]', 'bad path "a[x]" at character 2'],
    ['('.repeat(40) + '1' + ')'.repeat(40), 'nested deeper than 32 levels'],
  ])('refuses %s with the character', (expression, why) => {
    expect(() => parseExpression(expression)).toThrow(why);
  });

  it('reads one path, and asks for a function when it matches several', () => {
    expect(readAnswer({ path: 'results[0].data[0].metrics[metric=tHandle].stats.sum' }, aggregates)).toBe(300_000);
    expect(() => readAnswer({ path: `${HANDLE}.sum` }, aggregates)).toThrow(`matches 3 values; use value: "sum(${HANDLE}.sum)"`);
  });
});

describe('the evaluation window', () => {
  it('ends at the evaluation and fills URL and body placeholders with ISO-8601 times', () => {
    const window = metricWindow(Date.parse('2026-12-05T02:00:00Z'), 15 * 60_000);
    expect(window).toEqual({ start: '2026-12-05T01:45:00.000Z', end: '2026-12-05T02:00:00.000Z' });
    expect(fillWindow('{"interval":"{{window.start}}/{{ window.end }}"}', window)).toBe('{"interval":"2026-12-05T01:45:00.000Z/2026-12-05T02:00:00.000Z"}');
  });
});

describe('percentage points and baselines from a step', () => {
  const source = { kind: 'static', value: 0 } as const;

  it('adds points on the ratio scale (1pp = 0.01) or the percent scale (1pp = 1)', () => {
    const ratio: Metric = { id: 'service-level', source, baseline: 0.82, min: '-5pp', max: '+2pp' };
    expect(evaluateMetric(ratio, 0.78)).toEqual({ id: 'service-level', value: 0.78, baseline: 0.82, min: 0.77, max: 0.84, breached: false });
    expect(evaluateMetric(ratio, 0.76)).toMatchObject({ breached: true, reason: 'service-level 0.76 below min 0.77 (-5pp of baseline 0.82)' });
    const percent: Metric = { id: 'abandon', source, baseline: 4, max: '+2pp', scale: 'percent' };
    expect(evaluateMetric(percent, 6)).toMatchObject({ max: 6, breached: false });
    expect(evaluateMetric(percent, 6.5)).toMatchObject({ breached: true, reason: 'abandon 6.5 above max 6 (+2pp of baseline 4)' });
  });

  const aht: Metric = { id: 'aht', source, baseline: { fromStep: 'legacy', path: 'aht' }, max: '+15%' };
  const level: Metric = { id: 'service-level', source, baseline: { fromStep: 'legacy', value: 'serviceLevel * 1' }, min: '-5pp' };
  const answered = { state: 'succeeded', result: { summary: 'POST … -> 200', data: { status: 200, response: { aht: 320, serviceLevel: 0.82 } } } };

  it('resolves the baseline from the step and judges against it', () => {
    const baselines = resolveBaselines([aht, level], (id) => (id === 'legacy' ? answered : undefined));
    expect(baselines).toEqual({ aht: { value: 320 }, 'service-level': { value: 0.82 } });
    const { evaluations, breached } = evaluateCheckpoint([aht, level], [{ id: 'aht', value: 370 }, { id: 'service-level', value: 0.8 }], baselines);
    expect(breached).toBe(true);
    expect(evaluations[0]).toMatchObject({ baseline: 320, max: 368, breached: true, reason: 'aht 370 above max 368 (+15% of baseline 320)' });
    expect(evaluations[1]).toMatchObject({ baseline: 0.82, min: 0.77, breached: false });
  });

  it.each([
    [{ state: 'skipped' }, 'step legacy has not succeeded (it is skipped)'],
    [{ state: 'succeeded', result: { data: { status: 200, responseOmitted: 'the answer is not JSON' } } }, 'step legacy recorded no answer: the answer is not JSON'],
    [{ state: 'succeeded', result: { data: { response: { serviceLevel: 0.8 } } } }, "step legacy's answer, aht: nothing at aht"],
  ])('a baseline that cannot be read makes its relative limits a breach with the reason', (step, why) => {
    const baselines = resolveBaselines([aht], () => step);
    expect(baselines).toEqual({ aht: { error: why } });
    expect(evaluateMetric(aht, 300, undefined, baselines)).toMatchObject({ breached: true, reason: `aht threshold "+15%" is relative but the baseline is unreadable: ${why}` });
  });

  it('keeps the old two-argument call: a step baseline it was not given is unresolved', () => {
    expect(evaluateCheckpoint([aht], [{ id: 'aht', value: 300 }]).evaluations[0].reason).toBe('aht threshold "+15%" is relative but the baseline is unreadable: baseline from step legacy was not resolved');
  });
});

describe('plan validation', () => {
  const legacyStep = { id: 'legacy', kind: 'http', with: { method: 'POST', url: 'http://127.0.0.1:7780/legacy/analytics/query', body: { interval: 'x' } } };
  const genesys = (overrides: Record<string, unknown>) => ({
    id: 'aht',
    source: { kind: 'http', method: 'POST', url: 'http://127.0.0.1:7780/api/v2/analytics/conversations/aggregates/query', body: { interval: '{{window.start}}/{{window.end}}' }, value: `sum(${HANDLE}.sum) / sum(${HANDLE}.count)`, window: '30m' },
    baseline: { fromStep: 'legacy', path: 'aht' },
    max: '+15%',
    min: '-5pp',
    ...overrides,
  });
  const withHypercare = (metric: unknown, steps: unknown[] = []) => {
    const plan = basePlan();
    plan.phases[0].steps.push(legacyStep as never);
    plan.phases.push({ id: 'hypercare', checkpoints: { every: '4h', count: 2, metrics: [metric] }, steps } as never);
    return validatePlan(plan);
  };
  const errors = (result: ReturnType<typeof validatePlan>) => (result.ok ? [] : result.errors.map(({ code, path, message }) => ({ code, path, message })));

  it('accepts a Genesys-shaped POST source with a templated window, an expression and a baseline from an earlier step', () => {
    expect(errors(withHypercare(genesys({})))).toEqual([]);
  });

  it.each([
    ['a malformed expression', { source: { ...genesys({}).source, value: 'sum(results[*].x' } }, 'bad-expression', 'phases[2].checkpoints.metrics[0].source.value', /bad expression: expected "\)" at character 17/],
    ['a malformed path', { source: { ...genesys({}).source, value: undefined, path: 'a..b' } }, 'bad-expression', 'phases[2].checkpoints.metrics[0].source.path', /bad path "a..b"/],
    ['both path and value', { source: { ...genesys({}).source, path: 'aht' } }, 'required', 'phases[2].checkpoints.metrics[0].source.path', /either `path`/],
    ['an unknown placeholder', { source: { ...genesys({}).source, body: { interval: '{{window.begin}}' } } }, 'invalid-format', 'phases[2].checkpoints.metrics[0].source.body', /unknown placeholder \{\{window.begin\}\}/],
    ['a body without POST', { source: { ...genesys({}).source, method: undefined } }, 'invalid', 'phases[2].checkpoints.metrics[0].source.body', /a body needs method: POST/],
    ['a malformed threshold', { max: '+15pct' }, 'invalid-format', 'phases[2].checkpoints.metrics[0].max', /percentage points such as "-5pp"/],
    ['a malformed baseline expression', { baseline: { fromStep: 'legacy', value: 'aht +' } }, 'bad-expression', 'phases[2].checkpoints.metrics[0].baseline.value', /bad expression/],
    ['a baseline from an unknown step', { baseline: { fromStep: 'legacyy', path: 'aht' } }, 'unknown-step', 'phases[2].checkpoints.metrics[0].baseline.fromStep', /no step has that id \(did you mean "legacy"\?\)/],
    ['a baseline from a step that is not http', { baseline: { fromStep: 'a', path: 'aht' } }, 'not-an-http-step', 'phases[2].checkpoints.metrics[0].baseline.fromStep', /not an http step/],
    ['a baseline from a step of the same phase', { baseline: { fromStep: 'late', path: 'aht' } }, 'dependency-in-later-phase', 'phases[2].checkpoints.metrics[0].baseline.fromStep', /of phase "hypercare"; it must be a step that runs before the metric is read/],
    ['a pp limit without a baseline', { baseline: undefined, min: '-5pp', max: undefined }, 'missing-baseline', 'phases[2].checkpoints.metrics[0].min', /"-5pp" is relative to a baseline/],
  ])('refuses %s naming the field', (_label, overrides, code, path, message) => {
    const found = errors(withHypercare(genesys(overrides), [{ id: 'late', kind: 'http', with: { url: 'http://127.0.0.1:7780/x' } }]));
    expect(found).toEqual([{ code, path, message: expect.stringMatching(message) }]);
  });
});
