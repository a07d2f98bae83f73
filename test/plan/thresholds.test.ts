/** Checkpoint verdicts: absolute and relative thresholds, both bounds, unreadable metrics. */
import type { Metric } from '../../plan/schema';
import { checkpointEvaluation, evaluateCheckpoint, evaluateMetric } from '../../plan/thresholds';

const source = { kind: 'static', value: 0 } as const;
const aht: Metric = { id: 'aht', source, baseline: 320, max: '+15%' };
const serviceLevel: Metric = { id: 'service-level', source, baseline: 0.8, min: '-5%' };
const abandonRate: Metric = { id: 'abandon-rate', source, max: 0.08 };

describe('evaluateMetric', () => {
  it('resolves a relative max against the baseline and names both in the reason', () => {
    expect(evaluateMetric(aht, 330)).toEqual({ id: 'aht', value: 330, baseline: 320, max: 368, breached: false });
    expect(evaluateMetric(aht, 400)).toEqual({
      id: 'aht',
      value: 400,
      baseline: 320,
      max: 368,
      breached: true,
      reason: 'aht 400 above max 368 (+15% of baseline 320)',
    });
  });

  it('resolves a relative min below the baseline', () => {
    expect(evaluateMetric(serviceLevel, 0.79)).toMatchObject({ min: 0.76, breached: false });
    expect(evaluateMetric(serviceLevel, 0.7)).toMatchObject({ min: 0.76, breached: true, reason: 'service-level 0.7 below min 0.76 (-5% of baseline 0.8)' });
  });

  it('applies an absolute threshold as written', () => {
    expect(evaluateMetric(abandonRate, 0.05)).toEqual({ id: 'abandon-rate', value: 0.05, max: 0.08, breached: false });
    expect(evaluateMetric(abandonRate, 0.12)).toMatchObject({ breached: true, reason: 'abandon-rate 0.12 above max 0.08' });
  });

  it('does not count a value exactly at a limit as a breach, relative limits included', () => {
    expect(evaluateMetric(abandonRate, 0.08).breached).toBe(false);
    expect(evaluateMetric(aht, 368).breached).toBe(false);
    expect(evaluateMetric(serviceLevel, 0.76).breached).toBe(false);
    // 0.8 - 10% is 0.7200000000000001 in floating point; the limit is still 0.72.
    expect(evaluateMetric({ id: 'x', source, baseline: 0.8, min: '-10%' }, 0.72)).toMatchObject({ min: 0.72, breached: false });
  });

  it('checks both bounds of one metric', () => {
    const band: Metric = { id: 'occupancy', source, baseline: 0.8, min: '-10%', max: 0.9 };
    expect(evaluateMetric(band, 0.85)).toMatchObject({ min: 0.72, max: 0.9, breached: false });
    expect(evaluateMetric(band, 0.7)).toMatchObject({ breached: true, reason: 'occupancy 0.7 below min 0.72 (-10% of baseline 0.8)' });
    expect(evaluateMetric(band, 0.95)).toMatchObject({ breached: true, reason: 'occupancy 0.95 above max 0.9' });
  });

  it('counts a missing value as a breach and says why', () => {
    expect(evaluateMetric(abandonRate, null, 'connect ECONNREFUSED')).toEqual({
      id: 'abandon-rate',
      value: null,
      max: 0.08,
      breached: true,
      reason: 'abandon-rate unreadable: connect ECONNREFUSED',
    });
    expect(evaluateMetric(abandonRate, null).reason).toBe('abandon-rate unreadable: no value');
  });

  it('counts a relative threshold without a baseline as a breach rather than guessing', () => {
    const result = evaluateMetric({ id: 'aht', source, max: '+15%' }, 100);
    expect(result).toMatchObject({ breached: true, reason: 'aht threshold "+15%" is relative but the metric has no baseline' });
    expect(result.max).toBeUndefined();
  });
});

describe('evaluateCheckpoint', () => {
  it('matches readings by id, treats a metric without a reading as unreadable and breaches on any', () => {
    const result = evaluateCheckpoint(
      [aht, serviceLevel, abandonRate],
      [
        { id: 'abandon-rate', value: 0.02 },
        { id: 'aht', value: 350 },
      ],
    );
    expect(result.breached).toBe(true);
    expect(result.evaluations.map((e) => [e.id, e.breached, e.reason])).toEqual([
      ['aht', false, undefined],
      ['service-level', true, 'service-level unreadable: no reading'],
      ['abandon-rate', false, undefined],
    ]);
    expect(checkpointEvaluation.parse(result)).toEqual(result);
  });

  it('is not breached when every metric is within its limits', () => {
    const readings = [
      { id: 'aht', value: 368 },
      { id: 'service-level', value: 0.81 },
      { id: 'abandon-rate', value: 0 },
    ];
    expect(evaluateCheckpoint([aht, serviceLevel, abandonRate], readings).breached).toBe(false);
  });
});
