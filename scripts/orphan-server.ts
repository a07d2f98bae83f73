/**
 * The dev server's pid file (`<dataDir>/temporal-server.pid`): written when golive starts a server
 * on a data dir, removed when it stops it. A golive process killed with SIGKILL cannot stop its
 * server (it runs in its own process group), so the next start on the same data dir finds the pid
 * file: if that process is still the Temporal dev server of this data dir, it is stopped; if the pid
 * now belongs to something else, or nothing, the file is stale and goes. While the golive that started
 * it still runs, the data dir is in use and the start is refused. Never a bare "address in use".
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isGroupAlive, isAlive, signalGroup } from './process-tree';

export const PID_FILE = 'temporal-server.pid';

export interface PidRecord {
  pid: number;
  /** The golive process that started it: while that lives, the server is not an orphan. */
  owner: number;
  port: number;
  uiPort: number;
  dbFilename: string;
  startedAt: string;
}

export function pidFileOf(dataDir: string): string {
  return path.join(dataDir, PID_FILE);
}

export async function writePidFile(dataDir: string, record: PidRecord): Promise<void> {
  await fs.writeFile(pidFileOf(dataDir), `${JSON.stringify(record)}\n`);
}

export async function removePidFile(dataDir: string): Promise<void> {
  await fs.rm(pidFileOf(dataDir), { force: true });
}

/** The command line of a live process (Linux /proc), or undefined where it cannot be read. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

export type OrphanOutcome = { found: 'none' } | { found: 'stale'; pid: number } | { found: 'stopped'; pid: number; port: number };

/**
 * Stops a dev server an earlier golive left running on `dataDir`. Throws with what to do when a
 * live process holds the pid but cannot be identified (no /proc) or does not stop.
 */
export async function stopOrphanedServer(dataDir: string, waitMs = 10_000): Promise<OrphanOutcome> {
  let record: PidRecord;
  try {
    record = JSON.parse(await fs.readFile(pidFileOf(dataDir), 'utf8')) as PidRecord;
  } catch {
    return { found: 'none' };
  }
  const { pid } = record;
  const file = pidFileOf(dataDir);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await removePidFile(dataDir);
    return { found: 'stale', pid };
  }
  if (Number.isInteger(record.owner) && record.owner !== process.pid && isAlive(record.owner) && commandLine(record.owner)?.includes('node')) {
    throw new Error(`golive (pid ${record.owner}) is running a Temporal dev server (pid ${pid}, port ${record.port}) on ${dataDir}; stop it first, or use another --data-dir`);
  }
  const command = commandLine(pid);
  if (command === undefined) {
    throw new Error(`a Temporal dev server from an earlier golive (pid ${pid}, port ${record.port}) may still hold ${dataDir}; stop it with \`kill -TERM -${pid}\`, or delete ${file} if pid ${pid} is something else`);
  }
  if (!command.includes('start-dev') || !command.includes(record.dbFilename)) {
    await removePidFile(dataDir);
    return { found: 'stale', pid };
  }
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + waitMs;
  while (isGroupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isGroupAlive(pid)) signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (isGroupAlive(pid) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isGroupAlive(pid)) throw new Error(`the orphaned Temporal dev server (pid ${pid}) on ${dataDir} survived SIGKILL; stop it by hand`);
  await removePidFile(dataDir);
  return { found: 'stopped', pid, port: record.port };
}
