/** Severities (and priorities) in order, for "at or above" rules. Pure. */
import type { Priority } from './schema';

const RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export function atOrAbove(severity: Priority, threshold: Priority): boolean {
  return RANK[severity] >= RANK[threshold];
}

/** How bad a severity is: 0 for low up to 3 for critical (for sorting worst first). */
export function severityRank(severity: Priority): number {
  return RANK[severity];
}
