/**
 * Contact-center metrics on the real dev server: a POST source templating the evaluation window
 * with a ratio expression over a Genesys-shaped answer, a baseline from a pre-cutover step's
 * answer with "+15%" and "-5pp" limits, and the simulated contact center end to end.
 */
import { NUMBERS } from '../../examples/contact-center/seed';
import { startContactCenter } from '../../examples/contact-center/server';
import type { MetricEvaluation } from '../../plan/thresholds';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const handle = 'results[*].data[*].metrics[metric=tHandle].stats';
const serviceLevel = 'results[*].data[*].metrics[metric=oServiceLevel].stats';
/** Genesys Cloud's aggregates answer: average handle time = tHandle sum / count (ms). */
const AHT_SECONDS = `sum(${handle}.sum) / sum(${handle}.count) / 1000`;
const SERVICE_LEVEL = `sum(${serviceLevel}.numerator) / sum(${serviceLevel}.denominator)`;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

test('a POST metric templates the window into its body and reads a ratio expression', async () => {
  env.http.route('/mpw/aggregates', {
    body: { results: [{ group: { mediaType: 'voice' }, data: [{ interval: 'x', metrics: [{ metric: 'tHandle', stats: { sum: 400_000, count: 1 } }] }, { interval: 'y', metrics: [{ metric: 'tHandle', stats: { sum: 320_000, count: 2 } }] }] }] },
  });
  const source = { kind: 'http', method: 'POST', url: `${env.http.url}/mpw/aggregates`, body: { interval: '{{window.start}}/{{window.end}}', metrics: ['tHandle'] }, value: AHT_SECONDS };
  const plan = testPlan('metric-post-window', [
    { id: 'cutover', steps: [httpStep('switch', `${env.http.url}/mpw/switch`)] },
    { id: 'hypercare', checkpoints: { every: '300ms', count: 1, metrics: [{ id: 'aht', source, max: 300 }] } },
  ]);
  const id = await env.harness.start(plan);
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'metric-post-window');

  // (400 000 + 320 000) ms over 3 calls: 240 s, not the 280 s an average of the two intervals would give.
  const evaluation = doc.gates.find((g) => g.id === 'hypercare-checkpoint-1')!.evaluation!;
  expect(evaluation.evaluations).toEqual([{ id: 'aht', value: 240, max: 300, breached: false }]);
  expect(doc.state).toBe('completed');
  const request = env.http.requests.find((r) => r.path === '/mpw/aggregates')!;
  expect(request.method).toBe('POST');
  const { interval, metrics } = JSON.parse(request.body) as { interval: string; metrics: string[] };
  expect(metrics).toEqual(['tHandle']);
  const [start, end] = interval.split('/');
  expect([start, end]).toEqual([expect.stringMatching(ISO), expect.stringMatching(ISO)]);
  // The window is the checkpoint interval, ending when the checkpoint was read.
  expect(Date.parse(end) - Date.parse(start)).toBe(300);
  expect(Date.parse(end)).toBeGreaterThanOrEqual(Date.parse(doc.steps.find((s) => s.id === 'switch')!.endedAt!) + 300);
  expect(Date.parse(end)).toBeLessThanOrEqual(request.startedAt);
});

test('a baseline from a pre-cutover step: "+15%" and "-5pp" judged against the legacy numbers', async () => {
  env.http.route('/mbs/legacy/analytics/query', { body: { interval: 'yesterday', aht: 320, serviceLevel: 0.82, abandonRate: 0.04 } });
  env.http.route('/mbs/stats', { body: { aht: 360, serviceLevel: 0.76 } });
  const stats = `${env.http.url}/mbs/stats`;
  const legacy = { ...httpStep('legacy-analytics', `${env.http.url}/mbs/legacy/analytics/query`), with: { method: 'POST', url: `${env.http.url}/mbs/legacy/analytics/query`, body: { interval: '2026-12-04T00:00:00Z/2026-12-05T00:00:00Z' } } };
  const plan = testPlan('metric-baseline-from-step', [
    { id: 'pre', steps: [legacy, httpStep('export', `${env.http.url}/mbs/export`)] },
    { id: 'cutover', steps: [httpStep('switch', `${env.http.url}/mbs/switch`)] },
    {
      id: 'hypercare',
      checkpoints: {
        every: '300ms',
        count: 1,
        metrics: [
          { id: 'aht', source: { kind: 'http', url: stats, path: 'aht' }, baseline: { fromStep: 'legacy-analytics', path: 'aht' }, max: '+15%' },
          { id: 'service-level', source: { kind: 'http', url: stats, path: 'serviceLevel' }, baseline: { fromStep: 'legacy-analytics', value: 'serviceLevel' }, min: '-5pp' },
        ],
      },
    },
  ]);
  const id = await env.harness.start(plan);
  const open = await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'hypercare-checkpoint-1', decision: 'continue', reason: 'service level recovering', ...lead });
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'metric-baseline-from-step');

  expect(open.gates[0].evaluation).toEqual({
    breached: true,
    reasons: ['service-level 0.76 below min 0.77 (-5pp of baseline 0.82)'],
    evaluations: [
      { id: 'aht', value: 360, baseline: 320, max: 368, breached: false },
      { id: 'service-level', value: 0.76, baseline: 0.82, min: 0.77, breached: true, reason: 'service-level 0.76 below min 0.77 (-5pp of baseline 0.82)' },
    ],
  });
  expect(doc.state).toBe('completed');
  // Only the step a baseline reads records its answer.
  expect(doc.steps.find((s) => s.id === 'legacy-analytics')!.result).toMatchObject({ data: { status: 200, response: { aht: 320, serviceLevel: 0.82 } } });
  expect(doc.steps.find((s) => s.id === 'export')!.result).not.toHaveProperty('data.response');
});

