/**
 * Figure 7: the largest plan that completes. 20,000 parallel noop steps (maxParallel 100), started
 * through the API, GET /cutovers/:id every few seconds during the run; 10,000 only if 20,000 did
 * not complete (a bench budget of 15 minutes has no room for both). A run that is not done in time, or whose history stops growing, is
 * terminated and reported, never fatal to the bench.
 */
import { api, apiError } from '../api-client';
import { noopPlan } from '../plans';
import { RUN_TAG, awaitEnd, historySize, terminateQuietly, type HistorySize } from '../runs';
import { stackOf, type Section } from '../section';
import type { Stack } from '../stack';
import { percentiles } from '../stats';
import { delay, errorMessage } from '../until';

const MAX_PARALLEL = 100;
const STATUS_EVERY_MS = 5000;
const STALL_MS = 90_000;

interface LargeResult {
  started: boolean;
  completed: boolean;
  ms: number;
  error?: string;
  statusMs: number[];
  /** Succeeded steps in the last status answer (its stepCounts), when it has them. */
  succeeded?: number;
  statusErrors: string[];
  /** The current run's history, as describe() tells it during the run. */
  historyLength?: number;
  /** The whole history after the end: every run of the continue-as-new chain. */
  total?: HistorySize;
}

async function runLarge(stack: Stack, size: number, timeoutMs: number, log: (line: string) => void): Promise<LargeResult> {
  const id = `large-${size}-${RUN_TAG}`;
  const raw = noopPlan(`bench-large-${size}`, size, 'parallel', MAX_PARALLEL);
  const result: LargeResult = { started: false, completed: false, ms: 0, statusMs: [], statusErrors: [] };
  const started = performance.now();
  try {
    const answer = await api(stack, 'POST', '/cutovers', { body: { plan: raw, id }, timeoutMs: 120_000 });
    if (answer.status !== 201) {
      result.error = `POST /cutovers refused the plan: ${apiError(answer)}`;
      return result;
    }
    result.started = true;
    let ended = false;
    const end = awaitEnd(stack.client, id, timeoutMs).finally(() => (ended = true));
    const handle = stack.client.workflow.getHandle(id);
    let lastLength = -1;
    let lastGrowth = Date.now();
    while (!ended) {
      const status = await api(stack, 'GET', `/cutovers/${id}`, { timeoutMs: 30_000 }).catch((err: unknown) => errorMessage(err));
      if (typeof status === 'string') result.statusErrors.push(status);
      else if (status.status === 200) {
        result.statusMs.push(status.ms);
        const counts = (status.body as { stepCounts?: Record<string, unknown> }).stepCounts;
        if (typeof counts?.succeeded === 'number') result.succeeded = counts.succeeded;
      }
      else result.statusErrors.push(apiError(status));
      const description = await handle.describe().catch(() => undefined);
      if (description) {
        result.historyLength = description.historyLength;
        if (description.historyLength !== lastLength) {
          lastLength = description.historyLength;
          lastGrowth = Date.now();
        } else if (description.status.name === 'RUNNING' && Date.now() - lastGrowth > STALL_MS) {
          log(`large ${size}: history stuck at ${lastLength} events for ${STALL_MS / 1000} s; terminating`);
          await handle.terminate(`golive bench: no progress for ${STALL_MS / 1000} s`).catch(() => undefined);
        }
      }
      log(`large ${size}: ${((performance.now() - started) / 1000).toFixed(0)} s, run ${description?.runId.slice(0, 8) ?? '?'} history ${result.historyLength ?? '?'} events, ${result.succeeded ?? '?'} steps succeeded, GET status ${typeof status === 'string' ? status : status.status === 200 ? `ok ${status.ms.toFixed(0)} ms` : apiError(status)}`);
      await Promise.race([end, delay(STATUS_EVERY_MS)]);
    }
    const outcome = await end;
    result.completed = outcome.ok;
    result.error = outcome.error;
    result.ms = performance.now() - started;
    result.total = await historySize(stack.client, id, { json: false }).catch(() => undefined);
    return result;
  } catch (err) {
    result.error = errorMessage(err);
    return result;
  } finally {
    result.ms ||= performance.now() - started;
    await terminateQuietly(stack.client, id);
  }
}

export const largeSection: Section = {
  name: 'large',
  title: `largest plan that completes: parallel noop steps, maxParallel ${MAX_PARALLEL}`,
  defaultRounds: 1,
  needsTemporal: true,
  async run(ctx) {
    const stack = stackOf(ctx);
    // Largest first: once one completes, the smaller one would too (and would cost minutes).
    const sizes = ctx.options.quick ? [2000, 1000] : [20_000, 10_000];
    let largest: { size: number; result: LargeResult } | undefined;
    for (const size of sizes) {
      if (largest?.result.completed) {
        ctx.report.row({ section: 'large', metric: `${size} steps`, unit: 'ms', values: { completed: 'not run' }, note: `${largest.size} steps completed` });
        continue;
      }
      const timeoutMs = ctx.options.quick ? 2 * 60_000 : size >= 20_000 ? 6 * 60_000 : 4 * 60_000;
      const r = await runLarge(stack, size, timeoutMs, ctx.log);
      largest ??= { size, result: r };
      if (r.error) ctx.report.error('large', `${size} steps: ${r.error}`);
      if (r.statusErrors.length > 0) ctx.report.error('large', `${size} steps: ${r.statusErrors.length} GET status calls failed, e.g. ${r.statusErrors[0]}`);
      ctx.report.row({
        section: 'large',
        metric: `${size} steps`,
        unit: 'ms',
        values: {
          completed: r.completed,
          'wall time': r.completed ? r.ms : `${(r.ms / 1000).toFixed(0)} s, not completed`,
          'steps succeeded (last status)': r.completed ? size : (r.succeeded ?? null),
          'steps/s': r.completed ? size / (r.ms / 1000) : null,
          runs: r.total?.runs ?? null,
          'history events': r.total?.events ?? null,
          'history bytes (proto)': r.total?.protoBytes ?? null,
        },
      });
      ctx.report.row({
        section: 'large',
        metric: `${size} steps: GET /cutovers/:id during the run`,
        unit: 'ms',
        values: { worked: r.statusMs.length > 0 && r.statusErrors.length === 0, ok: `${r.statusMs.length} of ${r.statusMs.length + r.statusErrors.length}`, latency: percentiles(r.statusMs) },
      });
    }
    const top = sizes[0];
    const first = largest?.size === top ? largest.result : undefined;
    ctx.report.check(`${top}-step plan completes`, first?.completed ?? false, first?.completed ? `yes, ${(first.ms / 1000).toFixed(0)} s` : `no: ${first?.error ?? 'not completed'}`);
  },
};
