/**
 * The embedded stack of `golive dev` / `npm start`: a Temporal dev server (SQLite file in the
 * data dir, web UI on), a worker and the API in this process, optionally a demo cutover.
 * stop() takes them down in reverse order; restarting on the same data dir finds old cutovers.
 * Payloads are encrypted with GOLIVE_CODEC_KEYS, else with a key kept in the data dir; the web UI
 * decodes them through the API's /codec endpoint.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadAuth, type Auth } from '../api/auth';
import { DEFAULT_API_PORT, startApi, type ApiServer } from '../api/server';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { searchAttributeTypes } from '../workflows/search-attributes';
import { freePort } from '../scripts/free-port';
import { resolveTemporalCli } from '../scripts/temporal-cli';
import { devCodecKeys } from '../workers/codec-keys';
import { logSettings } from '../workers/settings';
import { logger } from '../workers/logger';
import { installRuntime } from '../workers/runtime';
import { temporalConfigFromEnv } from '../workers/temporal-config';
import { startWorker, type GoliveWorker } from '../workers/worker';
import { provisioningProgress } from './provisioning-progress';
import { launchDemo, prepareDemo, type DemoRequest, type PreparedDemo, type RunningDemo } from './demo/demo';

export interface DevStackOptions {
  dataDir: string;
  apiPort?: number;
  temporalPort?: number;
  uiPort?: number;
  temporalCli?: string;
  /** Run examples/<plan>.yaml as the demo once everything is up (see cli/demo/demo.ts). */
  demo?: DemoRequest;
  /**
   * The API's bearer tokens; default GOLIVE_TOKENS_FILE / GOLIVE_TOKENS, else the API is open —
   * except with a demo, whose per-role tokens (written to the data dir) replace an open API.
   */
  auth?: Auth;
  /** The demo's story, line by line (default: stdout). */
  tell?: (line: string) => void;
}

export interface DevStack {
  server: DevServer;
  worker: GoliveWorker;
  api: ApiServer;
  /** Where the payload key came from: GOLIVE_CODEC_KEYS or the data dir's key file. */
  codecKeysOrigin: string;
  demo?: { prepared: PreparedDemo; running: RunningDemo };
  stop(): Promise<void>;
}

export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  installRuntime();
  // A bad tokens document stops us before anything is started.
  let auth = options.auth ?? loadAuth();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // A bad GOLIVE_CODEC_KEYS stops us here too; without it the data dir's own key keeps its history readable.
  const { keys, origin: keysOrigin } = devCodecKeys(dataDir);
  logger.info({ keyId: keys.encryptWith, from: keysOrigin }, 'payloads to Temporal are encrypted');
  // The UI is told where the codec is before the API listens, so the API's port is fixed first.
  const apiPort = options.apiPort === 0 ? await freePort() : (options.apiPort ?? DEFAULT_API_PORT);
  const { format } = logSettings(process.stdout.isTTY === true);
  const cli = await resolveTemporalCli({ explicitPath: options.temporalCli, onProgress: provisioningProgress(format) });
  const server = await startDevServer({
    cliPath: cli.path,
    dataDir,
    port: options.temporalPort,
    uiPort: options.uiPort,
    uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
    // golive's visibility (GoliveState…): registered at every start, only those missing are added.
    searchAttributes: searchAttributeTypes,
  });
  const stopped: Array<() => Promise<void>> = [() => server.stop()];
  const stop = async () => {
    for (const part of stopped.reverse().splice(0)) await part().catch((err: unknown) => logger.error({ err }, 'stopping a part failed'));
  };
  try {
    const prepared = options.demo ? await prepareDemo(dataDir, options.demo) : undefined;
    if (prepared) {
      stopped.push(() => prepared.simulator?.close() ?? Promise.resolve());
      if (auth.open) auth = prepared.tokens.auth;
    }
    const config = { ...temporalConfigFromEnv({ ...process.env, TEMPORAL_ADDRESS: server.address }), tls: undefined, apiKey: undefined };
    const worker = await startWorker(config, { payloads: keys });
    stopped.push(() => worker.shutdown());
    const uiOrigins = [server.uiUrl, `http://localhost:${server.uiPort}`];
    const api = await startApi(config, { port: apiPort, auth, payloads: keys, codecCorsOrigins: uiOrigins });
    stopped.push(() => api.close());
    let demo: DevStack['demo'];
    if (prepared) {
      const running = await launchDemo(api, prepared, options.tell ?? ((line) => process.stdout.write(`${line}\n`)));
      stopped.push(() => running.stop());
      demo = { prepared, running };
    }
    return { server, worker, api, codecKeysOrigin: keysOrigin, demo, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
