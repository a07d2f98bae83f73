/**
 * Escaping for the HTML report: operators write reasons, evidence and issue details, and any of it
 * may contain markup. Every text or attribute value goes through `esc`; nothing else is trusted.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A link for an http(s) URL (issue screenshots); any other scheme is shown as text, never followed. */
export function safeLink(url: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(url)}</a>` : esc(url);
}
