/**
 * A cluster dir's kept state (scripts/cluster/cluster-state.ts): made once with every port distinct;
 * a dir made before the cluster had a Temporal UI gets a UI port at its next `up`, everything else kept.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateState, readState, stateFile } from '../../scripts/cluster/cluster-state';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-cluster-state-'));
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('a new dir gets distinct ports below 32768 and a 0600 state file; the next load reads it back', async () => {
  const { state, created } = await loadOrCreateState(dir);
  expect(created).toBe(true);
  const ports = [state.ports.postgres, state.ports.api, state.ports.ui, ...Object.values(state.ports.server)];
  expect(new Set(ports).size).toBe(ports.length);
  expect(ports.every((port) => port >= 20_000 && port <= 32_767)).toBe(true);
  expect((await fs.stat(stateFile(dir))).mode & 0o777).toBe(0o600);
  expect(await loadOrCreateState(dir)).toEqual({ state, created: false });
});

test('a dir from before the Temporal UI gains a UI port, keeping its ports, passwords and keys', async () => {
  const { state } = await loadOrCreateState(dir);
  const olderPorts: Partial<typeof state.ports> = { ...state.ports };
  delete olderPorts.ui;
  await fs.writeFile(stateFile(dir), JSON.stringify({ ...state, ports: olderPorts }));
  const upgraded = await loadOrCreateState(dir);
  expect(upgraded.created).toBe(false);
  expect(upgraded.state).toEqual({ ...state, ports: { ...olderPorts, ui: expect.any(Number) } });
  expect([state.ports.postgres, state.ports.api, ...Object.values(state.ports.server)]).not.toContain(upgraded.state.ports.ui);
  expect(await readState(dir)).toEqual(upgraded.state);
});
