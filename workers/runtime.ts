/**
 * Installs the Temporal Runtime once per process: SDK logs go through pino, and golive (not
 * the SDK) handles SIGINT/SIGTERM so it can stop the API, the worker and the server in order.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { logger } from './logger';

let installed = false;

/**
 * `quiet`: errors only, also from the SDK's native core (which otherwise prints its warnings to the
 * console): for `golive replay`, whose deliberate failed replays would each print one.
 */
export function installRuntime(options: { quiet?: boolean } = {}): void {
  if (installed) return;
  installed = true;
  const sdkLog = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    shutdownSignals: [],
    ...(options.quiet && { telemetryOptions: { logging: { filter: { core: 'ERROR' as LogLevel }, console: {} } } }),
    logger: new DefaultLogger((options.quiet ? 'ERROR' : 'WARN') as LogLevel, (entry) => {
      const level = entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'INFO' ? 'info' : entry.level === 'WARN' ? 'warn' : 'error';
      sdkLog[level](entry.meta ?? {}, entry.message);
    }),
  });
}
