/**
 * Installs the Temporal Runtime once per process: SDK logs go through pino, and golive (not
 * the SDK) handles SIGINT/SIGTERM so it can stop the API, the worker and the server in order.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { logger } from './logger';

let installed = false;

export function installRuntime(): void {
  if (installed) return;
  installed = true;
  const sdkLog = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN' as LogLevel, (entry) => {
      const level = entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'INFO' ? 'info' : entry.level === 'WARN' ? 'warn' : 'error';
      sdkLog[level](entry.meta ?? {}, entry.message);
    }),
  });
}
