/**
 * `golive worker` and `golive api`: each part alone against TEMPORAL_ADDRESS, so a worker can
 * be killed and restarted on its own. Both stop cleanly on SIGINT/SIGTERM. Both need
 * GOLIVE_CODEC_KEYS (payload encryption) unless told --plaintext-payloads, and the same
 * GOLIVE_ATTESTATION_KEYS (who sent an operator message).
 */
import { Option, type Command } from 'commander';
import { describeAuth } from '../../api/auth';
import { DEFAULT_API_PORT, startApi } from '../../api/server';
import { logger } from '../../workers/logger';
import { installRuntime } from '../../workers/runtime';
import { temporalConfig } from '../../workers/temporal-config';
import { readSettings, SettingsError, type Settings } from '../../workers/settings';
import { startWorker } from '../../workers/worker';
import { startWorkerMetricsServer } from '../../workers/metrics-server';
import { attestationKeysOrReport } from '../attestation-config';
import { loadAuthOrReport, tokensFileOption } from '../auth-config';
import { payloadProtectionOrReport } from '../codec-config';
import { configOrReport, usageError } from '../io';
import { untilShutdownSignal } from '../shutdown';

const plaintextOption = () =>
  new Option('--plaintext-payloads', 'run without GOLIVE_CODEC_KEYS: plans, snapshots and step outputs reach Temporal unencrypted');

/** The environment's settings, or undefined after naming the bad variable (exit 2). */
const settingsOrReport = (part: 'worker' | 'api'): Settings | undefined => configOrReport(() => readSettings(), SettingsError, `golive ${part}`);

export function registerProcesses(program: Command): void {
  program
    .command('worker')
    .description('run a golive worker against TEMPORAL_ADDRESS (cutover workflows and step activities)')
    .addOption(plaintextOption())
    .action(async (options: { plaintextPayloads?: boolean }) => {
      const settings = settingsOrReport('worker');
      if (!settings) return;
      const payloads = payloadProtectionOrReport(options.plaintextPayloads);
      if (!payloads || !attestationKeysOrReport('worker')) return;
      installRuntime();
      const worker = await startWorker(temporalConfig(settings), { payloads, maxConcurrentActivityTaskExecutions: settings.GOLIVE_WORKER_MAX_ACTIVITIES });
      const metricsPort = settings.GOLIVE_WORKER_METRICS_PORT;
      const metrics = metricsPort === undefined ? undefined : await startWorkerMetricsServer(metricsPort);
      const signal = await Promise.race([untilShutdownSignal(), worker.running.then(() => null)]);
      if (signal) logger.info({ signal }, 'stopping worker');
      metrics?.close();
      await worker.shutdown();
    });

  program
    .command('api')
    .description('run the golive HTTP API and console against TEMPORAL_ADDRESS')
    .option('--api-port <port>', `port of the API and console (default GOLIVE_API_PORT or ${DEFAULT_API_PORT})`, (v) => Number(v))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(tokensFileOption())
    .option('--open', 'run without tokens: every request acts as "local" with every role')
    .addOption(plaintextOption())
    .action(async (options: { apiPort?: number; host: string; tokensFile?: string; open?: boolean; plaintextPayloads?: boolean }) => {
      const settings = settingsOrReport('api');
      if (!settings) return;
      const auth = loadAuthOrReport(options.tokensFile);
      if (!auth) return;
      const payloads = payloadProtectionOrReport(options.plaintextPayloads);
      if (!payloads || !attestationKeysOrReport('api')) return;
      if (auth.open && !options.open) {
        usageError('golive api: no tokens configured (--tokens-file, GOLIVE_TOKENS_FILE or GOLIVE_TOKENS); pass --open to run without authentication');
        return;
      }
      const api = await startApi(temporalConfig(settings), { settings, port: options.apiPort ?? settings.GOLIVE_API_PORT, host: options.host, auth, payloads });
      process.stdout.write(`golive API: ${api.url}/api/v1   console: ${api.url}/   auth: ${describeAuth(auth)}\n`);
      const signal = await untilShutdownSignal();
      logger.info({ signal }, 'stopping API');
      await api.close();
    });
}
