/**
 * Posts a reply to a block action's `response_url` (Slack ignores the body of the 200 that
 * acknowledges a button). Only to URLs under the configured prefix (Slack's hooks host by
 * default): the payload is signed, but a leaked signing secret must not make the API a proxy.
 * Fire and forget, within 5 s; a failure is logged, never thrown.
 */
import type { Logger } from '../../workers/logger';

const TIMEOUT_MS = 5_000;

export function postToResponseUrl(url: string, prefix: string, reply: unknown, log: Logger): void {
  if (!url.startsWith(prefix)) {
    log.warn({ prefix }, 'Slack response_url outside the allowed prefix; not posted');
    return;
  }
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply), signal: AbortSignal.timeout(TIMEOUT_MS) })
    .then((res) => {
      if (!res.ok) log.warn({ status: res.status }, 'Slack response_url refused the reply');
    })
    .catch((err: unknown) => log.warn({ error: err instanceof Error ? err.message : String(err) }, 'Slack response_url not reached'));
}
