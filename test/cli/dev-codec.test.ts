/**
 * `golive dev` without GOLIVE_CODEC_KEYS still encrypts: it writes one key into its data dir
 * (mode 0600) and reads it again on restart, so the cutovers kept in the SQLite history stay
 * readable; the Temporal UI is pointed at the API's codec endpoint.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts } from '../../scripts/free-port';
import { DEV_KEYS_FILE } from '../../workers/codec-keys';
import { until } from '../support/api-calls';
import { spawnCli, type RunningCli } from '../support/child-process';
import { demoToken } from '../support/demo-tokens';

const dataDir = mkdtempSync(path.join(tmpdir(), 'golive-dev-codec-'));
let running: RunningCli | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('golive dev keeps its own key in the data dir, reuses it on restart, and gives the UI its codec endpoint', async () => {
  const [api, temporal, ui] = await freePorts(3);
  const start = (extra: string[] = []) => {
    const args = ['dev', '--api-port', String(api), '--temporal-port', String(temporal), '--ui-port', String(ui), '--data-dir', dataDir, ...extra];
    running = spawnCli(args, { GOLIVE_CODEC_KEYS: '' });
    return running;
  };
  const dev = start(['--demo', '--demo-plan', 'hello-cutover']);
  const [, demoId] = await dev.waitForOutput(/demo cutover (\S+) \(/, 120_000);
  const keyFile = path.join(dataDir, DEV_KEYS_FILE);
  expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  const key = readFileSync(keyFile, 'utf8');
  expect(dev.output()).toContain(`payloads     encrypted (key from ${keyFile}); the Temporal UI decodes through http://127.0.0.1:${api}/codec`);
  // The web UI's own settings name the codec endpoint it calls.
  const settings = (await (await fetch(`http://127.0.0.1:${ui}/api/v1/settings`)).json()) as { Codec?: { Endpoint?: string } };
  expect(settings.Codec?.Endpoint).toBe(`http://127.0.0.1:${api}/codec`);
  const status = (url: string, token?: string) =>
    until(async () => (await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})).json() as Promise<{ state?: string }>, (body) => body.state === 'completed', 60_000);
  await status(`http://127.0.0.1:${api}/api/v1/cutovers/${demoId}`, demoToken(dataDir, 'cutover-lead'));
  dev.child.kill('SIGINT');
  expect(await dev.exited).toBe(0);

  // A new process, the same key: the worker replays the encrypted history to answer the status query.
  const again = start();
  await again.waitForOutput(/golive is running/, 120_000);
  expect(readFileSync(keyFile, 'utf8')).toBe(key);
  expect(await status(`http://127.0.0.1:${api}/api/v1/cutovers/${demoId}`)).toMatchObject({ state: 'completed' });
  again.child.kill('SIGTERM');
  expect(await again.exited).toBe(0);
}, 300_000);
