/** Durations in plans are strings such as `250ms`, `90s`, `10m`, `4h`, `2d`. Pure: used by the workflow too. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

export function isDuration(text: string): boolean {
  return DURATION.test(text);
}

/** Milliseconds of a duration string; throws on a malformed one (validate plans first). */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) throw new Error(`not a duration: "${text}" (expected e.g. 90s, 10m, 4h)`);
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

/** A short human form of milliseconds, the inverse of parseDuration for whole units. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
