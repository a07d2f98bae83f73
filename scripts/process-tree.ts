/**
 * Process-group helpers. Long-lived children (the Temporal dev server, the SDK download probe)
 * are spawned with `detached: true`, which makes them leaders of their own process group;
 * signalling `-pid` then reaches every process they started, so nothing is orphaned.
 */
import type { ChildProcess } from 'node:child_process';

/** True while a process with this pid exists (signal 0 probes without signalling); a negative pid asks about a group. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signal a whole process group (falls back to the single process); false if it is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** True while any member of the process group led by `pid` is alive. */
export function isGroupAlive(pid: number): boolean {
  return isAlive(-pid);
}

/** Resolves true once the child has exited, false if `timeoutMs` passes first. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Polls until no member of the group led by `pid` is alive, or `timeoutMs` passes. */
async function waitForGroupGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isGroupAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Stop a detached child and everything in its process group: SIGTERM, wait up to `graceMs`,
 * then SIGKILL and wait up to `killWaitMs`. Returns how it ended.
 */
export async function terminateGroup(
  child: ChildProcess,
  options: { graceMs?: number; killWaitMs?: number } = {},
): Promise<'exited' | 'terminated' | 'killed' | 'stuck'> {
  const pid = child.pid;
  if (pid === undefined) return 'exited';
  const graceMs = options.graceMs ?? 10_000;
  const killWaitMs = options.killWaitMs ?? 5_000;
  const alreadyExited = child.exitCode !== null || child.signalCode !== null;
  if (alreadyExited && !isGroupAlive(pid)) return 'exited';

  signalGroup(pid, 'SIGTERM');
  if ((await waitForExit(child, graceMs)) && (await waitForGroupGone(pid, 1_000))) {
    return alreadyExited ? 'exited' : 'terminated';
  }
  signalGroup(pid, 'SIGKILL');
  const exited = await waitForExit(child, killWaitMs);
  return exited && (await waitForGroupGone(pid, killWaitMs)) ? 'killed' : 'stuck';
}
