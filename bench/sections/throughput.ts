/**
 * Figures 1 and 2: per-step wall time (start → result) of golive and bare for a chain plan and a
 * parallel plan, interleaved round by round, and history events / bytes per step.
 */
import { noopPlan, validated, type Shape } from '../plans';
import { RUN_TAG, clientOf, historySize, timedRun, type HistorySize, type System } from '../runs';
import { stackOf, type Section, type SectionContext } from '../section';
import { range, ratio } from '../stats';

/** golive's maxParallel and the bare workflow's concurrency on the parallel plan. */
export const PARALLEL = 50;

/** Worst golive/bare ratios seen so far, for the history target that spans both sections. */
export const historyRatios: { name: string; ratio: number }[] = [];

async function measure(ctx: SectionContext, shape: Exclude<Shape, 'random'>): Promise<void> {
  const stack = stackOf(ctx);
  const sizes = ctx.options.quick ? [10, 30] : [50, 200];
  const worst: { size: number; ratio: number }[] = [];
  // Warm-up, not recorded: the first run of each worker pays for V8 contexts, caches and connections.
  const warmup = validated(noopPlan(`bench-${shape}-warmup`, 5, shape, shape === 'parallel' ? PARALLEL : 4));
  for (const system of ['golive', 'bare'] as const) await timedRun(stack, system, `${system}-${shape}-warmup-${RUN_TAG}`, warmup, 60_000);
  for (const size of sizes) {
    const plan = validated(noopPlan(`bench-${shape}-${size}`, size, shape, shape === 'parallel' ? PARALLEL : 4));
    const times: Record<System, number[]> = { golive: [], bare: [] };
    const histories: Record<System, HistorySize[]> = { golive: [], bare: [] };
    const failures: string[] = [];
    for (let round = 1; round <= ctx.options.rounds; round++) {
      for (const system of ['golive', 'bare'] as const) {
        const id = `${system}-${shape}-${size}-r${round}-${RUN_TAG}`;
        const result = await timedRun(stack, system, id, plan, 5 * 60_000);
        if (!result.ok) {
          failures.push(`${system} round ${round}: ${result.error}`);
          continue;
        }
        times[system].push(result.ms / size);
        histories[system].push(await historySize(clientOf(stack, system), id));
        ctx.log(`${shape} ${size} round ${round} ${system}: ${(result.ms / size).toFixed(1)} ms/step`);
      }
    }
    for (const failure of failures) ctx.report.error(shape, `${size} steps: ${failure}`);
    const golive = range(times.golive);
    const bare = range(times.bare);
    const timeRatio = ratio(golive.median, bare.median);
    ctx.report.row({ section: shape, metric: `${shape} ${size} steps: wall time per step`, unit: 'ms', values: { golive, bare }, ratio: timeRatio });
    worst.push({ size, ratio: timeRatio });

    const per = (system: System, pick: (h: HistorySize) => number) => range(histories[system].map((h) => pick(h) / size));
    const rows = [
      { metric: 'history events per step', unit: 'events', pick: (h: HistorySize) => h.events },
      { metric: 'history bytes per step (JSON)', unit: 'bytes', pick: (h: HistorySize) => h.jsonBytes },
      { metric: 'history bytes per step (proto)', unit: 'bytes', pick: (h: HistorySize) => h.protoBytes },
    ];
    for (const { metric, unit, pick } of rows) {
      const g = per('golive', pick);
      const b = per('bare', pick);
      const r = ratio(g.median, b.median);
      ctx.report.row({ section: shape, metric: `${shape} ${size} steps: ${metric}`, unit, values: { golive: g, bare: b }, ratio: r });
      if (metric.includes('proto')) historyRatios.push({ name: `${shape} ${size}`, ratio: r });
    }
  }
  const limit = shape === 'chain' ? 1.05 : 1.15;
  for (const { size, ratio: r } of worst) ctx.report.target(`${shape} ${size} steps: golive/bare time per step`, r, limit);
}

export const chainSection: Section = {
  name: 'chain',
  title: 'chain plan (each step depends on the previous): time and history per step',
  needsTemporal: true,
  defaultRounds: 3,
  run: (ctx) => measure(ctx, 'chain'),
};

export const parallelSection: Section = {
  name: 'parallel',
  title: `parallel plan (independent steps, maxParallel ${PARALLEL}): time and history per step`,
  needsTemporal: true,
  defaultRounds: 3,
  run: (ctx) => measure(ctx, 'parallel'),
};
