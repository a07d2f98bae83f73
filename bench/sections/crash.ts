/**
 * Figure 6: crash recovery. A worker in its own process (golive: `golive worker`; bare: the
 * bench's worker-process) is SIGKILLed while a step's HTTP call is in flight (the local server
 * holds its first answer for a few seconds; it answers the retry at once, as an idempotent service
 * that already took the change would), and a new worker process is started at once. Measured
 * from the kill: the new worker polling, the step's retry reaching the server, the step
 * completed (its ActivityTaskCompleted event), and the cutover moving on (the next step's
 * request reaching the server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { followLines, killOnExit, OutputTail } from '../../scripts/child-output';
import { waitForExit } from '../../scripts/process-tree';
import { bareInput, crashPlan, validated } from '../plans';
import { RUN_TAG, awaitEnd, clientOf, startBare, startGoliveDirect, terminateQuietly, type System } from '../runs';
import { stackOf, type Section } from '../section';
import { startSlowServer, type SlowServer } from '../slow-server';
import type { Stack } from '../stack';
import { range, ratio, type Range } from '../stats';
import { errorMessage, until, within } from '../until';

const SLOW_MS = 3000;
const MOVE_ON_LIMIT_MS = 7000;

interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<number>;
  stop(): Promise<void>;
}

function spawnWorker(stack: Stack, system: System, taskQueue: string): WorkerProcess {
  const script = system === 'golive' ? path.resolve(__dirname, '../../cli/main.js') : path.resolve(__dirname, '../worker-process.js');
  const args = system === 'golive' ? [script, 'worker'] : [script];
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_')));
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      TEMPORAL_ADDRESS: stack.server.address,
      TEMPORAL_NAMESPACE: stack.server.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      GOLIVE_WORKFLOW_BUNDLE: stack.bundles.golive,
      BENCH_BARE_BUNDLE: stack.bundles.bare,
      GOLIVE_LOG_LEVEL: 'info',
    },
  });
  const removeHook = killOnExit(child);
  const tail = new OutputTail(30);
  const ready = new Promise<number>((resolve, reject) => {
    followLines(child, (line) => {
      tail.push(line);
      if (line.includes('worker polling')) resolve(Date.now());
    });
    child.once('exit', (code, signal) => reject(new Error(`${system} worker exited (${signal ?? code}) before polling: ${tail.text()}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, 15_000))) child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
      removeHook();
    },
  };
}

/** When the activity with this id last completed, from the history (server clock, same machine). */
async function activityCompletedAt(client: Client, id: string, activityId: string): Promise<number | undefined> {
  const history = await client.workflow.getHandle(id).fetchHistory();
  const events = history.events ?? [];
  const scheduled = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityId === activityId).map((e) => Number(e.eventId)));
  const completed = events.filter((e) => e.activityTaskCompletedEventAttributes && scheduled.has(Number(e.activityTaskCompletedEventAttributes.scheduledEventId)));
  const last = completed.at(-1);
  return last?.eventTime ? tsToMs(last.eventTime) : undefined;
}

interface CrashFigures {
  workerReadyMs: number;
  retryArrivedMs: number | undefined;
  stepCompletedMs: number | undefined;
  movedOnMs: number | undefined;
  ok: boolean;
  error?: string;
}

