/**
 * Helpers for watching a spawned child: its output line by line, the last lines of it for error
 * messages, and a kill of its process group should this process exit first.
 */
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/** Last `max` lines of a child's output, for error messages. */
export class OutputTail {
  private lines: string[] = [];
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  text(separator = ' | '): string {
    return this.lines.join(separator);
  }
}

/** Calls `onLine` for every line the child prints on stdout or stderr. */
export function followLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }
}

/** Kills a child's process group if this process exits first. Returns the remover. */
export function killOnExit(child: ChildProcess): () => void {
  const hook = (): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', hook);
  return () => process.off('exit', hook);
}
