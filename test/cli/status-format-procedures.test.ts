/** `golive status` text for procedure steps: their section, a skip's reason, the rollback's stage while it runs. */
import { formatStatus } from '../../cli/status-format';
import type { StatusDocument, StepStatus } from '../../workflows/status-document';

const at = '2026-12-04T03:00:00.000Z';

function stepStatus(id: string, fields: Partial<StepStatus>): StepStatus {
  const base: StepStatus = { id, phase: 'cutover', title: id, kind: 'noop', owner: null, priority: 'medium', dependsOn: [], state: 'pending', attempts: 0, startedAt: null, endedAt: null, result: null, error: null, awaiting: null, completion: null, compensation: null, runs: 0 };
  return { ...base, ...fields };
}

const doc: StatusDocument = {
  id: 'c-1',
  name: 'acme',
  mode: 'live',
  state: 'rolling-back',
  phase: 'cutover',
  startedAt: at,
  updatedAt: at,
  endedAt: null,
  phases: [],
  steps: [
    stepStatus('publish-flows', { state: 'compensated' }),
    stepStatus('numbers-to-legacy', { phase: 'rollback', section: 'rollback-first', state: 'skipped', skipReason: 'skipped by ivy: already on legacy' }),
    stepStatus('agents-to-legacy', { phase: 'rollback', section: 'rollback-then', state: 'running' }),
  ],
  ...{ paused: false, gates: [], decisions: [], actions: [], rejected: [], issues: [] },
  rollback: { reason: 'IVR misroutes', requestedBy: 'dana', startedAt: at, endedAt: null, stage: 'rollback-then' },
  error: null,
};

test('procedure steps show their section and skip reason; the rollback its stage', () => {
  const text = formatStatus(doc, Date.parse(at));
  expect(text).toMatch(/^rollback: IVR misroutes \(by dana at \S+; stage rollback-then\)$/m);
  expect(text).toMatch(/^ {2}compensated +cutover\/publish-flows$/m);
  expect(text).toMatch(/^ {2}skipped +rollback-first\/numbers-to-legacy {2}skipped by ivy: already on legacy$/m);
  expect(text).toMatch(/^ {2}running +rollback-then\/agents-to-legacy$/m);
});

test('a finished rollback shows no stage', () => {
  const done = { ...doc, rollback: { ...doc.rollback!, endedAt: at, stage: 'done' as const } };
  expect(formatStatus(done, Date.parse(at))).toMatch(/^rollback: IVR misroutes \(by dana at \S+, ended \S+\)$/m);
});
