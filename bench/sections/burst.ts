/**
 * Figure 5: 100 ten-step cutovers started at once through the API (POST /cutovers) vs 100 bare
 * workflows started at once through the client: time until all ended, failures. Meanwhile
 * GET /cutovers is called back to back (during both bursts, so both carry the same extra load);
 * its latency during the golive burst is the figure.
 */
import { api, apiError } from '../api-client';
import { bareInput, noopPlan, validated } from '../plans';
import { RUN_TAG, awaitEnd, clientOf, startBare, terminateQuietly, type System } from '../runs';
import { stackOf, type Section } from '../section';
import type { Stack } from '../stack';
import { percentiles, range, ratio } from '../stats';
import { errorMessage } from '../until';

const STEPS = 10;
const TIMEOUT_MS = 5 * 60_000;

interface BurstResult {
  ms: number;
  failures: string[];
  listMs: number[];
  listFailures: string[];
}

/** GET /cutovers back to back until `done` settles. */
async function pollList(stack: Stack, done: Promise<unknown>): Promise<{ ms: number[]; failures: string[] }> {
  let finished = false;
  done.then(
    () => (finished = true),
    () => (finished = true),
  );
  const ms: number[] = [];
  const failures: string[] = [];
  while (!finished) {
    try {
      const answer = await api(stack, 'GET', '/cutovers');
      if (answer.status === 200) ms.push(answer.ms);
      else failures.push(apiError(answer));
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  return { ms, failures };
}

async function burst(stack: Stack, system: System, count: number, round: number): Promise<BurstResult> {
  const raw = noopPlan('bench-burst', STEPS, 'chain', 4);
  const plan = validated(raw);
  const ids = Array.from({ length: count }, (_, i) => `burst-${system}-r${round}-${i}-${RUN_TAG}`);
  const failures: string[] = [];
  const started = performance.now();
  const all = Promise.all(
    ids.map(async (id) => {
      try {
        if (system === 'golive') {
          const answer = await api(stack, 'POST', '/cutovers', { body: { plan: raw, id } });
          if (answer.status !== 201) throw new Error(`POST /cutovers: ${apiError(answer)}`);
        } else {
          await startBare(stack.bareClient, id, bareInput(plan));
        }
      } catch (err) {
        failures.push(`${id}: ${errorMessage(err)}`);
        return;
      }
      const end = await awaitEnd(clientOf(stack, system), id, TIMEOUT_MS);
      if (!end.ok) failures.push(`${id}: ${end.error}`);
    }),
  );
  const list = pollList(stack, all);
  await all;
  const ms = performance.now() - started;
  const { ms: listMs, failures: listFailures } = await list;
  await Promise.all(ids.map((id) => terminateQuietly(clientOf(stack, system), id)));
  return { ms, failures, listMs, listFailures };
}

export const burstSection: Section = {
  name: 'burst',
  title: '100 concurrent 10-step cutovers (API) vs 100 concurrent bare workflows',
  defaultRounds: 1,
  needsTemporal: true,
  async run(ctx) {
    const stack = stackOf(ctx);
    const count = ctx.options.quick ? 10 : 100;
    const totals: Record<System, number[]> = { golive: [], bare: [] };
    const failures: Record<System, number> = { golive: 0, bare: 0 };
    const listMs: Record<System, number[]> = { golive: [], bare: [] };
    let listFailures = 0;
    for (let round = 1; round <= ctx.options.rounds; round++) {
      for (const system of ['golive', 'bare'] as const) {
        const result = await burst(stack, system, count, round);
        totals[system].push(result.ms);
        failures[system] += result.failures.length;
        listMs[system].push(...result.listMs);
        listFailures += result.listFailures.length;
        if (result.failures.length > 0) ctx.report.error('burst', `${system} round ${round}: ${result.failures.length} failed, e.g. ${result.failures[0]}`);
        if (result.listFailures.length > 0) ctx.report.error('burst', `GET /cutovers during ${system} round ${round}: ${result.listFailures.length} failed, e.g. ${result.listFailures[0]}`);
        ctx.log(`burst round ${round} ${system}: ${count} done in ${(result.ms / 1000).toFixed(1)} s, ${result.failures.length} failed`);
      }
    }
    const golive = range(totals.golive);
    const bare = range(totals.bare);
    const r = ratio(golive.median, bare.median);
    ctx.report.row({
      section: 'burst',
      metric: `${count} concurrent ${STEPS}-step runs: time until all ended`,
      unit: 'ms',
      values: { golive: golive, bare },
      ratio: r,
      note: `failures golive ${failures.golive}, bare ${failures.bare}`,
    });
    ctx.report.row({
      section: 'burst',
      metric: 'GET /cutovers latency during the burst',
      unit: 'ms',
      values: { 'golive burst': percentiles(listMs.golive), 'bare burst': percentiles(listMs.bare) },
      note: `${listFailures} failed`,
    });
    const name = `${count} concurrent cutovers: golive/bare time until all ended`;
    if (failures.golive === 0 && failures.bare === 0) ctx.report.target(name, r, 1.15);
    else ctx.report.check(name, false, `${failures.golive} golive and ${failures.bare} bare runs failed (ratio ${r.toFixed(2)})`, '≤ 1.15, none failed');
  },
};
