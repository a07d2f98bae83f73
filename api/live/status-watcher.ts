/**
 * One cutover's watcher: polls the workflow's small `summary` query at a modest interval and, when
 * the summary changed, reads the status document once and hands it to every subscriber. One per
 * cutover however many browsers or terminals watch it (see status-hub.ts), so the load on the
 * workflow does not grow with the audience. Every document change touches `updatedAt`, which the
 * summary carries, so a changed document always shows as a changed summary.
 */
import type { StatusDocument } from '../../workflows/status-document';
import type { CutoverSummary } from '../../workflows/status-summary';
import { ApiError } from '../errors';
import { logger } from '../../workers/logger';

/** What the watcher reads (CutoverService fits). */
export interface StatusSource {
  summary(id: string): Promise<CutoverSummary>;
  status(id: string): Promise<StatusDocument>;
}

/** What a subscriber is told: documents, that the cutover ended, that the workflow did not answer this time. */
export interface StatusListener {
  status(doc: StatusDocument): void;
  end(doc: StatusDocument): void;
  unavailable(error: ApiError): void;
  /** The first read failed (e.g. no such cutover): the watcher is gone. */
  failed(error: unknown): void;
}

export interface WatcherOptions {
  /** Between two summary reads. */
  pollMs: number;
  /** Called once the watcher stopped (no subscribers left, the cutover ended, the first read failed). */
  onStop(): void;
}

const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError(503, 'unavailable', `the cutover could not be read: ${(err as Error)?.message ?? String(err)}`);

export class StatusWatcher {
  private readonly listeners = new Set<StatusListener>();
  private current: StatusDocument | undefined;
  private ended = false;
  private stopped = false;
  private summaryKey: string | undefined;
  private wake: (() => void) | undefined;
  /** Settles once the loop has left its last read: the API closes its Temporal connection only then. */
  readonly finished: Promise<void>;

  constructor(
    readonly cutoverId: string,
    private readonly source: StatusSource,
    private readonly options: WatcherOptions,
  ) {
    this.finished = this.run().catch((err: unknown) => logger.error({ cutoverId, err }, 'live status: the watcher stopped on an error'));
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Adds a listener; it gets the current document at once when there is one. Returns the unsubscribe. */
  add(listener: StatusListener): () => void {
    this.listeners.add(listener);
    if (this.current) {
      if (this.ended) listener.end(this.current);
      else listener.status(this.current);
    }
    return () => this.remove(listener);
  }

  private remove(listener: StatusListener): void {
    if (!this.listeners.delete(listener)) return;
    if (this.listeners.size === 0) this.stop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    this.options.onStop();
  }

  private async run(): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        await this.poll();
      } catch (err) {
        if (first) {
          this.stop();
          for (const listener of [...this.listeners]) listener.failed(err);
          return;
        }
        const error = asApiError(err);
        logger.warn({ cutoverId: this.cutoverId, code: error.code }, 'live status: the cutover did not answer');
        for (const listener of [...this.listeners]) listener.unavailable(error);
      }
      first = false;
      if (this.ended) return this.stop();
      await this.sleep(this.options.pollMs);
    }
  }

  private async poll(): Promise<void> {
    const summary = await this.source.summary(this.cutoverId);
    const key = JSON.stringify(summary);
    if (key === this.summaryKey) return;
    const doc = await this.source.status(this.cutoverId);
    this.summaryKey = key;
    if (this.stopped) return;
    this.ended = summary.endedAt !== null;
    this.current = doc;
    for (const listener of [...this.listeners]) {
      if (this.ended) listener.end(doc);
      else listener.status(doc);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
