/** The text of `golive compare` and of a rehearsal's script and a live forecast in `golive status`. Pure. */
import type { Comparison } from '../../api/rehearsal/compare';
import { formatComparison } from '../../cli/compare-format';
import { formatStatus } from '../../cli/status-format';
import type { StatusDocument } from '../../workflows/status-document';

const at = '2026-12-04T03:00:00.000Z';

const comparison: Comparison = {
  a: { id: 'weekend', mode: 'live', state: 'rolled-back', durationMs: 7_200_000, criticalPath: { steps: ['export', 'switch'], durationMs: 3_600_000 } },
  b: { id: 'weekend-rehearsal', mode: 'rehearsal', state: 'rolled-back', durationMs: 7_080_000, criticalPath: { steps: ['export'], durationMs: 600_000 } },
  steps: [
    { id: 'export', phase: 'prepare', estimateMs: 900_000, aMs: 600_000, bMs: 600_000, aState: 'succeeded', bState: 'succeeded' },
    { id: 'switch', phase: 'cutover', estimateMs: null, aMs: 3_000_000, bMs: 60_000, aState: 'compensated', bState: 'failed' },
    { id: 'smoke', phase: 'cutover', estimateMs: null, aMs: null, bMs: null, aState: null, bState: 'pending' },
  ],
  gates: [{ id: 'hypercare-checkpoint-1', a: 'rollback', b: null, aBreached: true, bBreached: null }],
  divergences: [
    { kind: 'step-outcome', id: 'switch', a: 'compensated', b: 'failed', atMs: 600_000, message: 'step switch: compensated in weekend, failed in weekend-rehearsal' },
    { kind: 'gate-missing', id: 'hypercare-checkpoint-1', a: 'rollback', b: null, atMs: 4_000_000, message: 'gate hypercare-checkpoint-1 (rollback in weekend) never came in weekend-rehearsal' },
  ],
  firstDivergence: null,
};
comparison.firstDivergence = comparison.divergences[0];

test('compare: both runs with their critical paths, a step table, gates, the first divergence then the rest', () => {
  expect(formatComparison(comparison).split('\n')).toEqual([
    'a: weekend (live, rolled-back, 2h); critical path export → switch (1h)',
    'b: weekend-rehearsal (rehearsal, rolled-back, 118m); critical path export (10m)',
    '',
    'step    phase    planned  a                b',
    'export  prepare  15m      10m succeeded    10m succeeded',
    'switch  cutover  -        50m compensated  1m failed',
    'smoke   cutover  -        (absent)         - pending',
    '',
    'gates (a | b):',
    '  hypercare-checkpoint-1: rollback (breached) | -',
    '',
    'first divergence at +10m: step switch: compensated in weekend, failed in weekend-rehearsal',
    '  then at +4000s: gate hypercare-checkpoint-1 (rollback in weekend) never came in weekend-rehearsal',
  ]);
  expect(formatComparison({ ...comparison, divergences: [], firstDivergence: null })).toContain('no divergence: the same steps, outcomes, gate decisions and end state');
});

const base: StatusDocument = {
  id: 'c-1', name: 'acme', mode: 'rehearsal', state: 'completed', phase: null, startedAt: at, updatedAt: at, endedAt: at,
  phases: [], steps: [], paused: false, gates: [], decisions: [], actions: [], rejected: [], issues: [], rollback: null, error: null,
};

test('status: a rehearsal of a recorded cutover shows its script, the entries not applied with why', () => {
  const text = formatStatus({
    ...base,
    rehearsalOf: 'weekend',
    script: [
      { n: 1, at: 60_000, message: 'decide', target: 'go-no-go', state: 'applied', appliedAt: at },
      { n: 2, at: 120_000, message: 'decide', target: 'go-review', state: 'unfit', appliedAt: null, reason: 'gate go-review is not in this plan' },
    ],
  });
  expect(text).toContain('rehearsal of weekend; script: 1 applied, 1 unfit');
  expect(text).toContain('  unfit       #2 decide go-review (recorded at +2m): gate go-review is not in this plan');
  expect(text).not.toContain('#1 decide');
});

test('status: a live run of a rehearsed plan shows how far ahead or behind it is', () => {
  const forecast = { rehearsalId: 'r-1', step: 'switch', aheadMs: -720_000, forecastEnd: '2026-12-05T03:12:00.000Z' };
  expect(formatStatus({ ...base, mode: 'live', endedAt: null, state: 'running', forecast })).toContain('forecast: 12m behind rehearsal r-1 at step switch; expected end 2026-12-05T03:12:00.000Z');
  expect(formatStatus({ ...base, mode: 'live', endedAt: null, state: 'running', forecast: { ...forecast, aheadMs: 90_000 } })).toContain('forecast: 90s ahead of rehearsal r-1');
});
