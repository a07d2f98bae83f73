/** The run report's model, from a rolled-back run's status document: plan time, estimates, rehearsal, decisions, rollback, series. */
import { buildRunReport } from '../../api/report/report-model';
import { delta, humanDuration, wallPerPlanMs } from '../../api/report/report-time';
import { at, planOfRun, rolledBackStatus } from '../support/report-fixture';

const HOUR = 3_600_000;
const start = { plan: planOfRun(), startedBy: 'dana', timeScale: 1 / 3600 };

test('a run at an hour a second is reported in plan time: offsets, durations, the span', () => {
  const report = buildRunReport(rolledBackStatus(), { start });
  expect(report.header).toMatchObject({ id: 'weekend-1', startedBy: 'dana', state: 'rolled-back', durationMs: 12 * HOUR, timeScale: 1 / 3600 });
  const roster = report.steps.find((s) => s.id === 'roster')!;
  expect(roster).toMatchObject({ start: 0, end: 2 * HOUR, actualMs: 2 * HOUR, plannedMs: HOUR, completedBy: 'dana' });
  expect(report.spanMs).toBe(12 * HOUR);
  expect(report.phases.map((p) => [p.id, p.start, p.end])).toEqual([
    ['prepare', 0, 2 * HOUR],
    ['go-live', 2 * HOUR, 9 * HOUR],
  ]);
});

test('estimates come from the plan (a wait its own duration, procedure steps too); unknown without the start input', () => {
  const planned = Object.fromEntries(buildRunReport(rolledBackStatus(), { start }).steps.map((s) => [s.id, s.plannedMs]));
  expect(planned).toMatchObject({ export: 30 * 60_000, roster: HOUR, 'route-main': null, hold: 6 * HOUR, 'main-to-legacy': 15 * 60_000, 'agents-back': null });
  const bare = buildRunReport(rolledBackStatus());
  expect(bare.header.startedBy).toBeNull();
  expect(bare.steps.every((s) => s.plannedMs === null)).toBe(true);
  // Without the time scale the offsets are wall-clock milliseconds.
  expect(bare.steps.find((s) => s.id === 'roster')!.actualMs).toBe(2000);
});

test('a rehearsal forms the extra column in its own plan time; steps it did not run stay empty', () => {
  const rehearsal = rolledBackStatus();
  rehearsal.id = 'rehearsal-1';
  rehearsal.steps = rehearsal.steps.filter((s) => s.id !== 'export').map((s) => (s.id === 'roster' ? { ...s, endedAt: at(0.5) } : s));
  const report = buildRunReport(rolledBackStatus(), { start, rehearsal: { status: rehearsal, timeScale: 1 / 3600 } });
  expect(report.header.rehearsalId).toBe('rehearsal-1');
  expect(report.steps.find((s) => s.id === 'roster')!.rehearsalMs).toBe(HOUR / 2);
  expect(report.steps.find((s) => s.id === 'export')!.rehearsalMs).toBeNull();
});

test('decisions keep who, why, when and the source; markers are in time order; the rollback lists its stages and compensations', () => {
  const report = buildRunReport(rolledBackStatus(), { start });
  const rollback = report.decisions.find((d) => d.decision === 'rollback')!;
  expect(rollback).toMatchObject({ gate: 'go-live-watch-2', gateKind: 'checkpoint', operator: 'dana', source: 'api', verified: true, offset: 9 * HOUR });
  expect(rollback.reason).toMatch(/^abandon rate/);
  expect(report.markers.map((m) => [m.kind, m.at])).toEqual([
    ['decision', 6 * HOUR],
    ['gate', 8 * HOUR],
    ['decision', 9 * HOUR],
    ['rollback', 9 * HOUR],
  ]);
  expect(report.rollback).toMatchObject({ requestedBy: 'dana', stage: 'done', durationMs: 3 * HOUR });
  expect(report.rollback!.procedure.map((s) => s.id)).toEqual(['main-to-legacy', 'agents-back', 'announce-later']);
  expect(report.rollback!.compensated.map((s) => [s.id, s.compensation!.ms])).toEqual([['route-main', HOUR / 2]]);
});

test('evaluations: the watch (with its decision gate) and the checkpoints apart, a series per metric with its limits', () => {
  const report = buildRunReport(rolledBackStatus(), { start });
  expect(report.evaluations.map((g) => [g.kind, g.phase, g.rows.map((r) => r.n)])).toEqual([
    ['watch', 'go-live', [1, 2]],
    ['checkpoints', 'go-live', [1]],
  ]);
  const abandon = report.metrics.find((s) => s.key === 'watch:go-live:abandon-rate')!;
  expect(abandon.title).toBe('Abandon rate');
  expect(abandon.points.map((p) => [p.value, p.verdict, p.max])).toEqual([
    [0.05, 'ok', 0.08],
    [0.2, 'breach', 0.08],
  ]);
  expect(report.metrics.find((s) => s.key === 'watch:go-live:logins')!.points[0]).toMatchObject({ value: null, verdict: 'inconclusive' });
  expect(report.metrics.find((s) => s.key === 'checkpoints:go-live:aht')!.points).toEqual([expect.objectContaining({ value: 330, verdict: 'ok', max: 368, baseline: 320 })]);
});

test.each([
  [0, '0ms'],
  [350, '350ms'],
  [4200, '4.2s'],
  [42_000, '42s'],
  [3_723_400, '1h 2m'],
  [2 * 86_400_000, '2d'],
  [-90_000, '-1m 30s'],
])('humanDuration(%p) is %p', (ms, text) => {
  expect(humanDuration(ms)).toBe(text);
});

test('delta, and the time scale read by what it is: the input multiplier first, else the public speed-up', () => {
  expect(delta(90_000, 60_000)).toBe('+30s');
  expect(delta(60_000, null)).toBe('');
  expect(wallPerPlanMs({ inputMultiplier: 1 / 3600 })).toBeCloseTo(1 / 3600);
  expect(wallPerPlanMs({ speedUp: 3600 })).toBeCloseTo(1 / 3600);
  expect(wallPerPlanMs({ inputMultiplier: 1 / 60, speedUp: 3600 })).toBeCloseTo(1 / 60);
  // A slow-down input (a multiplier above 1) is no longer mistaken for a speed-up.
  expect(wallPerPlanMs({ inputMultiplier: 2 })).toBe(2);
  expect(wallPerPlanMs({ speedUp: 0.5 })).toBe(2);
  expect(wallPerPlanMs({})).toBe(1);
});

test('without the start input, a time scale the status document shows still gives plan time', () => {
  const status = { ...rolledBackStatus(), timeScale: 3600 };
  const report = buildRunReport(status);
  expect(report.header.durationMs).toBe(12 * HOUR);
  expect(report.header.startedBy).toBeNull();
});
