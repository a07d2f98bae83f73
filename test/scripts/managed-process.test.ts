/**
 * The detached processes of `golive cluster` (scripts/cluster/managed-process.ts, readiness.ts): pid
 * and log files, a start that fails showing the log's tail, SIGTERM then SIGKILL, a pid file whose
 * pid now runs another program.
 */
import { writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killProcess, pidFile, runningPid, startDetached, stopProcess } from '../../scripts/cluster/managed-process';
import { ClusterError, waitUntilReady } from '../../scripts/cluster/readiness';

let dir: string;
const sh = (name: string, script: string) => ({ name, command: '/bin/sh', args: ['-c', script], env: { PATH: process.env.PATH } });

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-managed-'));
});

afterEach(async () => {
  for (const name of ['sleeper', 'stubborn']) await stopProcess(dir, name, 100).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

test('a process that dies while starting fails the wait with the tail of its log', async () => {
  await startDetached(dir, sh('broken', 'echo "config file corrupted: bad port"; exit 3'));
  const error = await waitUntilReady(dir, 'broken', async () => false, 10_000).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ClusterError);
  expect((error as Error).message).toMatch(/^broken exited while starting\n--- last lines of .*logs\/broken\.log ---\nconfig file corrupted: bad port$/);
});

test('a probe that never answers fails at the deadline with its last error', async () => {
  await startDetached(dir, sh('sleeper', 'sleep 30; :'));
  const error = await waitUntilReady(dir, 'sleeper', async () => Promise.reject(new Error('connection refused')), 600).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/^sleeper not ready after 1 s: connection refused/);
});

test('stop: SIGTERM, or SIGKILL after the grace period; the pid file goes', async () => {
  const pid = await startDetached(dir, sh('sleeper', 'sleep 30; :'));
  expect(runningPid(dir, 'sleeper')).toBe(pid);
  expect(await stopProcess(dir, 'sleeper')).toBe('stopped');
  expect(runningPid(dir, 'sleeper')).toBeUndefined();
  await expect(fs.stat(pidFile(dir, 'sleeper'))).rejects.toThrow();

  await startDetached(dir, sh('stubborn', 'trap "" TERM; while :; do sleep 0.1; done'));
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the shell install its trap
  expect(await stopProcess(dir, 'stubborn', 300)).toBe('killed');
  expect(await stopProcess(dir, 'stubborn')).toBe('not-running');
});

test('a crash (SIGKILL) leaves a pid file that no longer counts; a reused pid does not either', async () => {
  await startDetached(dir, sh('sleeper', 'sleep 30; :'));
  const pid = killProcess(dir, 'sleeper');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(runningPid(dir, 'sleeper')).toBeUndefined();
  // Our own pid runs node, not the recorded command.
  writeFileSync(pidFile(dir, 'sleeper'), JSON.stringify({ pid: process.pid, command: '/bin/sh', stopSignal: 'SIGTERM', startedAt: '' }));
  expect(runningPid(dir, 'sleeper')).toBeUndefined();
  expect(pid).toBeGreaterThan(0);
});
