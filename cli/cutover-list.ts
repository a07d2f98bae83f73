/** `golive status` without an id: the list query it sends and the page it prints. */
import type { CutoverPage } from '../api/cutover-service';

export interface ListOptions {
  pageSize?: string;
  cursor?: string;
  state?: string;
  mode?: string;
  plan?: string;
}

/** Passed as typed: the API checks every value (422 naming the field); none is the first page of 100. */
export function listQueryString(options: ListOptions): string {
  const query = new URLSearchParams();
  for (const name of ['pageSize', 'cursor', 'state', 'mode', 'plan'] as const) {
    if (options[name] !== undefined) query.set(name, options[name]);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** One line a cutover (id, state, mode, plan, phase, start), then how to ask for the next page. */
export function formatCutoverPage(page: CutoverPage, options: ListOptions): string {
  if (page.cutovers.length === 0 && !page.nextCursor) return 'no cutovers';
  const lines = page.cutovers.map((c) => [c.id, c.state ?? c.temporalStatus, c.mode ?? '-', c.plan ?? '-', c.phase ?? '-', c.startedAt].join('  '));
  if (page.nextCursor) {
    // The same filters and page size: the next page of the same listing.
    const same = (['pageSize', 'state', 'mode', 'plan'] as const)
      .filter((name) => options[name] !== undefined)
      .map((name) => ` --${name === 'pageSize' ? 'page-size' : name} ${options[name]}`)
      .join('');
    lines.push(`next cursor: ${page.nextCursor}  (next page: golive status${same} --cursor ${page.nextCursor})`);
  }
  return lines.join('\n');
}
