/**
 * Figure 8: a 7-day hypercare watch with a checkpoint every 4 h (42 checkpoints), time-scaled
 * through the workflow input's `timeScale` multiplier (started through the Temporal client, so
 * the scale is exact), one static metric always within its limit.
 */
import { api, apiError, type StatusView } from '../api-client';
import { validated, watchPlan } from '../plans';
import { RUN_TAG, awaitEnd, startGoliveDirect, terminateQuietly } from '../runs';
import { stackOf, type Section } from '../section';

const EVERY_MS = 4 * 3_600_000;
const UNTIL_MS = 7 * 86_400_000;

export const watchSection: Section = {
  name: 'watch',
  title: '7-day, 4-hourly hypercare watch, time-scaled',
  defaultRounds: 1,
  needsTemporal: true,
  async run(ctx) {
    const stack = stackOf(ctx);
    // 4 h → 1 s (42 s of timers, about a minute in all); --quick: 4 h → 0.25 s.
    const scaledEveryMs = ctx.options.quick ? 250 : 1000;
    const timeScale = scaledEveryMs / EVERY_MS;
    const expected = Math.floor(UNTIL_MS / EVERY_MS);
    const idealMs = (UNTIL_MS / EVERY_MS) * scaledEveryMs;
    const id = `watch-${RUN_TAG}`;
    const started = performance.now();
    let completed = false;
    try {
      await startGoliveDirect(stack.client, id, { plan: validated(watchPlan('bench-watch', '4h', '7d')), mode: 'rehearsal', timeScale });
      const end = await awaitEnd(stack.client, id, 2 * idealMs + 60_000);
      const ms = performance.now() - started;
      completed = end.ok;
      if (!end.ok) ctx.report.error('watch', `did not complete: ${end.error}`);
      const status = await api<StatusView>(stack, 'GET', `/cutovers/${id}`);
      const checkpoints = status.status === 200 ? (status.body.gates ?? []).filter((g) => g.kind === 'checkpoint' && g.state === 'decided').length : null;
      if (status.status !== 200) ctx.report.error('watch', `GET /cutovers/${id}: ${apiError(status)}`);
      ctx.report.row({
        section: 'watch',
        metric: `7 d every 4 h at 4 h = ${scaledEveryMs / 1000} s`,
        unit: 'ms',
        values: { completed, 'wall time': ms, 'ideal (scaled 7 d)': idealMs, 'checkpoints decided': checkpoints, expected, 'overhead per checkpoint': (ms - idealMs) / expected },
        ratio: ms / idealMs,
        note: 'ratio = wall / ideal; checkpoints are timed from the end of the previous one',
      });
      ctx.report.check('7-day watch completes', completed, completed ? `yes, ${(ms / 1000).toFixed(0)} s, ${checkpoints} checkpoints` : 'no');
    } finally {
      if (!completed) await terminateQuietly(stack.client, id);
    }
  },
};
