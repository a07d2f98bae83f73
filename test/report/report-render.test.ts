/**
 * The report's renderers: the Gantt has a bar per step that ran (rollback steps and compensations
 * distinguished, estimates as outlines), each metric chart draws its readings against its limits,
 * and operators' markup never reaches the HTML or Markdown as markup.
 */
import { ganttSvg } from '../../api/report/gantt-svg';
import { metricChartSvg } from '../../api/report/metric-chart-svg';
import type { MetricSeries } from '../../api/report/metric-series';
import { buildRunReport } from '../../api/report/report-model';
import { renderHtml } from '../../api/report/render-html';
import { mdText, renderMarkdown } from '../../api/report/render-markdown';
import { planOfRun, rolledBackStatus, XSS } from '../support/report-fixture';

const report = () => buildRunReport(rolledBackStatus(), { start: { plan: planOfRun(), startedBy: 'dana', timeScale: 1 / 3600 } });

/** Every element `tag` whose attributes match `attrs`, with its attributes. */
function elements(svg: string, tag: string, attrs: RegExp = /.*/): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\s([^>]*?)/?>`, 'g'))]
    .map((m) => m[1])
    .filter((a) => attrs.test(a))
    .map((a) => Object.fromEntries([...a.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]])));
}

describe('Gantt', () => {
  test('a lane per step, an actual bar per step that started, the estimate as an outline of its length', () => {
    const r = report();
    const svg = ganttSvg(r);
    expect(elements(svg, 'g', /class="lane/).map((g) => g['data-step'])).toEqual(r.steps.map((s) => s.id));
    const bars = elements(svg, 'rect', /class="bar actual/);
    expect(bars.map((b) => b['data-step'])).toEqual(r.steps.filter((s) => s.start !== null).map((s) => s.id));
    // roster: 2h actual, 1h planned, both from T+0: the outline is half the bar.
    const roster = bars.find((b) => b['data-step'] === 'roster')!;
    const planned = elements(svg, 'rect', /class="planned" data-step/);
    expect(planned).toHaveLength(4);
    const rosterPlan = planned[1];
    expect(Number(rosterPlan.x)).toBeCloseTo(Number(roster.x), 0);
    expect(Number(rosterPlan.width) * 2).toBeCloseTo(Number(roster.width), 0);
  });

  test('rollback steps and compensations are their own kind of bar; gates, decisions and the rollback are markers', () => {
    const svg = ganttSvg(report());
    expect(elements(svg, 'rect', /class="bar actual rollback/).map((b) => b['data-step'])).toEqual(['main-to-legacy', 'agents-back']);
    expect(elements(svg, 'rect', /class="bar compensation/).map((b) => b['data-step'])).toEqual(['route-main']);
    expect(svg.match(/<g class="marker marker-(gate|decision|rollback)"><line/g)).toHaveLength(4);
    expect(svg).toContain('T+12h');
  });

  test('an estimate far beyond the run stretches the chart a quarter at most and is cut at its edge', () => {
    const plan = planOfRun();
    (plan.phases[1].steps[1] as { with: { duration: string } }).with.duration = '100h';
    const r = buildRunReport(rolledBackStatus(), { start: { plan, timeScale: 1 / 3600 } });
    expect(r.spanMs).toBe(15 * 3_600_000);
    const [hold] = elements(ganttSvg(r), 'rect', /class="planned cut" data-step="hold"/);
    expect(Number(hold.x) + Number(hold.width)).toBeCloseTo(260 + 820, 0);
  });
});

describe('metric chart', () => {
  const series = (points: MetricSeries['points']): MetricSeries => ({ key: 'watch:go-live:abandon', group: 'watch go-live', metric: 'abandon', title: 'Abandon', points });
  const point = (n: number, value: number | null, verdict: 'ok' | 'breach' | 'inconclusive', limits: { min?: number; max?: number } = { max: 0.08 }) => ({ n, at: '', offset: n * 1000, value, verdict, ...limits });

  test('a reading at its limit sits on the limit line, a breach above it, an unreadable one on the axis', () => {
    const svg = metricChartSvg(series([point(1, 0.02, 'ok'), point(2, 0.08, 'ok'), point(3, 0.2, 'breach'), point(4, null, 'inconclusive')]));
    const [limit] = elements(svg, 'line', /class="limit limit-max"/);
    const dots = elements(svg, 'circle');
    expect(dots.map((d) => d.class)).toEqual(['point verdict-ok', 'point verdict-ok', 'point verdict-breach', 'point verdict-inconclusive']);
    expect(dots[1].cy).toBe(limit.y1);
    expect(Number(dots[2].cy)).toBeLessThan(Number(limit.y1));
    expect(Number(dots[0].cy)).toBeGreaterThan(Number(limit.y1));
    const [axis] = elements(svg, 'line', /class="axis" x1="\d+" x2="348"/);
    expect(dots[3].cy).toBe(Number(axis.y1).toFixed(1));
    expect(svg).toContain('max 0.08');
    expect(elements(svg, 'polyline', /class="values"/)).toHaveLength(1);
  });

  test('both limits drawn; a limit that moved with its baseline is a stepped line; no readings is said', () => {
    const both = metricChartSvg(series([point(1, 0.9, 'ok', { min: 0.8, max: 1 }), point(2, 0.7, 'breach', { min: 0.8, max: 1 })]));
    expect(elements(both, 'line', /class="limit limit-(min|max)"/)).toHaveLength(2);
    const moved = metricChartSvg(series([point(1, 330, 'ok', { max: 368 }), point(2, 330, 'ok', { max: 345 })]));
    expect(elements(moved, 'polyline', /class="limit limit-max"/)[0].points.split(' ')).toHaveLength(3);
    expect(metricChartSvg(series([]))).toContain('no readings');
  });
});

describe('escaping', () => {
  test('HTML: operator text is text, never markup; only http(s) screenshots are links', () => {
    const html = renderHtml(report());
    expect(html).not.toContain(XSS);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://files.example/shot-1.png" rel="noopener noreferrer">');
    // The decision's reason, the details, the evidence, the rollback's reason and the params all appear, escaped.
    expect(html.split('&lt;script&gt;').length - 1).toBeGreaterThanOrEqual(6);
    expect(html).toContain('content="default-src &#39;none&#39;');
  });

  test('Markdown: pipes, brackets, backticks and angle brackets cannot break a table or become HTML or links', () => {
    expect(mdText('a | b [x](javascript:y) `c` <b>\nd')).toBe('a \\| b \\[x\\](javascript:y) \\`c\\` &lt;b&gt;<br>d');
    const md = renderMarkdown(report());
    expect(md).not.toContain(XSS);
    expect(md).not.toMatch(/<script|<img/i);
    const decision = md.split('\n').find((line) => line.includes('go-live-watch-2 (checkpoint) | rollback'))!;
    expect(decision).toContain('abandon rate \\| too high');
    // Every row of the decision table has the header's number of cells.
    expect(decision.split(/(?<!\\)\|/).length).toBe('| # | When | Gate | Decision | Effect | Operator | Roles | Source | Verified | Reason |'.split('|').length);
  });
});

test('Markdown holds every section: header, timeline, decisions, evaluations, issues with the template, rollback, durations', () => {
  const md = renderMarkdown(report());
  for (const heading of ['## Summary', '## Timeline', '## Decisions', '## Operator actions', '## Watch and checkpoint evaluations', '## Issues', '## Rollback', '## Durations vs plan and rehearsal']) {
    expect(md).toContain(heading);
  }
  expect(md).toContain('- **Started by:** dana');
  expect(md).toMatch(/\| Issue \| Severity \| State \| Summary \| Time of call \| Caller ANI \| CSR username \| Details \| Screenshots \|/);
  expect(md).toContain('| ISS-1 | critical | open |');
  expect(md).toContain('+15550100');
  expect(md).toContain('agent.kim');
  expect(md).toMatch(/\| prepare \| roster \| manual \| cutover-lead \| succeeded \| T\+0 \| 1h \| 2h \| \+1h \|/);
  expect(md).toMatch(/0\.2 BREACH \(max 0\.08\)/);
  expect(md).toContain('- **Requested by:** dana');
});
