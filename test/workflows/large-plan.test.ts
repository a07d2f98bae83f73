/**
 * Scale on the real dev server: a 20,000-step plan runs to completion (continuing as new as its
 * history grows) and its status can be read all along; a decision's answer is the same size on
 * it as on a ten-step plan. GOLIVE_TEST_LARGE_STEPS shrinks it for a quick local run.
 */
import { finalSummary } from '../../api/cutover-service';
import { statusQuery, summaryQuery } from '../../workflows/messages';
import type { StatusDocument } from '../../workflows/status-document';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { testPlan } from '../support/plans';

const env = useCutoverTestEnv();
const STEPS = Number(process.env.GOLIVE_TEST_LARGE_STEPS ?? 20_000);
const CHAINS = 100;

/** `steps` noop steps in CHAINS parallel chains, then a go/no-go gate before one last step. */
function bulkPlan(name: string, steps: number) {
  const bulk = Array.from({ length: steps }, (_, i) => ({ id: `s${i}`, kind: 'noop', dependsOn: i >= CHAINS ? [`s${i - CHAINS}`] : [] }));
  return testPlan(
    name,
    [
      { id: 'bulk', steps: bulk },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [{ id: 'switch', kind: 'noop' }] },
    ],
    { settings: { maxParallel: CHAINS } },
  );
}

/** Decides the gate once it is open; the acknowledgement's size in bytes. */
async function decide(id: string, timeoutMs = 60_000): Promise<number> {
  await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.state === 'open'), timeoutMs);
  const ack = await sendUpdate(env.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', reason: 'bulk done', ...lead });
  expect(ack).toMatchObject({ effect: 'decided', gate: { decision: 'go' } });
  return JSON.stringify(ack).length;
}

test(`a ${STEPS}-step plan completes; its status reads all along; a decision answers the same size as on a small plan`, async () => {
  const small = await env.harness.start(bulkPlan('small-plan', 10));
  const smallAck = await decide(small);

  const id = await env.harness.start(bulkPlan('large-plan', STEPS));
  const handle = env.harness.client.workflow.getHandle(id);
  const reads: StatusDocument[] = [];
  let done = false;
  const result = finalSummary(handle).finally(() => {
    done = true;
  });
  // Read the status all along: every read answers, one page of steps, counts over all of them.
  const reader = (async () => {
    const deadline = Date.now() + 840_000;
    while (!done && Date.now() < deadline) {
      const doc = await handle.query(statusQuery);
      expect(doc.steps.length).toBeLessThanOrEqual(1000);
      expect(doc.stepsPage).toMatchObject({ total: STEPS + 1 });
      reads.push(doc);
      if (doc.gates.some((g) => g.state === 'open')) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  await reader;
  const largeAck = await decide(id);
  const summary = await result;
  expect(summary).toMatchObject({ state: 'completed', stepTotal: STEPS + 1, stepCounts: { succeeded: STEPS + 1 } });
  expect(reads.length).toBeGreaterThan(3);
  expect(Math.abs(largeAck - smallAck)).toBeLessThan(50);
  const lastPage = await handle.query(statusQuery, { cursor: String(STEPS - 10), limit: 1000 });
  expect(lastPage.steps.map((s) => s.id)).toEqual([...Array.from({ length: 10 }, (_, i) => `s${STEPS - 10 + i}`), 'switch']);
  expect((await handle.query(summaryQuery)).run).toBe(summary!.run);
  if (STEPS >= 10_000) expect(summary!.run).toBeGreaterThan(1);
}, 900_000);
