/**
 * Reading a recorded cutover out of a committed history (no Temporal): the plan, the operator
 * messages with their times after the start (updates and signals, a continue-as-new chain too),
 * each step's last run; and the rehearsal built from it, with recorded decisions that no longer
 * fit an edited plan listed as unfit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HistoryFormatError, readRecordedRun, type RecordedRun } from '../../api/rehearsal/recorded-run';
import { rehearsalSetup } from '../../api/rehearsal/rehearsal-setup';
import type { Plan } from '../../plan/schema';
import { HISTORIES_DIR } from '../support/histories';

/** The committed history `<name>@<version>.json` (whichever version recorded it). */
function recorded(name: string): Promise<RecordedRun> {
  const file = readdirSync(HISTORIES_DIR).find((f) => f.startsWith(`${name}@`))!;
  return readRecordedRun(JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
}

test('a checkpoint breach decided rollback: the decision, its time, the step as it ran, the end', async () => {
  const run = await recorded('checkpoint-breach-rollback');
  expect(run.finalState).toBe('rolled-back');
  expect(run.script).toEqual([
    { at: expect.any(Number), message: 'decide', payload: { gate: 'hypercare-checkpoint-1', decision: 'rollback', reason: 'service level collapsed', operator: 'dana', roles: ['cutover-lead'] } },
  ]);
  expect(run.script[0].at).toBeGreaterThan(0);
  expect(run.steps).toEqual([{ id: 'switch-dnis', outcome: 'succeed', startMs: expect.any(Number), endMs: expect.any(Number), durationMs: expect.any(Number), runs: 1 }]);
  expect(run.input.plan.name).toBe('cp-rollback');
  // What the checkpoint read, for the rehearsal to read again.
  expect(run.readings).toEqual({ 'hypercare-checkpoint-1': [{ id: 'aht', value: 300 }, { id: 'service-level', value: 0.5 }, { id: 'abandon-rate', value: 0.05 }] });
});

test('two approvals of a quorum in the order they came; a step retried by an operator is read at its last run', async () => {
  const quorum = await recorded('gate-go-quorum');
  expect(quorum.script.map((e) => [e.message, e.payload.operator, e.payload.decision])).toEqual([
    ['decide', 'dana', 'go'],
    ['decide', 'lee', 'go'],
  ]);
  expect(quorum.script[0].at).toBeLessThanOrEqual(quorum.script[1].at);
  const retried = await recorded('guided-failure-retry');
  expect(retried.script.map((e) => [e.message, e.payload.step, e.payload.action])).toEqual([['answerStep', 'publish-flow', 'retry']]);
  expect(retried.steps.find((s) => s.id === 'publish-flow')).toMatchObject({ outcome: 'succeed', runs: 2 });
});

test('a cutover that continued as new: messages of every run, times from the first run’s start', async () => {
  const run = await recorded('continue-as-new-chain');
  expect(run.finalState).toBe('completed');
  expect(run.script.map((e) => e.message)).toEqual(['reportIssue', 'completeStep', 'decide', 'decide', 'decide', 'decide', 'decide', 'decide']);
  expect(run.script.every((e, i) => i === 0 || e.at >= run.script[i - 1].at)).toBe(true);
  // What the original sender proved travels no further: the rehearsal makes the message as itself.
  expect(run.script.every((e) => !('attestation' in e.payload) && !('expiresAt' in e.payload) && !('source' in e.payload))).toBe(true);
});

test('not a cutover history: refused with what is wrong', async () => {
  await expect(readRecordedRun({ events: [] })).rejects.toThrow(HistoryFormatError);
  await expect(readRecordedRun({ events: 'nope' })).rejects.toThrow(HistoryFormatError);
});

describe('rehearsalSetup', () => {
  test('simulated steps behave as recorded; recorded messages that fit are scripted as they are', async () => {
    const run = await recorded('checkpoint-breach-rollback');
    const setup = rehearsalSetup(run);
    const step = (setup.plan.phases as Plan['phases']).flatMap((p) => p.steps).find((s) => s.id === 'switch-dnis')!;
    const recordedStep = run.steps[0];
    expect(step.rehearse).toEqual({ outcome: 'succeed', duration: `${recordedStep.durationMs}ms` });
    expect(setup.script).toEqual(run.script);
    expect(setup.unfit).toEqual([]);
  });

  test('an edited plan: a renamed gate and a removed step are listed as unfit, an explicit rehearse is kept', async () => {
    const run = await recorded('guided-failure-retry');
    const edited: Plan = {
      ...run.input.plan,
      phases: run.input.plan.phases.map((phase) => ({
        ...phase,
        steps: phase.steps.filter((s) => s.id !== 'publish-flow').map((s) => (s.kind === 'http' ? { ...s, rehearse: { outcome: 'fail' as const } } : s)),
      })),
    };
    const setup = rehearsalSetup({ ...run, script: [...run.script, { at: 999, message: 'decide', payload: { gate: 'go-no-go', decision: 'go', operator: 'dana', roles: ['cutover-lead'] } }] }, edited);
    expect(setup.unfit).toEqual([
      { n: 1, message: 'answerStep', target: 'publish-flow', reason: 'step publish-flow is not in this plan (removed or renamed)' },
      { n: 2, message: 'decide', target: 'go-no-go', reason: 'gate go-no-go is not in this plan' },
    ]);
    expect(setup.script.map((e) => e.unfit)).toEqual(['step publish-flow is not in this plan (removed or renamed)', 'gate go-no-go is not in this plan']);
    const kept = (setup.plan.phases as Plan['phases']).flatMap((p) => p.steps).filter((s) => s.kind === 'http');
    expect(kept.every((s) => JSON.stringify(s.rehearse) === JSON.stringify({ outcome: 'fail' }))).toBe(true);
  });
});
