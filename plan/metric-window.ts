/**
 * The evaluation window a metric source may template into its request (`{{window.start}}`,
 * `{{window.end}}`, ISO-8601): it ends at the evaluation and reaches back the source's `window`,
 * else the checkpoint's `every` (for a `check` step, CHECK_WINDOW). Pure: the workflow computes
 * checkpoint windows from workflow time, the check activity from the time of its attempt.
 */

export interface MetricWindow {
  start: string;
  end: string;
}

/** A `check` step's window when its source names none: the interval analytics platforms commonly report in. */
export const CHECK_WINDOW = '15m';

export const WINDOW_PLACEHOLDERS = ['window.start', 'window.end'] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function metricWindow(endMs: number, lengthMs: number): MetricWindow {
  return { start: new Date(endMs - lengthMs).toISOString(), end: new Date(endMs).toISOString() };
}

/** `{{…}}` placeholders that are not the window's (a typo like `{{window.begin}}`). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]).filter((name) => !(WINDOW_PLACEHOLDERS as readonly string[]).includes(name));
}

export function hasPlaceholders(text: string): boolean {
  return text.search(PLACEHOLDER) >= 0;
}

/** `text` with the window's placeholders filled in. */
export function fillWindow(text: string, window: MetricWindow): string {
  return text.replace(PLACEHOLDER, (match, name: string) => (name === 'window.start' ? window.start : name === 'window.end' ? window.end : match));
}