async function crashOnce(stack: Stack, server: SlowServer, system: System, round: number): Promise<CrashFigures> {
  const id = `crash-${system}-r${round}-${RUN_TAG}`;
  const taskQueue = `bench-crash-${system}-r${round}-${RUN_TAG}`;
  const slowPath = `/slow/${id}`;
  const nextPath = `/next/${id}`;
  const plan = validated(crashPlan('bench-crash', `${server.url}${slowPath}`, `${server.url}${nextPath}`));
  const client = clientOf(stack, system);
  const first = spawnWorker(stack, system, taskQueue);
  let second: WorkerProcess | undefined;
  try {
    await within('the first worker to poll', first.ready, 60_000);
    if (system === 'golive') await startGoliveDirect(stack.client, id, { plan, mode: 'live' }, taskQueue);
    else await startBare(stack.bareClient, id, bareInput(plan), taskQueue);
    await until(`${system}'s slow request to arrive`, () => (server.arrivals.some((a) => a.path === slowPath) ? true : undefined), 60_000, 20);

    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    second = spawnWorker(stack, system, taskQueue);
    const readyAt = await within('the second worker to poll', second.ready, 60_000);
    const end = await awaitEnd(client, id, 120_000);
    const retry = server.arrivals.filter((a) => a.path === slowPath)[1];
    const next = server.arrivals.find((a) => a.path === nextPath);
    const completedAt = await activityCompletedAt(client, id, 'slow');
    return {
      workerReadyMs: readyAt - killedAt,
      retryArrivedMs: retry ? retry.at - killedAt : undefined,
      stepCompletedMs: completedAt === undefined ? undefined : completedAt - killedAt,
      movedOnMs: next ? next.at - killedAt : undefined,
      ok: end.ok,
      error: end.error,
    };
  } finally {
    await terminateQuietly(client, id);
    await first.stop();
    await second?.stop();
  }
}

export const crashSection: Section = {
  name: 'crash',
  title: `crash recovery: worker SIGKILLed during a step's slow HTTP call, new worker process started at once`,
  defaultRounds: 2,
  needsTemporal: true,
  async run(ctx) {
    const stack = stackOf(ctx);
    const server = await startSlowServer(SLOW_MS);
    const figures: Record<System, CrashFigures[]> = { golive: [], bare: [] };
    try {
      for (let round = 1; round <= ctx.options.rounds; round++) {
        for (const system of ['golive', 'bare'] as const) {
          try {
            const f = await crashOnce(stack, server, system, round);
            figures[system].push(f);
            if (!f.ok) ctx.report.error('crash', `${system} round ${round}: the run did not complete: ${f.error}`);
            ctx.log(`crash round ${round} ${system}: moved on ${f.movedOnMs ?? '?'} ms after the kill`);
          } catch (err) {
            ctx.report.error('crash', `${system} round ${round}: ${errorMessage(err)}`);
          }
        }
      }
    } finally {
      await server.close();
    }
    const pick = (key: 'workerReadyMs' | 'retryArrivedMs' | 'stepCompletedMs' | 'movedOnMs') =>
      Object.fromEntries(
        (['golive', 'bare'] as const).map((s) => {
          const values = figures[s].map((f) => f[key]).filter((v): v is number => v !== undefined);
          return [s, values.length > 0 ? range(values) : null];
        }),
      );
    const row = (metric: string, key: Parameters<typeof pick>[0], note?: string) => {
      const values = pick(key);
      const g = values.golive as Range | null;
      const b = values.bare as Range | null;
      ctx.report.row({ section: 'crash', metric, unit: 'ms', values, ratio: g && b ? ratio(g.median, b.median) : undefined, note });
    };
    row('kill → new worker process polling', 'workerReadyMs');
    row("kill → the step's retry reaches the server", 'retryArrivedMs');
    row('kill → step completed (a)', 'stepCompletedMs');
    row('kill → cutover moving on, next step started (b)', 'movedOnMs');
    const moved = figures.golive.map((f) => f.movedOnMs).filter((v): v is number => v !== undefined);
    const all = moved.length === ctx.options.rounds;
    const name = 'crash → cutover moving on (golive, median)';
    if (all) ctx.report.target(name, range(moved).median / 1000, MOVE_ON_LIMIT_MS / 1000, (v) => `${v.toFixed(1)} s`);
    else ctx.report.check(name, false, `${ctx.options.rounds - moved.length} of ${ctx.options.rounds} rounds did not move on`, `≤ ${MOVE_ON_LIMIT_MS / 1000} s`);
  },
};
