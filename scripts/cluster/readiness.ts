/**
 * Waiting for a cluster process to serve: a probe polled until it answers, the process's death or
 * a deadline ending the wait with an error that carries the last lines of its log.
 */
import { logFile, logTail, runningPid } from './managed-process';

export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterError';
  }
}

/** A probe resolves true when ready; false or a throw (its message kept) means not yet. */
export type ReadinessProbe = () => Promise<boolean>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function failureWithLog(dir: string, name: string, what: string): ClusterError {
  return new ClusterError(`${what}\n--- last lines of ${logFile(dir, name)} ---\n${logTail(dir, name)}`);
}

export async function waitUntilReady(dir: string, name: string, probe: ReadinessProbe, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not ready yet';
  for (;;) {
    if (runningPid(dir, name) === undefined) throw failureWithLog(dir, name, `${name} exited while starting`);
    try {
      if (await probe()) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw failureWithLog(dir, name, `${name} not ready after ${Math.round(timeoutMs / 1000)} s: ${last}`);
    await sleep(250);
  }
}
