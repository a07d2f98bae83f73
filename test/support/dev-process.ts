/**
 * `golive dev` as a child process on free ports and its own data dir, for tests that run the
 * whole embedded stack as a user does. `stopAll()` (afterAll) kills whatever is still running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts } from '../../scripts/free-port';
import { spawnCli, type RunningCli } from './child-process';

export interface DevProcesses {
  dataDir: string;
  ports: { api: number; temporal: number; ui: number };
  start(extra?: string[]): RunningCli;
  stopAll(): Promise<void>;
}

export async function devProcesses(prefix: string): Promise<DevProcesses> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `golive-${prefix}-`));
  const [api, temporal, ui] = await freePorts(3);
  const started: RunningCli[] = [];
  return {
    dataDir,
    ports: { api, temporal, ui },
    start(extra = []) {
      const dev = spawnCli(['dev', '--api-port', String(api), '--temporal-port', String(temporal), '--ui-port', String(ui), '--data-dir', dataDir, ...extra]);
      started.push(dev);
      return dev;
    },
    async stopAll() {
      for (const dev of started) {
        if (dev.child.exitCode !== null) continue;
        dev.child.kill('SIGKILL');
        await dev.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
