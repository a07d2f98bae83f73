/**
 * The golive API and workers of a cluster: each `node dist/cli/main.js api|worker`, configured only
 * through the environment workers/settings.ts reads, the same for every process (address, namespace,
 * task queue, codec and attestation keys), plus the API's tokens and the workers' shared snapshot dir.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../workers/project-root';
import type { ClusterState } from './cluster-state';
import type { ProcessSpec } from './managed-process';
import { uiUrlOf } from './temporal-ui';
import { ClusterError } from './readiness';

export const API = 'golive-api';
export const workerName = (n: number): string => `golive-worker-${n}`;

export function cliEntry(): string {
  const entry = path.join(projectRoot, 'dist', 'cli', 'main.js');
  if (!existsSync(entry)) throw new ClusterError(`${entry} is missing: run \`npm run build\` first`);
  return entry;
}

export const temporalAddressOf = (state: ClusterState): string => `127.0.0.1:${state.ports.server.frontend}`;
export const apiUrlOf = (state: ClusterState): string => `http://127.0.0.1:${state.ports.api}`;

/** This environment without Temporal or golive settings: a cluster process reads only what the cluster sets. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_') && !key.startsWith('GOLIVE_')));
}

function sharedEnv(dir: string, state: ClusterState): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    TEMPORAL_ADDRESS: temporalAddressOf(state),
    TEMPORAL_NAMESPACE: state.namespace,
    TEMPORAL_TASK_QUEUE: state.taskQueue,
    GOLIVE_CODEC_KEYS: state.codecKeys,
    GOLIVE_ATTESTATION_KEYS: state.attestationKeys,
    GOLIVE_LOG_FORMAT: 'json',
    GOLIVE_CONSOLE_URL: apiUrlOf(state),
    GOLIVE_SNAPSHOT_DIR: path.join(dir, 'snapshots'),
  };
}

export function apiProcess(dir: string, state: ClusterState, tokens: string): ProcessSpec {
  return {
    name: API,
    command: process.execPath,
    args: [cliEntry(), 'api'],
    // The cluster's Temporal UI decodes payloads through this API's /codec, from its own origin.
    env: { ...sharedEnv(dir, state), GOLIVE_API_PORT: String(state.ports.api), GOLIVE_TOKENS_FILE: tokens, GOLIVE_CODEC_CORS_ORIGINS: uiUrlOf(state.ports.ui) },
    cwd: projectRoot,
  };
}

export function workerProcess(dir: string, state: ClusterState, n: number, extraEnv: NodeJS.ProcessEnv = {}): ProcessSpec {
  return {
    name: workerName(n),
    command: process.execPath,
    args: [cliEntry(), 'worker'],
    env: { ...sharedEnv(dir, state), ...extraEnv },
    cwd: projectRoot,
  };
}
