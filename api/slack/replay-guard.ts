/**
 * Refuses a signed Slack request seen before: within the timestamp window a captured request
 * would verify again, so each signature is remembered until its timestamp leaves the window
 * (after that the window check refuses it anyway). Memory is bounded by the window.
 */
import { SLACK_TIMESTAMP_WINDOW_MS } from './request-signature';

export class ReplayGuard {
  /** signature → when it may be forgotten (ms). */
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = SLACK_TIMESTAMP_WINDOW_MS) {}

  /** true the first time (and records it), false for a replay. */
  firstUse(signature: string, timestampSeconds: number, nowMs: number): boolean {
    this.forgetExpired(nowMs);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, timestampSeconds * 1000 + this.windowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(nowMs: number): void {
    // Insertion order is nearly timestamp order; a full pass stays cheap at Slack's request rates.
    for (const [signature, forgetAt] of this.seen) if (forgetAt < nowMs) this.seen.delete(signature);
  }
}
