/**
 * `golive replay --open`, the check before rolling out new workers during a live cutover, on the
 * real dev server: every cutover running on TEMPORAL_TASK_QUEUE is fetched from Temporal and replayed
 * against this build (exit 0) or against `--bundle` (here the previous release's, which cannot replay a
 * history that took this build's new attestation path: exit 1 naming the cutover).
 */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { HISTORIES_DIR, historyFileName } from '../support/histories';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';
import { PREVIOUS_RELEASE } from '../support/release-fixture';
import { runCli } from '../support/run-cli';
import { uniqueId } from '../support/temporal-env';

const env = useCutoverTestEnv();
const savedQueue = process.env.TEMPORAL_TASK_QUEUE;

afterAll(() => {
  process.env.TEMPORAL_TASK_QUEUE = savedQueue;
});

/** `golive replay --open …` against the task queue `queue` (the harness's own unless named). */
function replayOpen(queue: string, ...args: string[]) {
  process.env.TEMPORAL_TASK_QUEUE = queue;
  return runCli('replay', '--open', ...args);
}

test('with no cutover running on the task queue there is nothing to replay: exit 0', async () => {
  const queue = uniqueId('empty');
  expect(await replayOpen(queue)).toEqual({ code: 0, stdout: `no open cutovers on task queue ${queue}: nothing to replay\n`, stderr: '' });
});

test('an open cutover replays against this build (exit 0) and fails against the previous release, naming it (exit 1)', async () => {
  const { harness, http } = env;
  const plan = testPlan('replay-open', [
    { id: 'prep', steps: [httpStep('export', `${http.url}/replay-open/export`)] },
    { id: 'cutover', gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [httpStep('switch', `${http.url}/replay-open/switch`)] },
  ]);
  const open = await harness.start(plan);
  await waitForStatus(harness.client, open, (doc) => doc.gates.some((g) => g.state === 'open'));
  // Checked by this build's attestation activity: a command the previous release never issues.
  await sendUpdate(harness.client, open, 'reportIssue', { severity: 'low', summary: 'wallboard lags', ...lead });

  const ok = await replayOpen(harness.taskQueue);
  expect(ok).toEqual({ code: 0, stdout: `ok    cutover ${open}\n1 history: 1 ok, 0 failed\n`, stderr: '' });

  const old = await replayOpen(harness.taskQueue, '--bundle', PREVIOUS_RELEASE.file);
  expect(old.code).toBe(1);
  // Which patch it trips on first is the oldest one the history has and the release lacks (attestation-activity, or a later one).
  expect(old.stdout).toMatch(new RegExp(`^FAIL  cutover ${open}\\n.*non-determinism: .*patch marker.*\\n1 history: 0 ok, 1 failed\\n$`));
  // Not left running on the shared server (nor in another --open's way).
  await harness.client.workflow.getHandle(open).terminate('test over');
}, 120_000);

test('--bundle replays history files too: the upgrade history needs this build, not the release before it', async () => {
  const upgrade = `${HISTORIES_DIR}/${historyFileName('upgrade-attestation-activity', '0.1.0')}`;
  expect((await runCli('replay', upgrade)).code).toBe(0);
  const old = await runCli('replay', upgrade, '--bundle', PREVIOUS_RELEASE.file);
  expect(old.code).toBe(1);
  expect(old.stdout).toContain(`FAIL  ${upgrade}`);
}, 120_000);

test('a --bundle that cannot be read is a usage error naming it (exit 2)', async () => {
  const run = await runCli('replay', '--open', '--bundle', '/nonexistent/bundle.js.gz');
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^golive replay: cannot read the workflow bundle \/nonexistent\/bundle\.js\.gz: ENOENT/);
});

test('--open without GOLIVE_CODEC_KEYS is a usage error naming it (exit 2), not a FAIL per encrypted cutover', async () => {
  const keys = process.env.GOLIVE_CODEC_KEYS;
  delete process.env.GOLIVE_CODEC_KEYS;
  try {
    const run = await runCli('replay', '--open');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/GOLIVE_CODEC_KEYS is not set/);
    expect(run.stdout).toBe('');
  } finally {
    process.env.GOLIVE_CODEC_KEYS = keys;
  }
});
