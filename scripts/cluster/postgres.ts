/**
 * The cluster's PostgreSQL, from Debian's package: the newest /usr/lib/postgresql/<version>/bin
 * (else the dir of `initdb` on PATH, or $GOLIVE_POSTGRES_BIN), a data dir of its own, its own port on
 * 127.0.0.1 and its unix socket inside the data dir. initdb and postgres refuse to run as root: as
 * root they run as the `postgres` OS user, which then owns the data dir (and must be able to reach it).
 * The superuser authenticates locally (socket) without a password; over TCP every role needs its
 * password (scram-sha-256), the `temporal` role included.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findOnPath } from '../temporal-cli-probe';
import type { ProcessSpec } from './managed-process';
import { ClusterError } from './readiness';

const run = promisify(execFile);

export const POSTGRES = 'postgres';
/** The role Temporal connects as, and its two databases. */
export const TEMPORAL_ROLE = 'temporal';

export interface PostgresSetup {
  bin: string;
  dataDir: string;
  port: number;
  user?: { uid: number; gid: number };
}

/** The PostgreSQL bin dir: $GOLIVE_POSTGRES_BIN, else the newest Debian one, else where `initdb` on PATH lives. */
export async function findPostgresBin(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.GOLIVE_POSTGRES_BIN) return path.resolve(env.GOLIVE_POSTGRES_BIN);
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => existsSync(path.join(debian, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions[0]) return path.join(debian, versions[0], 'bin');
  const initdb = await findOnPath('initdb', env);
  if (initdb) return path.dirname(realpathSync(initdb));
  throw new ClusterError('PostgreSQL not found (no /usr/lib/postgresql/<version>/bin, no initdb on PATH): apt-get install postgresql, or set GOLIVE_POSTGRES_BIN');
}

/** The OS user initdb and postgres run as: `postgres` when we are root, else ourselves. */
export function postgresOsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', POSTGRES], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', POSTGRES], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new ClusterError('running as root, and PostgreSQL refuses root: there is no `postgres` OS user to run it as (the Debian package creates one)');
  }
}

/** initdb on an empty data dir; a data dir that already holds a cluster is kept as it is. */
export async function initDataDir(pg: PostgresSetup, superPassword: string): Promise<'created' | 'kept'> {
  if (existsSync(path.join(pg.dataDir, 'PG_VERSION'))) return 'kept';
  await fs.mkdir(pg.dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(pg.dataDir), '.pg-superuser-password');
  await fs.writeFile(pwfile, `${superPassword}\n`, { mode: 0o600 });
  if (pg.user) {
    await fs.chown(pg.dataDir, pg.user.uid, pg.user.gid);
    await fs.chown(pwfile, pg.user.uid, pg.user.gid);
  }
  const args = ['-D', pg.dataDir, '-U', POSTGRES, '-E', 'UTF8', '--locale=C', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`];
  try {
    await run(path.join(pg.bin, 'initdb'), args, { uid: pg.user?.uid, gid: pg.user?.gid, cwd: path.dirname(pg.dataDir) });
  } catch (error) {
    const output = (error as { stderr?: string }).stderr?.trim() ?? String(error);
    const reach = pg.user ? ` (as the postgres OS user, which must be able to reach ${pg.dataDir}: choose a --dir outside a private home dir)` : '';
    throw new ClusterError(`initdb failed${reach}: ${output}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
  return 'created';
}

/** Linux's limit on a unix socket path (sun_path) is 108 bytes, the terminating NUL included. */
const MAX_SOCKET_PATH = 107;

/** `postgres` on 127.0.0.1:<port>, socket in the data dir; SIGINT is its fast shutdown. */
export function postgresProcess(pg: PostgresSetup): ProcessSpec {
  const socket = path.join(pg.dataDir, `.s.PGSQL.${pg.port}`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) throw new ClusterError(`PostgreSQL's socket ${socket} would be longer than ${MAX_SOCKET_PATH} bytes: choose a shorter --dir`);
  return {
    name: 'postgres',
    command: path.join(pg.bin, 'postgres'),
    args: ['-D', pg.dataDir, '-p', String(pg.port), '-k', pg.dataDir, '-c', 'listen_addresses=127.0.0.1'],
    env: { PATH: process.env.PATH, LANG: 'C' },
    cwd: pg.dataDir,
    user: pg.user,
    stopSignal: 'SIGINT',
  };
}

export async function pgIsReady(pg: PostgresSetup): Promise<boolean> {
  try {
    await run(path.join(pg.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pg.port), '-q']);
    return true;
  } catch {
    return false;
  }
}

/** Runs SQL as the superuser over the socket; the rows as text. */
async function psql(pg: PostgresSetup, database: string, sql: string): Promise<string> {
  try {
    const { stdout } = await run(path.join(pg.bin, 'psql'), ['-h', pg.dataDir, '-p', String(pg.port), '-U', POSTGRES, '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql]);
    return stdout.trim();
  } catch (error) {
    throw new ClusterError(`psql on ${database} failed: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`);
  }
}

/** The `temporal` role (may create databases), made once; its password set every time. */
export async function ensureTemporalRole(pg: PostgresSetup, password: string): Promise<void> {
  if (!/^[A-Za-z0-9]+$/.test(password)) throw new ClusterError('the temporal role password must be alphanumeric');
  const exists = (await psql(pg, POSTGRES, `SELECT 1 FROM pg_roles WHERE rolname = '${TEMPORAL_ROLE}'`)) === '1';
  const verb = exists ? 'ALTER' : 'CREATE';
  await psql(pg, POSTGRES, `${verb} ROLE ${TEMPORAL_ROLE} LOGIN CREATEDB PASSWORD '${password}'`);
}

export async function databaseExists(pg: PostgresSetup, database: string): Promise<boolean> {
  return (await psql(pg, POSTGRES, `SELECT 1 FROM pg_database WHERE datname = '${database}'`)) === '1';
}

/** True once `setup-schema` made the schema tool's version table in `database`. */
export async function hasSchemaVersionTable(pg: PostgresSetup, database: string): Promise<boolean> {
  return (await psql(pg, database, "SELECT to_regclass('public.schema_version') IS NOT NULL")) === 't';
}
