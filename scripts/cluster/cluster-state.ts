/**
 * What a cluster dir keeps across `up`s: `<dir>/cluster.json` (mode 0600) with the ports chosen at the
 * first `up`, the database passwords and the keys every golive process shares (payload codec,
 * operator-message attestation), and `<dir>/tokens.json` (0600), the API's bearer tokens. Kept, so a
 * restarted cluster listens where it did and still reads its encrypted history.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TokensConfig } from '../../api/auth';
import { EVERY_ROLE } from '../../workflows/roles';
import { newKeyEntry } from '../../workers/codec-keys';
import { DEFAULT_TASK_QUEUE } from '../../workers/temporal-config';
import { freePortsInRange } from '../free-port';
import { SERVER_PORT_NAMES, type ServerPorts } from './temporal-server';

export interface ClusterState {
  namespace: string;
  taskQueue: string;
  /** `ui` is absent from dirs made before the cluster had a Temporal UI: added at their next `up`. */
  ports: { postgres: number; api: number; ui: number; server: ServerPorts };
  pgSuperPassword: string;
  pgPassword: string;
  codecKeys: string;
  attestationKeys: string;
}

export const stateFile = (dir: string): string => path.join(dir, 'cluster.json');
export const tokensFile = (dir: string): string => path.join(dir, 'tokens.json');

const secret = (): string => randomBytes(18).toString('hex');

export async function readState(dir: string): Promise<ClusterState | undefined> {
  if (!existsSync(stateFile(dir))) return undefined;
  return JSON.parse(await fs.readFile(stateFile(dir), 'utf8')) as ClusterState;
}

/** The dir's state, made (free ports, fresh secrets) at the first `up`. */
export async function loadOrCreateState(dir: string): Promise<{ state: ClusterState; created: boolean }> {
  const existing = await readState(dir);
  if (existing?.ports.ui !== undefined) return { state: existing, created: false };
  if (existing) {
    // The cluster may be down, its own ports free: never hand one of them out again.
    const taken = new Set([existing.ports.postgres, existing.ports.api, ...Object.values(existing.ports.server)]);
    const ui = (await freePortsInRange(8, 20_000, 32_767)).find((port) => !taken.has(port))!;
    const state = { ...existing, ports: { ...existing.ports, ui } };
    await writeState(dir, state);
    return { state, created: false };
  }
  // Below 32768 for them all: the server stores membership ports as a SQL smallint.
  const free = await freePortsInRange(SERVER_PORT_NAMES.length + 3, 20_000, 32_767);
  const state: ClusterState = {
    namespace: 'default',
    taskQueue: DEFAULT_TASK_QUEUE,
    ports: {
      postgres: free[0],
      api: free[1],
      ui: free[2],
      server: Object.fromEntries(SERVER_PORT_NAMES.map((name, i) => [name, free[i + 3]])) as unknown as ServerPorts,
    },
    pgSuperPassword: secret(),
    pgPassword: secret(),
    codecKeys: newKeyEntry('k1'),
    attestationKeys: newKeyEntry('a1'),
  };
  await writeState(dir, state);
  return { state, created: true };
}

async function writeState(dir: string, state: ClusterState): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/** Writes `tokens` when given; else keeps the file, or makes one token holding every role. */
export async function ensureTokens(dir: string, tokens?: TokensConfig): Promise<string> {
  const file = tokensFile(dir);
  if (tokens || !existsSync(file)) {
    const config: TokensConfig = tokens ?? { tokens: [{ token: secret(), operator: 'operator', roles: [EVERY_ROLE] }] };
    await fs.writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  }
  return file;
}
