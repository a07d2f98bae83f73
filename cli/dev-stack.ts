/**
 * The embedded stack of `golive dev` / `npm start`: a Temporal dev server (SQLite file in the
 * data dir, web UI on), a worker and the API in this process, optionally a demo cutover.
 * stop() takes them down in reverse order; restarting on the same data dir finds old cutovers.
 * Payloads are encrypted with GOLIVE_CODEC_KEYS, else with a key kept in the data dir; the web UI
 * decodes them through the API's /codec endpoint.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAuth, type Auth } from '../api/auth';
import { planFromRequestValue } from '../api/plan-body';
import { defaultCutoverId } from '../api/routes/cutovers';
import { DEFAULT_API_PORT, startApi, type ApiServer } from '../api/server';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { freePort } from '../scripts/free-port';
import { resolveTemporalCli } from '../scripts/temporal-cli';
import { devCodecKeys } from '../workers/codec-keys';
import { logger } from '../workers/logger';
import { projectRoot } from '../workers/project-root';
import { installRuntime } from '../workers/runtime';
import { temporalConfigFromEnv } from '../workers/temporal-config';
import { startWorker, type GoliveWorker } from '../workers/worker';

export interface DevStackOptions {
  dataDir: string;
  apiPort?: number;
  temporalPort?: number;
  uiPort?: number;
  temporalCli?: string;
  /** Start examples/<demo>.yaml once everything is up. */
  demo?: string;
  /** The API's bearer tokens; default GOLIVE_TOKENS_FILE / GOLIVE_TOKENS, else the API is open. */
  auth?: Auth;
}

export interface DevStack {
  server: DevServer;
  worker: GoliveWorker;
  api: ApiServer;
  /** Where the payload key came from: GOLIVE_CODEC_KEYS or the data dir's key file. */
  codecKeysOrigin: string;
  demoId?: string;
  stop(): Promise<void>;
}

export const DEMO_PLAN = 'hello-cutover';

export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  installRuntime();
  // A bad tokens document stops us before anything is started.
  const auth = options.auth ?? loadAuth();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // A bad GOLIVE_CODEC_KEYS stops us here too; without it the data dir's own key keeps its history readable.
  const { keys, origin: keysOrigin } = devCodecKeys(dataDir);
  logger.info({ keyId: keys.encryptWith, from: keysOrigin }, 'payloads to Temporal are encrypted');
  // The UI is told where the codec is before the API listens, so the API's port is fixed first.
  const apiPort = options.apiPort === 0 ? await freePort() : (options.apiPort ?? DEFAULT_API_PORT);
  const cli = await resolveTemporalCli({ explicitPath: options.temporalCli, onProgress: (line) => process.stderr.write(`${line}\n`) });
  const server = await startDevServer({
    cliPath: cli.path,
    dataDir,
    port: options.temporalPort,
    uiPort: options.uiPort,
    uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
  });
  const stopped: Array<() => Promise<void>> = [() => server.stop()];
  const stop = async () => {
    for (const part of stopped.reverse().splice(0)) await part().catch((err: unknown) => logger.error({ err }, 'stopping a part failed'));
  };
  try {
    const config = { ...temporalConfigFromEnv({ ...process.env, TEMPORAL_ADDRESS: server.address }), tls: undefined, apiKey: undefined };
    const worker = await startWorker(config, { payloads: keys });
    stopped.push(() => worker.shutdown());
    const uiOrigins = [server.uiUrl, `http://localhost:${server.uiPort}`];
    const api = await startApi(config, { port: apiPort, auth, payloads: keys, codecCorsOrigins: uiOrigins });
    stopped.push(() => api.close());
    let demoId: string | undefined;
    if (options.demo) {
      // Started by the stack itself, not through HTTP: it holds no operator token.
      const { plan } = planFromRequestValue(readFileSync(path.join(projectRoot, 'examples', `${options.demo}.yaml`), 'utf8'));
      demoId = (await api.cutovers.start(plan, defaultCutoverId(plan.name, new Date()), 'live', 'golive dev')).id;
    }
    return { server, worker, api, codecKeysOrigin: keysOrigin, demoId, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
