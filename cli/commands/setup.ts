/**
 * `golive setup`: registers golive's search attributes on an existing namespace (a self-hosted
 * cluster; `golive dev` and `golive cluster up` do it themselves), with the connection settings of
 * `golive worker` (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, mTLS files, TEMPORAL_API_KEY). Idempotent:
 * a second run adds nothing. Without them cutovers still run; they are just not filterable.
 */
import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { Command } from 'commander';
import { ensureSearchAttributes } from '../../workers/search-attribute-setup';
import { connectionOptions, temporalConfig, type TemporalConfig } from '../../workers/temporal-config';
import { readSettings, SettingsError } from '../../workers/settings';
import { searchAttributeTypes } from '../../workflows/search-attributes';
import { configOrReport, err, EXIT_INVALID, out, usageError } from '../io';

/** gRPC status codes of a refusal (grpc-js is not a direct dependency). */
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;
const NOT_FOUND = 5;
const UNAVAILABLE = 14;
const RETRY_EVERY_MS = 2000;

/** A server still starting (unreachable, or its namespace not created yet) is worth waiting for; a refusal is not. */
const stillStarting = (error: unknown) => (isGrpcServiceError(error) && (error.code === NOT_FOUND || error.code === UNAVAILABLE)) || (error instanceof Error && /connect|ECONNREFUSED|UNAVAILABLE/i.test(error.message));

/** Registers the attributes, retrying while the server is still starting until `waitMs` has passed. */
async function ensureWhenReady(config: TemporalConfig, waitMs: number) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect(connectionOptions(config));
      return await ensureSearchAttributes(connection, config.namespace);
    } catch (error) {
      if (!stillStarting(error) || Date.now() + RETRY_EVERY_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS));
    } finally {
      await connection?.close();
    }
  }
}

/** Temporal Cloud refuses the operator service's AddSearchAttributes: there it is the Cloud ops API, tcld or the Cloud UI. */
export function cloudAdvice(config: TemporalConfig, error: unknown): string | null {
  if (!isGrpcServiceError(error)) return null;
  const refused = error.code === PERMISSION_DENIED || error.code === UNIMPLEMENTED;
  if (!refused && !/\.tmprl\.cloud(:\d+)?$/.test(config.address)) return null;
  const flags = Object.entries(searchAttributeTypes)
    .map(([name, type]) => `--sa '${name}=${type}'`)
    .join(' ');
  return `the server refused to add search attributes through the operator service; on Temporal Cloud add them with the Cloud ops API, the Cloud UI or tcld: tcld namespace search-attributes add -n ${config.namespace} ${flags}`;
}

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description("register golive's search attributes (GolivePlan, GoliveState, GoliveMode, GolivePhase, GolivePlanHash) on TEMPORAL_NAMESPACE; safe to run again")
    .option('--wait <seconds>', 'keep trying this long while the server or its namespace is still coming up (e.g. in docker compose)', '0')
    .action(async (options: { wait: string }) => {
      const settings = configOrReport(() => readSettings(), SettingsError, 'golive setup');
      if (!settings) return;
      const waitSeconds = Number(options.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 3600) return usageError(`golive setup: --wait must be a number of seconds from 0 to 3600, got ${JSON.stringify(options.wait)}`);
      const config = temporalConfig(settings);
      try {
        const { added, present } = await ensureWhenReady(config, waitSeconds * 1000);
        out(`namespace ${config.namespace} at ${config.address}: added ${added.length ? added.join(', ') : 'none'}; already present ${present.length ? present.join(', ') : 'none'}`);
      } catch (error) {
        const advice = cloudAdvice(config, error);
        err(`golive setup: ${error instanceof Error ? error.message : String(error)}${advice ? `\n  ${advice}` : ''}`);
        process.exitCode = EXIT_INVALID;
      }
    });
}
