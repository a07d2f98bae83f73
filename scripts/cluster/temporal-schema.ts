/**
 * Temporal's two PostgreSQL schemas (the persistence store and the visibility store), set up and
 * migrated with the server's own SQL tool and the schemas embedded in it. Safe to repeat: a database
 * is created once, its version table set up once, and `update-schema` brings it to the latest
 * version (a no-op when it is there; a migration after a server upgrade).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { databaseExists, hasSchemaVersionTable, TEMPORAL_ROLE, type PostgresSetup } from './postgres';
import { ClusterError } from './readiness';

const run = promisify(execFile);

/** Database name → the SQL tool's embedded schema. */
export const TEMPORAL_DATABASES = {
  temporal: 'postgresql/v12/temporal',
  temporal_visibility: 'postgresql/v12/visibility',
} as const;

async function sqlTool(sql: string, pg: PostgresSetup, password: string, database: string, command: string[]): Promise<void> {
  const args = ['--plugin', 'postgres12', '--endpoint', '127.0.0.1', '--port', String(pg.port), '--user', TEMPORAL_ROLE, '--database', database, ...command];
  try {
    // The password goes by environment, not on a command line every `ps` shows.
    await run(sql, args, { env: { PATH: process.env.PATH, SQL_PASSWORD: password } });
  } catch (error) {
    const output = [(error as { stdout?: string }).stdout, (error as { stderr?: string }).stderr].filter(Boolean).join('\n').trim();
    throw new ClusterError(`sql ${command[0]} on ${database} failed: ${output || String(error)}`);
  }
}

export async function setUpTemporalSchemas(sql: string, pg: PostgresSetup, password: string): Promise<void> {
  for (const [database, schemaName] of Object.entries(TEMPORAL_DATABASES)) {
    if (!(await databaseExists(pg, database))) await sqlTool(sql, pg, password, database, ['create-database']);
    if (!(await hasSchemaVersionTable(pg, database))) await sqlTool(sql, pg, password, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(sql, pg, password, database, ['update-schema', '--schema-name', schemaName]);
  }
}
