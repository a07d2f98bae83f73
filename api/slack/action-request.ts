/**
 * A Slack `block_actions` request, once its signature is verified: the form's `payload` JSON, the
 * golive button pressed (activities/slack-action.ts) and the operator message it stands for:
 * a gate decision, a step's answer or a manual completion, as the API's own routes send them.
 */
import { z } from 'zod';
import { slackActionValue, type SlackActionValue } from '../../activities/slack-action';
import type { OperatorMessage } from '../../workflows/messages';

const blockActionsPayload = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1).max(64), username: z.string().max(200).optional(), name: z.string().max(200).optional() }),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(2000).optional() })).min(1),
  response_url: z.string().max(2048).optional(),
});

export interface SlackAction {
  slackUser: { id: string; name: string };
  value: SlackActionValue;
  responseUrl?: string;
}

export type SlackActionParse = { ok: true; action: SlackAction } | { ok: false; reason: string; cutoverId?: string };

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The urlencoded body's `payload`, read as a golive button press. */
export function parseSlackAction(rawBody: Buffer): SlackActionParse {
  const payload = blockActionsPayload.safeParse(parseJson(new URLSearchParams(rawBody.toString('utf8')).get('payload')));
  if (!payload.success) return { ok: false, reason: 'the request is not a Slack block_actions payload' };
  const { user, actions, response_url: responseUrl } = payload.data;
  const value = slackActionValue.safeParse(parseJson(actions[0].value ?? null));
  if (!value.success) return { ok: false, reason: `button ${actions[0].action_id} is not a golive button` };
  const slackUser = { id: user.id, name: user.username ?? user.name ?? user.id };
  return { ok: true, action: { slackUser, value: value.data, ...(responseUrl ? { responseUrl } : {}) } };
}

/** Best effort, for logging a refused request: the cutover its payload names (unverified). */
export function claimedCutoverId(rawBody: Buffer): string | undefined {
  const parsed = parseSlackAction(rawBody);
  return parsed.ok ? parsed.action.value.cutover : undefined;
}

export interface SlackOperatorMessage {
  message: OperatorMessage;
  /** The payload without the actor (operator, roles, source: the mapped operator's). */
  payload: Record<string, unknown>;
}

/** The operator message a button stands for; undefined for a pairing no golive notice offers (a gate "retry"). */
export function operatorMessageOf(action: SlackAction): SlackOperatorMessage | undefined {
  const { kind, id, answer } = action.value;
  const reason = `from Slack, by ${action.slackUser.name} (${action.slackUser.id})`;
  if (kind === 'gate') {
    if (answer === 'retry' || answer === 'skip' || answer === 'complete') return undefined;
    return { message: 'decide', payload: { gate: id, decision: answer, reason } };
  }
  if (answer === 'complete') return { message: 'completeStep', payload: { step: id, evidence: `marked done ${reason}` } };
  if (answer === 'retry' || answer === 'skip' || answer === 'rollback') return { message: 'answerStep', payload: { step: id, action: answer, reason } };
  return undefined;
}
