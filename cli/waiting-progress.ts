/**
 * The progress line of a wait for people (`golive status --watch` at a gate): what waits, for
 * whom, how long already, and how long is left. Built from the summary's / status document's
 * `waitingFor`; the watcher prints it every PROGRESS_EVERY_MS (scripts/progress-ticker.ts) while
 * nothing changes. Pure.
 */
import { formatElapsed } from '../scripts/progress-ticker';
import type { WaitingItem } from '../workflows/status-summary';

function one(item: WaitingItem, nowMs: number): string {
  const parts = [`${item.kind} ${item.id}: ${item.what}`];
  if (item.quorum !== undefined) parts.push(`${item.approvedBy?.length ?? 0} of ${item.quorum} approvals`);
  const who = item.awaited?.length ? item.awaited.join(', ') : item.roles.join(', ');
  if (who) parts.push(`waiting for ${who}`);
  if (item.since) parts.push(`for ${formatElapsed(nowMs - Date.parse(item.since))}`);
  if (item.deadline) {
    const left = Date.parse(item.deadline) - nowMs;
    parts.push(left > 0 ? `${formatElapsed(left)} left` : 'past its deadline');
  }
  if (item.escalatedTo?.length) parts.push(`escalated to ${item.escalatedTo.join(', ')}`);
  return parts.join('; ');
}

/** One line for the first thing waited for (and how many more); undefined when nothing waits. */
export function waitingProgressLine(waitingFor: readonly WaitingItem[], nowMs: number, total = waitingFor.length): string | undefined {
  if (waitingFor.length === 0) return undefined;
  const more = total - 1;
  return `still waiting: ${one(waitingFor[0], nowMs)}${more > 0 ? ` (and ${more} more)` : ''}`;
}
