/**
 * `golive setup`: registers golive's search attributes on an existing namespace (a self-hosted
 * cluster; `golive dev` and `golive cluster up` do it themselves), with the connection settings of
 * `golive worker` (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, mTLS files, TEMPORAL_API_KEY). Idempotent:
 * a second run adds nothing. Without them cutovers still run; they are just not filterable.
 */
import { Connection, isGrpcServiceError } from '@temporalio/client';
import type { Command } from 'commander';
import { ensureSearchAttributes } from '../../workers/search-attribute-setup';
import { connectionOptions, temporalConfigFromEnv, type TemporalConfig } from '../../workers/temporal-config';
import { readSettings, SettingsError } from '../../workers/settings';
import { searchAttributeTypes } from '../../workflows/search-attributes';
import { configOrReport, err, EXIT_INVALID, out } from '../io';

/** gRPC status codes of a refusal (grpc-js is not a direct dependency). */
const PERMISSION_DENIED = 7;
const UNIMPLEMENTED = 12;

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
    .action(async () => {
      if (!configOrReport(() => readSettings(), SettingsError, 'golive setup')) return;
      const config = temporalConfigFromEnv();
      const connection = await Connection.connect(connectionOptions(config));
      try {
        const { added, present } = await ensureSearchAttributes(connection, config.namespace);
        out(`namespace ${config.namespace} at ${config.address}: added ${added.length ? added.join(', ') : 'none'}; already present ${present.length ? present.join(', ') : 'none'}`);
      } catch (error) {
        const advice = cloudAdvice(config, error);
        err(`golive setup: ${error instanceof Error ? error.message : String(error)}${advice ? `\n  ${advice}` : ''}`);
        process.exitCode = EXIT_INVALID;
      } finally {
        await connection.close();
      }
    });
}
