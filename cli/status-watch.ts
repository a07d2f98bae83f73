/**
 * `golive status <id> --watch`: follows GET /cutovers/:id/events and prints one line per change
 * (`--json`: the whole document, one per line) until the cutover ends.
 */
import { ApiError } from '../api/errors';
import type { StatusDocument } from '../workflows/status-document';
import { apiErrorOf, type ApiTarget } from './api-client';
import { out } from './io';
import { sseMessages } from './sse-events';

/** `08:14:03 awaiting-decision  phase switch  steps 4/9 done  waiting: gate go-live (decide go/no-go)`. */
export function changeLine(doc: StatusDocument): string {
  const counts = doc.stepCounts ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0) || doc.steps.length;
  const done = (counts.succeeded ?? 0) + (counts.skipped ?? 0) + (counts.compensated ?? 0);
  const waiting = (doc.waiting?.items ?? []).map((item) => `${item.kind} ${item.id} (${item.what})`);
  const issues = doc.issues.filter((issue) => issue.state === 'open').length;
  return [
    `${doc.updatedAt.slice(11, 19)} ${doc.state}${doc.paused ? ' (paused)' : ''}`,
    doc.phase ? `phase ${doc.phase}` : undefined,
    `steps ${done}/${total} done`,
    waiting.length ? `waiting: ${waiting.join(', ')}` : undefined,
    issues ? `${issues} open issue${issues === 1 ? '' : 's'}` : undefined,
  ]
    .filter(Boolean)
    .join('  ');
}

export async function watchStatus(target: ApiTarget, id: string, json: boolean): Promise<void> {
  const token = target.token ?? process.env.GOLIVE_TOKEN;
  const headers: Record<string, string> = { 'x-golive-source': 'cli', accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1/cutovers/${encodeURIComponent(id)}/events`, target.api), { headers });
  } catch (err) {
    throw new ApiError(0, 'unreachable', `cannot reach the golive API at ${target.api} (${(err as Error).message})`);
  }
  if (!response.ok || !response.body) {
    throw apiErrorOf(response.status, await response.json().catch(() => ({})));
  }
  for await (const message of sseMessages(response.body)) {
    if (message.event === 'status') {
      const doc = JSON.parse(message.data) as StatusDocument;
      out(json ? JSON.stringify(doc) : changeLine(doc));
    } else if (message.event === 'unavailable') {
      const { error } = JSON.parse(message.data) as { error: { code: string; message: string } };
      process.stderr.write(`${error.code}: ${error.message}\n`);
    } else if (message.event === 'end') {
      const end = JSON.parse(message.data) as { state: string };
      if (!json) out(`ended: ${end.state}`);
      return;
    }
  }
  throw new ApiError(0, 'stream-closed', `the API closed the event stream of ${id} before the cutover ended`);
}
