/** Requests as Slack sends them to the interactivity URL: a urlencoded `payload`, signed (v0). */
import { slackSignature } from '../../api/slack/request-signature';

export const SLACK_SIGNING_SECRET = 'test-slack-signing-secret-0123456789';

/** The form body of a `block_actions` request for one pressed button. */
export function blockActionsBody(slackUserId: string, button: { action_id: string; value: string }, responseUrl?: string): string {
  const payload = { type: 'block_actions', user: { id: slackUserId, username: slackUserId.toLowerCase() }, actions: [{ ...button, type: 'button' }], ...(responseUrl ? { response_url: responseUrl } : {}) };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Headers Slack would send with `body` at `atMs` (signed with `secret`). */
export function slackHeaders(body: string, options: { secret?: string; atMs?: number } = {}): Record<string, string> {
  const timestamp = String(Math.floor((options.atMs ?? Date.now()) / 1000));
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(options.secret ?? SLACK_SIGNING_SECRET, timestamp, body),
  };
}
