/**
 * The cluster's Temporal UI, as compose has one: Temporal's ui-server v2.42.1 (the UI the Temporal
 * CLI v1.5.1 embeds in its dev server, so the module is already in a machine's Go module cache once
 * the CLI was built), with the config kept in the repo (deploy/cluster/temporal-ui.yaml, a template
 * filled from GOLIVE_CLUSTER_* variables). Payloads are encrypted: the browser decodes them through
 * the API's /codec, whose CORS lets the UI's origin in.
 *
 * Found like the server: --temporal-ui / $GOLIVE_TEMPORAL_UI (a file), then the cache
 * `<cacheDir>/temporal-ui/v2.42.1/ui-server`, then `go install` into it.
 */
import path from 'node:path';
import { defaultCacheDir } from '../temporal-cli';
import { projectRoot } from '../../workers/project-root';
import type { ProcessSpec } from './managed-process';
import { cachedOrBuilt, problemWith, ServerBinariesError, type BinarySpec } from './server-binaries';
import { SERVER_CONFIG_DIR } from './temporal-server';

export const TEMPORAL_UI = 'temporal-ui';
const UI_SPEC: BinarySpec = {
  name: 'ui-server',
  packagePath: 'github.com/temporalio/ui-server/v2/cmd/server',
  version: 'v2.42.1',
  versionLine: /^Temporal UI version\s+(\S+)/m,
  expected: 'Temporal UI version 2.42.1',
  label: 'the Temporal UI server',
};

export interface UiBinary {
  path: string;
  source: 'explicit' | 'cache' | 'go-install';
}

export interface UiSettings {
  uiPort: number;
  frontendPort: number;
  namespace: string;
  /** The API's codec endpoint, `http://127.0.0.1:<api>/codec`. */
  codecEndpoint: string;
}

export async function resolveUiBinary(options: { explicit?: string; cacheDir?: string; allowBuild?: boolean; onProgress?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<UiBinary> {
  const env = options.env ?? process.env;
  const explicit = options.explicit?.trim() || env.GOLIVE_TEMPORAL_UI?.trim() || undefined;
  if (explicit !== undefined) {
    const origin = options.explicit?.trim() ? '--temporal-ui' : 'GOLIVE_TEMPORAL_UI';
    const file = path.resolve(explicit);
    const problem = await problemWith(UI_SPEC, file, env);
    if (problem !== undefined) throw new ServerBinariesError(`the Temporal UI server given by ${origin} is unusable: ${problem}`);
    return { path: file, source: 'explicit' };
  }
  const dir = path.join(options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(env), 'temporal-ui', UI_SPEC.version);
  const outcome = await cachedOrBuilt(UI_SPEC, dir, { allowBuild: options.allowBuild, env, progress: options.onProgress ?? ((): void => undefined) });
  if (typeof outcome === 'object') {
    throw new ServerBinariesError(
      `no usable Temporal UI server ${UI_SPEC.version}: ${outcome.failure}. Fix: run \`golive cluster provision\` with Go on PATH, or point GOLIVE_TEMPORAL_UI / --temporal-ui at a ui-server ${UI_SPEC.version}.`,
    );
  }
  return { path: path.join(dir, UI_SPEC.name), source: outcome };
}

export const uiUrlOf = (port: number): string => `http://127.0.0.1:${port}`;

export function temporalUiProcess(binary: string, settings: UiSettings): ProcessSpec {
  return {
    name: TEMPORAL_UI,
    command: binary,
    // The loader reads <root>/<config>/<env>.yaml: deploy/cluster/temporal-ui.yaml.
    args: ['--root', projectRoot, '--config', SERVER_CONFIG_DIR, '--env', 'temporal-ui', 'start'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GOLIVE_CLUSTER_UI_PORT: String(settings.uiPort),
      GOLIVE_CLUSTER_FRONTEND_PORT: String(settings.frontendPort),
      GOLIVE_CLUSTER_NAMESPACE: settings.namespace,
      GOLIVE_CLUSTER_CODEC_ENDPOINT: settings.codecEndpoint,
    },
  };
}

/** The UI answers its settings, which name golive's codec endpoint. */
export async function uiServes(port: number, codecEndpoint: string): Promise<boolean> {
  const response = await fetch(`${uiUrlOf(port)}/api/v1/settings`, { signal: AbortSignal.timeout(2_000) });
  if (response.status !== 200) throw new Error(`/api/v1/settings answered ${response.status}`);
  const settings = (await response.json()) as { Codec?: { Endpoint?: string } };
  if (settings.Codec?.Endpoint !== codecEndpoint) throw new Error(`the UI's codec endpoint is ${JSON.stringify(settings.Codec?.Endpoint)}, not ${codecEndpoint}`);
  return true;
}
