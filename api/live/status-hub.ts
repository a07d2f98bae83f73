/**
 * The live status of every watched cutover: at most one StatusWatcher per cutover, shared by all
 * its subscribers, started by the first and stopped when the last one leaves (or the cutover ends).
 */
import { settingDefault } from '../../workers/settings';
import { StatusWatcher, type StatusListener, type StatusSource } from './status-watcher';

/** How often a watched cutover's summary is read, unless GOLIVE_LIVE_POLL_MS says otherwise. */
export const DEFAULT_LIVE_POLL_MS = settingDefault('GOLIVE_LIVE_POLL_MS');

export class LiveStatusHub {
  private readonly watchers = new Map<string, StatusWatcher>();
  /** Watchers started since the hub was made (tests check that subscribers share one). */
  startedWatchers = 0;

  constructor(
    private readonly source: StatusSource,
    private readonly pollMs = DEFAULT_LIVE_POLL_MS,
  ) {}

  /** Subscribes to a cutover's documents; returns the unsubscribe. */
  subscribe(cutoverId: string, listener: StatusListener): () => void {
    let watcher = this.watchers.get(cutoverId);
    if (!watcher?.running) {
      this.startedWatchers += 1;
      const started: StatusWatcher = new StatusWatcher(cutoverId, this.source, {
        pollMs: this.pollMs,
        onStop: () => {
          if (this.watchers.get(cutoverId) === started) this.watchers.delete(cutoverId);
        },
      });
      watcher = started;
      this.watchers.set(cutoverId, watcher);
    }
    return watcher.add(listener);
  }

  /** How many subscribers a cutover's watcher serves (0 when none runs). */
  subscribers(cutoverId: string): number {
    return this.watchers.get(cutoverId)?.subscribers ?? 0;
  }

  /** Running watchers: one per watched cutover. */
  activeWatchers(): string[] {
    return [...this.watchers.keys()];
  }

  /**
   * Stops every watcher and waits for their reads in flight: a query still being retried by the
   * client (e.g. RESOURCE_EXHAUSTED, "consistent query buffer is full") would otherwise fire on a
   * closed connection and throw outside any caller.
   */
  async close(): Promise<void> {
    const watchers = [...this.watchers.values()];
    for (const watcher of watchers) watcher.stop();
    await Promise.all(watchers.map((watcher) => watcher.finished));
  }
}
