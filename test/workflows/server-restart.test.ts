/**
 * The Temporal dev server restarted in the middle of a cutover (same SQLite file, same port):
 * no step, decision or issue is lost, and the same worker process carries on.
 */
import { Client, Connection } from '@temporalio/client';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finishedDocument } from '../support/cutover-harness';
import { validatePlan } from '../../plan';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePorts } from '../../scripts/free-port';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import { installRuntime } from '../../workers/runtime';
import { startWorker, type GoliveWorker } from '../../workers/worker';
import type { CutoverInput } from '../../workflows/cutover-input';
import { statusQuery } from '../../workflows/messages';
import { lead, sendUpdate, waitForStatus } from '../support/operator';
import { testPlan } from '../support/plans';
import { uniqueId } from '../support/temporal-env';

const dataDir = mkdtempSync(path.join(tmpdir(), 'golive-restart-'));
let server: DevServer | undefined;
let worker: GoliveWorker | undefined;
let connection: Connection | undefined;

afterAll(async () => {
  await worker?.shutdown();
  await connection?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a restarted dev server loses no step, decision or issue', async () => {
  installRuntime();
  const cli = await resolveTemporalCli({ allowDownload: false, allowBuild: false });
  const [port, uiPort] = await freePorts(2);
  server = await startDevServer({ cliPath: cli.path, dataDir, port, uiPort });
  const taskQueue = uniqueId('restart');
  worker = await startWorker({ address: server.address, namespace: 'default', taskQueue });
  connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: createDataConverter(payloadProtectionFromEnv()) });

  const plan = validatePlan(
    testPlan('server-restart', [
      { id: 'prep', steps: [{ id: 'sign-off', kind: 'manual', owner: 'network', with: { instructions: 'Carrier confirms the port date' } }] },
      { id: 'cutover', gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } }, steps: [{ id: 'switch', kind: 'noop' }] },
    ]),
  );
  if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
  const id = uniqueId('server-restart');
  await client.workflow.start('cutoverWorkflow', { workflowId: id, taskQueue, args: [{ plan: plan.plan, mode: 'live' } satisfies CutoverInput] });

  await waitForStatus(client, id, (doc) => doc.steps[0].awaiting === 'completion');
  await sendUpdate(client, id, 'completeStep', { step: 'sign-off', evidence: 'email from carrier, 10:02', operator: 'sam', roles: ['network'] });
  await sendUpdate(client, id, 'reportIssue', { severity: 'medium', summary: 'wallboard lags 30 s', ...lead });
  await waitForStatus(client, id, (doc) => doc.gates.some((g) => g.state === 'open'));
  await sendUpdate(client, id, 'decide', { gate: 'go', decision: 'go', reason: 'first approval', ...lead });
  const before = await client.workflow.getHandle(id).query(statusQuery);

  await server.stop();
  server = await startDevServer({ cliPath: cli.path, dataDir, port, uiPort });

  const after = await waitForStatus(client, id, (doc) => doc.gates[0]?.approvals.length === 1, 60_000);
  expect(after.steps[0]).toEqual(before.steps[0]);
  expect(after.issues).toEqual(before.issues);
  expect(after.decisions).toEqual(before.decisions);
  await sendUpdate(client, id, 'decide', { gate: 'go', decision: 'go', reason: 'second approval', operator: 'lee', roles: ['cutover-lead'], source: 'api' });
  const doc = await finishedDocument(client, id);
  expect(doc!.state).toBe('completed');
  expect(doc!.decisions.map((d) => d.reason)).toEqual(['first approval', 'second approval']);
  expect(doc!.issues).toHaveLength(1);
  expect(doc!.steps[0].completion).toMatchObject({ operator: 'sam', evidence: 'email from carrier, 10:02' });
}, 180_000);
