/**
 * Long waits say what they wait for: while a slow step runs (a `go install`, a gate an operator
 * has not decided yet), a line every `everyMs` (default 10 s) built by `line(elapsedMs)`. The
 * step's own output stays the caller's business; the ticker only fills the silence.
 */
export const PROGRESS_EVERY_MS = 10_000;

export interface ProgressTicker {
  stop(): void;
}

/** "45 s", "3 min 05 s": elapsed time as a person reads it. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

export function startProgressTicker(tell: (line: string) => void, line: (elapsedMs: number) => string, options: { everyMs?: number; now?: () => number } = {}): ProgressTicker {
  const now = options.now ?? Date.now;
  const started = now();
  const timer = setInterval(() => tell(line(now() - started)), options.everyMs ?? PROGRESS_EVERY_MS);
  // A ticker never keeps the process alive on its own.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Runs `step`, ticking while it runs; the ticker stops however the step ends. */
export async function withProgress<T>(step: () => Promise<T>, tell: (line: string) => void, line: (elapsedMs: number) => string, options: { everyMs?: number } = {}): Promise<T> {
  const ticker = startProgressTicker(tell, line, options);
  try {
    return await step();
  } finally {
    ticker.stop();
  }
}
