/**
 * `golive dev --demo` as a user runs it: a real process starting a dev server, worker and API;
 * the demo cutover completes; Ctrl-C stops everything; a restart on the same data dir still
 * knows the earlier cutover.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts } from '../../scripts/free-port';
import { until } from '../support/api-calls';
import { spawnCli, type RunningCli } from '../support/child-process';
import { demoToken } from '../support/demo-tokens';

const dataDir = mkdtempSync(path.join(tmpdir(), 'golive-dev-test-'));
let ports: { api: number; temporal: number; ui: number };
let running: RunningCli | undefined;

beforeAll(async () => {
  const [api, temporal, ui] = await freePorts(3);
  ports = { api, temporal, ui };
});

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function startDev(extra: string[] = []): RunningCli {
  running = spawnCli([
    'dev',
    '--api-port', String(ports.api),
    '--temporal-port', String(ports.temporal),
    '--ui-port', String(ports.ui),
    '--data-dir', dataDir,
    ...extra,
  ]);
  return running;
}

async function getJson(url: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, body: await response.json() };
}

function pollUntil(url: string, done: (body: any) => boolean, timeoutMs: number, token?: string): Promise<any> {
  return until(async () => (await getJson(url, token)).body, done, timeoutMs);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('golive dev --demo runs the demo cutover, stops cleanly, and keeps it across a restart', async () => {
  const dev = startDev(['--demo', '--demo-plan', 'hello-cutover']);
  const [, demoId] = await dev.waitForOutput(/demo cutover (\S+) \(/, 120_000);
  expect(dev.output()).toContain(`console      http://127.0.0.1:${ports.api}/`);
  expect(dev.output()).toContain(`Temporal UI  http://127.0.0.1:${ports.ui}`);

  const api = `http://127.0.0.1:${ports.api}/api/v1`;
  const lead = demoToken(dataDir, 'cutover-lead');
  expect(dev.output()).toContain(lead);
  // The demo's API takes its tokens: no token, no status.
  expect((await getJson(`${api}/cutovers/${demoId}`)).status).toBe(401);
  const doc = await pollUntil(`${api}/cutovers/${demoId}`, (body) => body.state === 'completed', 60_000, lead);
  expect(doc.steps.every((step: { state: string }) => step.state === 'succeeded')).toBe(true);
  expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${ports.api}/`)).status).toBe(200);

  dev.child.kill('SIGINT');
  expect(await dev.exited).toBe(0);
  expect(dev.output()).toContain('golive stopped.');
  // Nothing is left listening: API, Temporal frontend and UI are all gone with the process.
  for (const port of [ports.api, ports.temporal, ports.ui]) expect(await portOpen(port)).toBe(false);

  const again = startDev();
  await again.waitForOutput(/golive is running/, 120_000);
  const kept = await getJson(`${api}/cutovers/${demoId}`);
  expect(kept.status).toBe(200);
  expect(kept.body.state).toBe('completed');
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
}, 300_000);

test('golive dev killed with SIGKILL leaves its Temporal server behind; the next start on the data dir stops it and runs', async () => {
  const first = startDev();
  await first.waitForOutput(/golive is running/, 120_000);
  first.child.kill('SIGKILL');
  await first.exited;
  // The server lives on in its own process group, holding the ports.
  expect(await portOpen(ports.temporal)).toBe(true);

  const second = startDev();
  await second.waitForOutput(/golive is running/, 120_000);
  // Stopped by the new start, or (its output pipe went with the killed golive) already dead: said either way.
  expect(second.output()).toMatch(/stopped the Temporal dev server an earlier golive left running on this data dir|the Temporal dev server it left on this data dir is gone/);
  expect(second.output()).not.toMatch(/address already in use/i);
  second.child.kill('SIGINT');
  expect(await second.exited).toBe(0);
  for (const port of [ports.api, ports.temporal, ports.ui]) expect(await portOpen(port)).toBe(false);
}, 300_000);
