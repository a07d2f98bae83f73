/**
 * POST /api/v1/integrations/slack/actions: Slack's interactivity request URL. A button in a golive
 * notice (activities/slack-message.ts) posts here; the request is verified (Slack's v0 signature
 * with GOLIVE_SLACK_SIGNING_SECRET, 5-minute timestamp window, never seen before), the Slack user
 * is mapped to an operator of the tokens document (`slackUserId`), and the decision is sent as
 * that operator exactly as the API's operator routes send it (attested, validated and
 * role-checked by the workflow).
 *
 * Answers: 401 (error envelope) when the request cannot be shown to come from Slack (bad or
 * missing signature, stale timestamp, replay): Slack shows nothing and retries nothing. Anything
 * Slack did send gets 200, as Slack expects within 3 s, with an ephemeral text saying what
 * happened or why it was refused (unmapped user, a role the gate does not take, a cutover that
 * ended); the same text goes to the payload's `response_url`, which is what Slack shows for
 * block actions. Every refusal is logged with the cutover id.
 */
import express, { Router, type Response } from 'express';
import { logger } from '../../workers/logger';
import type { Auth } from '../auth';
import type { CutoverOperations, OperatorPayload } from '../cutover-operations';
import { ApiError } from '../errors';
import type { OperatorMessage } from '../../workflows/messages';
import { claimedCutoverId, operatorMessageOf, parseSlackAction, type SlackAction } from '../slack/action-request';
import { ReplayGuard } from '../slack/replay-guard';
import { verifySlackSignature } from '../slack/request-signature';
import { settingDefault } from '../../workers/settings';
import { postToResponseUrl } from '../slack/response-url';

export const SLACK_ACTIONS_PATH = '/api/v1/integrations/slack/actions';

export interface SlackActionsOptions {
  auth: Auth;
  operations: CutoverOperations;
  /** GOLIVE_SLACK_SIGNING_SECRET (startApi passes it); without one the route answers 503. */
  signingSecret?: string;
  /** Where `response_url` may point: GOLIVE_SLACK_RESPONSE_URL_PREFIX, by default its default (Slack's hooks). */
  responseUrlPrefix?: string;
  now?: () => number;
}

const log = logger.child({ route: 'slack-actions' });

/** Slack's reply to the person who pressed the button, seen only by them. */
function ephemeral(res: Response, text: string, action?: SlackAction, prefix?: string): void {
  const reply = { response_type: 'ephemeral', replace_original: false, text };
  if (action?.responseUrl && prefix) postToResponseUrl(action.responseUrl, prefix, reply, log);
  res.json(reply);
}

function describeAck(action: SlackAction, operator: string, ack: { effect: string; state: string; gate?: { approvals: number; quorum: number; decision: string | null } }): string {
  const { kind, id, answer, cutover } = action.value;
  const gate = ack.gate && !ack.gate.decision ? ` (${ack.gate.approvals} of ${ack.gate.quorum} approvals)` : '';
  return `${operator}: ${answer} on ${kind} ${id} of ${cutover}: ${ack.effect}${gate}; the cutover is ${ack.state}`;
}

export function slackActionsRouter(options: SlackActionsOptions): Router {
  const secret = options.signingSecret;
  const prefix = options.responseUrlPrefix ?? settingDefault('GOLIVE_SLACK_RESPONSE_URL_PREFIX');
  const now = options.now ?? Date.now;
  const replays = new ReplayGuard();
  const router = Router();

  // The raw body: the signature covers the bytes exactly as sent.
  router.post(SLACK_ACTIONS_PATH, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!secret) throw new ApiError(503, 'slack-not-configured', 'Slack actions need GOLIVE_SLACK_SIGNING_SECRET on the API');
    const signature = req.get('x-slack-signature');
    const refuse = (reason: string): never => {
      log.warn({ cutoverId: claimedCutoverId(raw), reason }, 'Slack action refused: not a verified Slack request');
      throw new ApiError(401, 'unauthorized', reason);
    };
    const check = verifySlackSignature(secret, { timestamp: req.get('x-slack-request-timestamp'), signature }, raw, now());
    if (!check.ok) return refuse(check.reason);
    if (!replays.firstUse(signature!, check.timestamp, now())) return refuse('this signed request was already received (replay)');

    const parsed = parseSlackAction(raw);
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason }, 'Slack action refused');
      return ephemeral(res, `golive cannot act on this: ${parsed.reason}.`);
    }
    const { action } = parsed;
    const fields = { cutoverId: action.value.cutover, slackUserId: action.slackUser.id, answer: action.value.answer, target: `${action.value.kind} ${action.value.id}` };
    const identity = options.auth.identifySlackUser(action.slackUser.id);
    if (!identity) {
      log.warn(fields, 'Slack action refused: the Slack user is not mapped to an operator');
      return ephemeral(res, `golive does not know Slack user ${action.slackUser.id}: ask for a slackUserId on your operator entry in the tokens document.`, action, prefix);
    }
    const message = operatorMessageOf(action);
    if (!message) {
      log.warn(fields, 'Slack action refused: not an answer golive offers');
      return ephemeral(res, `golive offers no ${action.value.answer} on a ${action.value.kind}.`, action, prefix);
    }
    try {
      const payload = { ...message.payload, operator: identity.operator, roles: identity.roles, source: 'api' } as OperatorPayload<OperatorMessage>;
      const ack = await options.operations.sendUpdate(action.value.cutover, message.message, payload);
      log.info({ ...fields, operator: identity.operator, effect: ack.effect }, 'Slack action applied');
      const reply = { response_type: 'in_channel', replace_original: false, text: describeAck(action, identity.operator, ack) };
      if (action.responseUrl) postToResponseUrl(action.responseUrl, prefix, reply, log);
      res.json(reply);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      log.warn({ ...fields, operator: identity.operator, code: err.code, reason: err.message }, 'Slack action refused by the cutover');
      ephemeral(res, `Refused (${err.code}): ${err.message}`, action, prefix);
    }
  });
  return router;
}
