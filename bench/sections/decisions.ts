/**
 * Figure 3: gate decision latency through the golive API (POST …/gates/:gate/decisions) and
 * straight to Temporal (the `decide` update), interleaved, on a small and a large plan. The gate
 * needs a huge quorum, so every `go` from a distinct operator is one more approval and the gate
 * stays open for every sample.
 */
import { MAX_QUORUM } from '../../plan/limits';
import { operatorMessages } from '../../workflows/messages';
import { api, apiError, type StatusView } from '../api-client';
import { GATE_ID, LEAD_ROLE, gatePlan, validated } from '../plans';
import { RUN_TAG, startGolive, terminateQuietly } from '../runs';
import { stackOf, type Section, type SectionContext } from '../section';
import type { Stack } from '../stack';
import { percentiles, ratio } from '../stats';
import { errorMessage, until } from '../until';

/** The plan model's upper bound: far more approvals than the section sends (2 × (warm-up + samples)). */
const QUORUM = MAX_QUORUM;
const WARMUP = 5;

export function decisionSamples(quick: boolean): number {
  return quick ? 20 : 200;
}

/** Distinct API operators the section needs (each approves once per gate). */
export function approversNeeded(quick: boolean): number {
  return WARMUP + decisionSamples(quick);
}

async function gateOpen(stack: Stack, id: string, timeoutMs: number): Promise<void> {
  await until(
    `gate ${GATE_ID} of ${id} to open`,
    async () => {
      const answer = await api<StatusView>(stack, 'GET', `/cutovers/${id}`);
      if (answer.status !== 200) throw new Error(apiError(answer));
      if (answer.body.gates?.some((gate) => gate.id === GATE_ID && gate.state === 'open')) return true;
      if (!['running', 'awaiting-decision'].includes(answer.body.state)) throw new Error(`cutover ended ${answer.body.state} before its gate opened`);
      return undefined;
    },
    timeoutMs,
    1000,
  );
}

async function sampleSize(ctx: SectionContext, steps: number): Promise<void> {
  const stack = stackOf(ctx);
  const samples = decisionSamples(ctx.options.quick);
  const id = `decisions-${steps}-${RUN_TAG}`;
  const plan = validated(gatePlan(`bench-decisions-${steps}`, steps, QUORUM, 100));
  const started = Date.now();
  await startGolive(stack, id, plan);
  try {
    await gateOpen(stack, id, Math.max(60_000, steps * 60));
    ctx.log(`decisions ${steps}: gate open after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const handle = stack.client.workflow.getHandle(id);
    const viaApi: number[] = [];
    const direct: number[] = [];
    const failures = { api: [] as string[], direct: [] as string[] };
    for (let i = 0; i < WARMUP + samples; i++) {
      const measured = i >= WARMUP;
      const apiAnswer = await api(stack, 'POST', `/cutovers/${id}/gates/${GATE_ID}/decisions`, {
        token: stack.approverToken(i),
        body: { decision: 'go', reason: `bench sample ${i}` },
      }).catch((err: unknown) => ({ status: 0, body: { error: { code: 'fetch', message: errorMessage(err) } }, ms: Number.NaN }));
      if (apiAnswer.status === 200) {
        if (measured) viaApi.push(apiAnswer.ms);
      } else failures.api.push(apiError(apiAnswer));

      const t0 = performance.now();
      try {
        await handle.executeUpdate(operatorMessages.decide.update, {
          args: [{ gate: GATE_ID, decision: 'go', reason: `bench sample ${i}`, operator: `direct-approver-${i}`, roles: [LEAD_ROLE], source: 'cli' }],
        });
        if (measured) direct.push(performance.now() - t0);
      } catch (err) {
        failures.direct.push(errorMessage(err));
      }
    }
    for (const [way, list] of Object.entries(failures)) {
      if (list.length > 0) ctx.report.error('decisions', `${steps} steps: ${list.length} ${way} decisions failed, e.g. ${list[0]}`);
    }
    const apiP = percentiles(viaApi);
    const directP = percentiles(direct);
    const r = ratio(apiP.p99, directP.p99);
    ctx.report.row({
      section: 'decisions',
      metric: `${steps}-step plan: decision latency`,
      unit: 'ms',
      values: { api: apiP, direct: directP },
      ratio: r,
      note: `p99 ratio; failures api ${failures.api.length}, direct ${failures.direct.length}`,
    });
    const name = `decision p99 API / direct update p99, ${steps}-step plan`;
    if (viaApi.length === samples && direct.length === samples) ctx.report.target(name, r, 1.2);
    else ctx.report.check(name, false, `${samples - viaApi.length} API and ${samples - direct.length} direct samples failed`, '≤ 1.20, every sample answered');
  } finally {
    await terminateQuietly(stack.client, id);
  }
}

export const decisionsSection: Section = {
  name: 'decisions',
  title: 'gate decision latency: golive API vs a direct Temporal update',
  defaultRounds: 1,
  needsTemporal: true,
  async run(ctx) {
    for (const steps of ctx.options.quick ? [10, 300] : [10, 5000]) {
      try {
        await sampleSize(ctx, steps);
      } catch (err) {
        ctx.report.error('decisions', `${steps} steps: ${errorMessage(err)}`);
        ctx.report.target(`decision p99 API / direct update p99, ${steps}-step plan`, Number.NaN, 1.2);
      }
    }
  },
};
