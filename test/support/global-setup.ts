/**
 * jest globalSetup: one Temporal dev server for the whole run, on free ports and a fresh temp
 * SQLite dir. Tests find it through TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE (helpers in
 * temporal-env.ts) and the web UI through GOLIVE_TEST_TEMPORAL_UI.
 *
 *   GOLIVE_TEST_TEMPORAL_ADDRESS=host:port  use that server instead of starting one
 *   GOLIVE_TEST_NO_TEMPORAL=1               start nothing (for runs that need no Temporal)
 *   GOLIVE_CODEC_KEYS                       payload keys; a fresh key for the run when unset, shared by
 *                                           every test client, worker, child process and the replay test
 *   GOLIVE_TEMPORAL_CLI, GOLIVE_CACHE_DIR…  how the CLI is found (scripts/temporal-cli.ts)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import { CODEC_KEYS_ENV, newKeyEntry } from '../../workers/codec-keys';
import { logger } from '../../workers/logger';
import { ensureSearchAttributes } from '../../workers/search-attribute-setup';
import { searchAttributeTypes } from '../../workflows/search-attributes';
import { GLOBAL_HANDLE_KEY } from './temporal-env';
import { prebuildWorkflowBundle } from './workflow-bundle';

export interface GlobalTemporal {
  server: DevServer;
  dataDir: string;
}

const log = logger.child({ module: 'jest-global-setup' });

/** Client settings from the developer's shell (TLS, API key, Cloud address) must not reach the tests. */
function clearTemporalEnv(): void {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('TEMPORAL_')) delete process.env[key];
  }
}

/** An external server gets golive's search attributes too (idempotent: nothing added when they are there). */
async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    await ensureSearchAttributes(connection, namespace);
  } finally {
    await connection.close();
  }
}

export default async function globalSetup(): Promise<void> {
  // Test output stays readable; GOLIVE_LOG_LEVEL=info shows every step's log line.
  process.env.GOLIVE_LOG_LEVEL ??= 'warn';
  // Tests run with payload encryption on, as production does (also the unit tests, which build data converters).
  process.env[CODEC_KEYS_ENV] ||= newKeyEntry('test');
  // One attestation key for the run: in-process and child-process APIs, workers and test senders agree.
  process.env.GOLIVE_ATTESTATION_KEYS ??= `test:${randomBytes(32).toString('base64')}`;
  if (process.env.GOLIVE_TEST_NO_TEMPORAL === '1') return;
  const external = process.env.GOLIVE_TEST_TEMPORAL_ADDRESS;
  const externalNamespace = process.env.GOLIVE_TEST_TEMPORAL_NAMESPACE;
  clearTemporalEnv();
  if (external) {
    process.env.TEMPORAL_ADDRESS = external;
    process.env.TEMPORAL_NAMESPACE = externalNamespace || 'default';
    await registerSearchAttributes(external, process.env.TEMPORAL_NAMESPACE);
    log.info({ address: external }, 'tests use an external Temporal server');
    return;
  }

  const started = Date.now();
  const cli = await resolveTemporalCli({ onProgress: (line) => log.info(line) });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-test-temporal-'));
  let server: DevServer;
  try {
    server = await startDevServer({ cliPath: cli.path, dataDir, searchAttributes: searchAttributeTypes });
  } catch (err) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  // Every test worker reuses one workflow bundle instead of running webpack itself.
  process.env.GOLIVE_WORKFLOW_BUNDLE = await prebuildWorkflowBundle(dataDir);
  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.TEMPORAL_NAMESPACE = server.namespace;
  process.env.GOLIVE_TEST_TEMPORAL_UI = server.uiUrl;
  (globalThis as Record<string, unknown>)[GLOBAL_HANDLE_KEY] = { server, dataDir } satisfies GlobalTemporal;
  log.info(
    { address: server.address, ui: server.uiUrl, cli: cli.path, source: cli.source, ms: Date.now() - started },
    'Temporal dev server for tests is ready',
  );
}
