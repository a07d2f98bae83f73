/**
 * `golive replay` over files: a committed history replays (exit 0); a tampered copy fails with the
 * event id and what differed (exit 1), also inside a continue-as-new chain; input problems are
 * usage errors naming the path (exit 2). No Temporal server is needed: replay runs in-process.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ReplayOutcome } from '../../workers/history-replay';
import { HISTORIES_DIR, historyFileName } from '../support/histories';
import { runCli } from '../support/run-cli';
import { prebuildWorkflowBundle } from '../support/workflow-bundle';

interface JsonEvent {
  eventId: string;
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
}

const committed = (name: string) => path.join(HISTORIES_DIR, historyFileName(name, '0.1.0'));
const GOOD = committed('wait-timer-rehearsal');
const CHAIN = committed('continue-as-new-chain-dag-wake');

let dir: string;
const savedBundle = process.env.GOLIVE_WORKFLOW_BUNDLE;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'golive-replay-'));
  // Every `golive replay` below reuses one bundle instead of running webpack each time.
  process.env.GOLIVE_WORKFLOW_BUNDLE ??= await prebuildWorkflowBundle(dir);
}, 120_000);

afterAll(async () => {
  process.env.GOLIVE_WORKFLOW_BUNDLE = savedBundle;
  await rm(dir, { recursive: true, force: true });
});

/** The n-th ActivityTaskScheduled event of `events` (0-based), renamed to activity type `tampered`. */
function tamperActivity(events: JsonEvent[], n: number): JsonEvent {
  const event = events.filter((e) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')[n];
  event.activityTaskScheduledEventAttributes!.activityType.name = 'tampered';
  return event;
}

async function tamperedCopy(source: string, tamper: (json: { events: JsonEvent[]; runs: { events: JsonEvent[] }[] }) => JsonEvent) {
  const json = JSON.parse(await readFile(source, 'utf8'));
  const event = tamper(json);
  const file = path.join(dir, `tampered-${path.basename(source)}`);
  await writeFile(file, JSON.stringify(json));
  return { file, eventId: event.eventId };
}

test('a committed history replays: exit 0, ok', async () => {
  const run = await runCli('replay', GOOD);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toBe(`ok    ${GOOD}\n1 history: 1 ok, 0 failed\n`);
});

test('a tampered history fails: exit 1, naming the event and what differed; the good one beside it is ok', async () => {
  const tampered = await tamperedCopy(GOOD, (json) => tamperActivity(json.events, 0));
  const run = await runCli('replay', GOOD, tampered.file);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`ok    ${GOOD}\n`);
  expect(run.stdout).toContain(`FAIL  ${tampered.file}\n`);
  expect(run.stdout).toContain(
    `event ${tampered.eventId} (ACTIVITY_TASK_SCHEDULED): non-determinism: Nondeterminism error: Activity type of scheduled event 'tampered' does not match activity type of activity command 'noop'`,
  );
  expect(run.stdout).toMatch(/2 histories: 1 ok, 1 failed\n$/);
});

test('a tampered run of a continue-as-new chain is named with its event; --json for machines', async () => {
  const tampered = await tamperedCopy(CHAIN, (json) => tamperActivity(json.runs[2].events, 1));
  const run = await runCli('replay', '--json', tampered.file);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as { ok: boolean; histories: ReplayOutcome[] };
  expect(report.ok).toBe(false);
  const [outcome] = report.histories;
  expect(outcome).toMatchObject({ name: tampered.file, ok: false });
  expect(outcome.runs.map((r) => Boolean(r.failure))).toEqual([false, false, true, false]);
  expect(outcome.runs[2].failure).toEqual({
    kind: 'nondeterminism',
    eventId: Number(tampered.eventId),
    eventType: 'ACTIVITY_TASK_SCHEDULED',
    message: expect.stringContaining("Activity type of scheduled event 'tampered'"),
  });
});

test('a directory replays its *.json files in name order', async () => {
  const sub = await mkdtemp(path.join(dir, 'dir-'));
  await writeFile(path.join(sub, 'b.json'), await readFile(GOOD));
  await writeFile(path.join(sub, 'a.json'), await readFile(GOOD));
  await writeFile(path.join(sub, 'notes.txt'), 'not a history');
  const run = await runCli('replay', sub);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`ok    ${path.join(sub, 'a.json')}\nok    ${path.join(sub, 'b.json')}\n2 histories: 2 ok, 0 failed\n`);
});

describe('usage errors exit 2 before replaying anything', () => {
  test('a missing file is named', async () => {
    const missing = path.join(dir, 'nope@0.1.0.json');
    const run = await runCli('replay', GOOD, missing);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`golive: cannot read ${missing}: no such file or directory\n`);
  });

  test('a file that is not a history is named, with what is wrong', async () => {
    const plan = path.join(dir, 'plan.json');
    await writeFile(plan, JSON.stringify({ name: 'a plan' }));
    const notJson = path.join(dir, 'broken.json');
    await writeFile(notJson, '{"events": [');
    expect(await runCli('replay', plan)).toMatchObject({ code: 2, stderr: `golive: ${plan}: not a workflow history: history: no "events" list (not a workflow history)\n` });
    expect((await runCli('replay', notJson)).stderr).toMatch(new RegExp(`^golive: ${notJson}: not a workflow history: not JSON: `));
  });

  test('nothing to replay', async () => {
    const run = await runCli('replay');
    expect(run).toMatchObject({ code: 2, stderr: 'golive replay: name history files or directories, --cutover <id>, or --open\n' });
  });
});
