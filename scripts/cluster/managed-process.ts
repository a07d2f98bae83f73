/**
 * One long-running process of `golive cluster`, detached in its own process group so it outlives
 * the command that started it: its pid file `<dir>/run/<name>.pid` and its log `<dir>/logs/<name>.log`
 * (stdout and stderr, appended across restarts). A later `golive cluster down|status` finds it by
 * the pid file; a pid that now belongs to another program (checked in /proc) counts as not running.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAlive, isGroupAlive, signalGroup } from '../process-tree';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** The signal that stops it cleanly (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
}

interface PidRecord {
  pid: number;
  command: string;
  stopSignal: NodeJS.Signals;
  startedAt: string;
}

export const pidFile = (dir: string, name: string): string => path.join(dir, 'run', `${name}.pid`);
export const logFile = (dir: string, name: string): string => path.join(dir, 'logs', `${name}.log`);

/** Starts the process detached, its output appended to its log; resolves with its pid. */
export async function startDetached(dir: string, spec: ProcessSpec): Promise<number> {
  await fs.mkdir(path.join(dir, 'run'), { recursive: true });
  await fs.mkdir(path.join(dir, 'logs'), { recursive: true });
  const log = openSync(logFile(dir, spec.name), 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: spec.env,
      cwd: spec.cwd ?? dir,
      uid: spec.user?.uid,
      gid: spec.user?.gid,
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`could not start ${spec.name} (${spec.command}): ${error.message}`)));
      child.once('spawn', () => resolve(child.pid as number));
    });
    child.unref();
    const record: PidRecord = { pid, command: spec.command, stopSignal: spec.stopSignal ?? 'SIGTERM', startedAt: new Date().toISOString() };
    await fs.writeFile(pidFile(dir, spec.name), `${JSON.stringify(record)}\n`);
    return pid;
  } finally {
    closeSync(log);
  }
}

function readRecord(dir: string, name: string): PidRecord | undefined {
  try {
    return JSON.parse(readFileSync(pidFile(dir, name), 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

/** True when `pid` runs `command` (Linux /proc; elsewhere a live pid is trusted). */
function runs(pid: number, command: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] === command;
  } catch {
    return true;
  }
}

/** The pid of the named process while it runs, else undefined. */
export function runningPid(dir: string, name: string): number | undefined {
  const record = readRecord(dir, name);
  return record && runs(record.pid, record.command) ? record.pid : undefined;
}

/** When the running process started (from its pid file). */
export function startedAt(dir: string, name: string): string | undefined {
  return runningPid(dir, name) === undefined ? undefined : readRecord(dir, name)?.startedAt;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid) || isGroupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

export type StopOutcome = 'not-running' | 'stopped' | 'killed';

/** Its stop signal to the group, up to `graceMs`, then SIGKILL; the pid file goes either way. */
export async function stopProcess(dir: string, name: string, graceMs = 15_000): Promise<StopOutcome> {
  const record = readRecord(dir, name);
  const pid = runningPid(dir, name);
  let outcome: StopOutcome = 'not-running';
  if (record && pid !== undefined) {
    signalGroup(pid, record.stopSignal);
    outcome = 'stopped';
    if (!(await waitGone(pid, graceMs))) {
      signalGroup(pid, 'SIGKILL');
      outcome = 'killed';
      if (!(await waitGone(pid, 5_000))) throw new Error(`${name} (pid ${pid}) survived SIGKILL`);
    }
  }
  await fs.rm(pidFile(dir, name), { force: true });
  return outcome;
}

/** SIGKILL the process group now, as a crash would; the pid file stays (it names a dead pid). */
export function killProcess(dir: string, name: string): number {
  const pid = runningPid(dir, name);
  if (pid === undefined) throw new Error(`${name} is not running`);
  signalGroup(pid, 'SIGKILL');
  return pid;
}

const LONG_LINE = 600;

/** The last `lines` lines of its log, each cut at 600 characters (stack traces), for error messages. */
export function logTail(dir: string, name: string, lines = 20): string {
  try {
    const tail = readFileSync(logFile(dir, name), 'utf8').trimEnd().split('\n').slice(-lines);
    return tail.map((line) => (line.length > LONG_LINE ? `${line.slice(0, LONG_LINE)}…` : line)).join('\n');
  } catch {
    return '(no log)';
  }
}