test('a baseline whose step failed makes the checkpoint unreadable, with the reason', async () => {
  env.http.route('/mbs-down/stats', { body: { aht: 300 } });
  const legacy = { ...httpStep('legacy-down', `${env.http.url}/mbs-down/legacy`), onFailure: 'continue', with: { method: 'GET', url: `${env.http.url}/mbs-down/legacy`, expectStatus: 299 } };
  const plan = testPlan('metric-baseline-skipped', [
    { id: 'pre', steps: [legacy] },
    { id: 'hypercare', checkpoints: { every: '300ms', count: 1, onBreach: 'pause', metrics: [{ id: 'aht', source: { kind: 'http', url: `${env.http.url}/mbs-down/stats`, path: 'aht' }, baseline: { fromStep: 'legacy-down', path: 'aht' }, max: '+15%' }] } },
  ]);
  const id = await env.harness.start(plan);
  const paused = await waitForStatus(env.harness.client, id, (doc) => doc.paused);
  expect(paused.gates[0].evaluation!.reasons).toEqual(['aht threshold "+15%" is relative but the baseline is unreadable: step legacy-down has not succeeded (it is failed)']);
  await sendUpdate(env.harness.client, id, 'resume', { reason: 'legacy reporting is down; judged by hand', ...lead });
  expect((await env.harness.finished(id)).state).toBe('completed');
});

test('the simulated contact center: Genesys aggregates over the window against the legacy baseline', async () => {
  const center = await startContactCenter({ speed: 3600, callIntervalMs: 0 });
  try {
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const legacy = { id: 'legacy-baseline', kind: 'http', with: { method: 'POST', url: `${center.url}/legacy/analytics/query`, body: { interval: `${hourAgo}/${new Date().toISOString()}` } } };
    const route = { id: 'route-main', kind: 'http', with: { method: 'PUT', url: `${center.url}/api/v2/telephony/numbers/${encodeURIComponent(NUMBERS.main)}/route`, body: { target: 'flow', flowId: 'ib-main' } } };
    const aggregates = (value: string) => ({ kind: 'http', method: 'POST', url: `${center.url}/api/v2/analytics/conversations/aggregates/query`, body: { interval: '{{window.start}}/{{window.end}}', metrics: ['tHandle', 'oServiceLevel'] }, value, window: '1s' });
    const plan = testPlan('metric-simulator', [
      { id: 'pre', steps: [legacy] },
      { id: 'cutover', steps: [route] },
      {
        id: 'hypercare',
        checkpoints: {
          every: '1s',
          count: 1,
          onBreach: 'pause',
          metrics: [
            { id: 'aht', source: aggregates(AHT_SECONDS), baseline: { fromStep: 'legacy-baseline', path: 'aht' }, max: '+15%' },
            { id: 'service-level', source: aggregates(SERVICE_LEVEL), baseline: { fromStep: 'legacy-baseline', path: 'serviceLevel' }, min: '-5pp' },
          ],
        },
      },
    ]);
    const doc = await env.harness.finished(await env.harness.start(plan));
    expect(doc.state).toBe('completed');
    const [aht, level] = doc.gates.find((g) => g.id === 'hypercare-checkpoint-1')!.evaluation!.evaluations as MetricEvaluation[];
    expect(aht).toMatchObject({ baseline: 320, max: 368, breached: false });
    expect(aht.value).toBeCloseTo(320, 0);
    // Counts are whole calls, so the legacy ratio is 0.82 only to a few decimal places.
    expect(level).toMatchObject({ breached: false });
    expect(level.baseline).toBeCloseTo(0.82, 4);
    expect(level.min).toBeCloseTo(0.77, 4);
    expect(level.value).toBeCloseTo(0.82, 2);
  } finally {
    await center.close();
  }
});
