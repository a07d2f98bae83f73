/**
 * The Slack route's pure parts: v0 signature verification (constant-time, 5-minute window), the
 * replay guard, reading a block action, the operator message each golive button stands for, the
 * tokens document's `slackUserId`, and the plan's `settings.noticeWebhooks`.
 */
import { authFromConfig, AuthConfigError } from '../../api/auth';
import { operatorMessageOf, parseSlackAction, type SlackAction } from '../../api/slack/action-request';
import { ReplayGuard } from '../../api/slack/replay-guard';
import { slackSignature, verifySlackSignature } from '../../api/slack/request-signature';
import { validatePlan } from '../../plan';
import type { SlackActionValue } from '../../activities/slack-action';
import { testPlan } from '../support/plans';
import { blockActionsBody, SLACK_SIGNING_SECRET } from '../support/slack-requests';

const now = Date.UTC(2026, 11, 4, 8, 0, 0);
const seconds = String(now / 1000);
const body = Buffer.from('payload=%7B%7D');
const signed = (timestamp = seconds, secret = SLACK_SIGNING_SECRET) => ({ timestamp, signature: slackSignature(secret, timestamp, body) });

describe('verifySlackSignature', () => {
  it('accepts Slack’s v0 HMAC-SHA256 of v0:<timestamp>:<body>', () => {
    expect(verifySlackSignature(SLACK_SIGNING_SECRET, signed(), body, now)).toEqual({ ok: true, timestamp: now / 1000 });
    expect(signed().signature).toMatch(/^v0=[0-9a-f]{64}$/);
  });

  it.each([
    ['another secret', signed(seconds, 'another-signing-secret'), 'the request signature does not match'],
    ['another body', { timestamp: seconds, signature: slackSignature(SLACK_SIGNING_SECRET, seconds, 'payload=x') }, 'the request signature does not match'],
    ['a shorter signature', { timestamp: seconds, signature: 'v0=abc' }, 'the request signature does not match'],
    ['no signature', { timestamp: seconds, signature: undefined }, 'the request has no X-Slack-Signature or X-Slack-Request-Timestamp header'],
    ['no timestamp', { timestamp: undefined, signature: signed().signature }, 'the request has no X-Slack-Signature or X-Slack-Request-Timestamp header'],
    ['a timestamp that is not a number', { timestamp: '1e9', signature: signed().signature }, 'X-Slack-Request-Timestamp is not a Unix time in seconds'],
    ['a timestamp 5 min 1 s old', signed(String(now / 1000 - 301)), 'the request timestamp is more than 5 minutes from now'],
    ['a timestamp 5 min 1 s ahead', signed(String(now / 1000 + 301)), 'the request timestamp is more than 5 minutes from now'],
  ])('refuses %s', (_, headers, reason) => {
    expect(verifySlackSignature(SLACK_SIGNING_SECRET, headers, body, now)).toEqual({ ok: false, reason });
  });

  it('accepts a timestamp just inside the window', () => {
    expect(verifySlackSignature(SLACK_SIGNING_SECRET, signed(String(now / 1000 - 299)), body, now).ok).toBe(true);
  });
});

describe('ReplayGuard', () => {
  it('lets a signature through once, refuses it again within the window, forgets it after', () => {
    const guard = new ReplayGuard();
    expect(guard.firstUse('v0=a', now / 1000, now)).toBe(true);
    expect(guard.firstUse('v0=a', now / 1000, now + 1_000)).toBe(false);
    expect(guard.firstUse('v0=b', now / 1000, now + 1_000)).toBe(true);
    expect(guard.size).toBe(2);
    // Past the window the timestamp check refuses the request anyway: the guard need not remember it.
    expect(guard.firstUse('v0=c', now / 1000 + 400, now + 400_000)).toBe(true);
    expect(guard.size).toBe(1);
  });
});

describe('reading a block action', () => {
  const value: SlackActionValue = { cutover: 'acme-1', kind: 'gate', id: 'go-no-go', answer: 'go' };
  const press = (button: { action_id: string; value: string }) => parseSlackAction(Buffer.from(blockActionsBody('U0DANA', button, 'https://hooks.slack.com/actions/1')));

  it('reads the user, the golive button and the response URL', () => {
    expect(press({ action_id: 'golive-gate-go', value: JSON.stringify(value) })).toEqual({
      ok: true,
      action: { slackUser: { id: 'U0DANA', name: 'u0dana' }, value, responseUrl: 'https://hooks.slack.com/actions/1' },
    });
  });

  it('refuses a button golive did not make, and a body that is no block action', () => {
    expect(press({ action_id: 'other-app', value: 'approve' })).toEqual({ ok: false, reason: 'button other-app is not a golive button' });
    expect(press({ action_id: 'golive-gate-go', value: JSON.stringify({ ...value, answer: 'approve' }) }).ok).toBe(false);
    expect(parseSlackAction(Buffer.from('payload=not-json'))).toEqual({ ok: false, reason: 'the request is not a Slack block_actions payload' });
    expect(parseSlackAction(Buffer.from('command=%2Fgolive'))).toMatchObject({ ok: false });
  });
});

describe('operatorMessageOf', () => {
  const action = (value: Omit<SlackActionValue, 'cutover'>): SlackAction => ({ slackUser: { id: 'U0DANA', name: 'dana' }, value: { cutover: 'acme-1', ...value } });
  const reason = 'from Slack, by dana (U0DANA)';

  it.each([
    [{ kind: 'gate', id: 'go-no-go', answer: 'no-go' }, { message: 'decide', payload: { gate: 'go-no-go', decision: 'no-go', reason } }],
    [{ kind: 'gate', id: 'hypercare-1', answer: 'pause' }, { message: 'decide', payload: { gate: 'hypercare-1', decision: 'pause', reason } }],
    [{ kind: 'step', id: 'publish', answer: 'retry' }, { message: 'answerStep', payload: { step: 'publish', action: 'retry', reason } }],
    [{ kind: 'step', id: 'publish', answer: 'rollback' }, { message: 'answerStep', payload: { step: 'publish', action: 'rollback', reason } }],
    [{ kind: 'step', id: 'sign-off', answer: 'complete' }, { message: 'completeStep', payload: { step: 'sign-off', evidence: `marked done ${reason}` } }],
    [{ kind: 'gate', id: 'go-no-go', answer: 'retry' }, undefined],
    [{ kind: 'step', id: 'publish', answer: 'go' }, undefined],
  ] as const)('%j → %j', (value, expected) => {
    expect(operatorMessageOf(action(value))).toEqual(expected);
  });
});

describe('slackUserId in the tokens document', () => {
  it('maps a Slack user to the operator and roles, and never puts the id into the identity', () => {
    const auth = authFromConfig({ tokens: [{ token: 't-dana', operator: 'dana', roles: ['cutover-lead'], slackUserId: 'U0DANA' }, { token: 't-lee', operator: 'lee' }] }, 'test');
    expect(auth.identifySlackUser('U0DANA')).toEqual({ operator: 'dana', roles: ['cutover-lead'] });
    expect(auth.identify('t-dana')).toEqual({ operator: 'dana', roles: ['cutover-lead'] });
    expect(auth.identifySlackUser('U0LEE')).toBeUndefined();
  });

  it('refuses a malformed Slack user id and one Slack user for two operators, naming the path', () => {
    const bad = () => authFromConfig({ tokens: [{ token: 'a', operator: 'dana', slackUserId: 'dana' }] }, 'test');
    expect(bad).toThrow(AuthConfigError);
    expect(bad).toThrow(/tokens\[0\]\.slackUserId.*expected a Slack user id/);
    const twice = () =>
      authFromConfig({ tokens: [{ token: 'a', operator: 'dana', slackUserId: 'U0DANA' }, { token: 'b', operator: 'lee', slackUserId: 'U0DANA' }] }, 'test');
    expect(twice).toThrow(/tokens\[1\]\.slackUserId.*already acts as another operator/);
  });
});

describe('settings.noticeWebhooks', () => {
  const plan = (noticeWebhooks: unknown) => testPlan('hooks', [{ id: 'p', steps: [{ id: 's', kind: 'noop' }] }], { settings: { noticeWebhooks } });

  it('takes a Slack webhook given as a secret reference; the format defaults to json', () => {
    const result = validatePlan(plan([{ url: 'https://hooks.slack.com/services/${secret:SLACK_HOOK}', format: 'slack' }, { url: 'https://chat.example/hook' }]));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.settings.noticeWebhooks).toEqual([
      { url: 'https://hooks.slack.com/services/${secret:SLACK_HOOK}', format: 'slack' },
      { url: 'https://chat.example/hook', format: 'json' },
    ]);
  });

  it('refuses a URL that is not http(s) and an unknown format, naming the path', () => {
    const result = validatePlan(plan([{ url: 'ftp://x', format: 'slack' }, { url: 'https://x', format: 'teams' }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['settings.noticeWebhooks[0].url', 'settings.noticeWebhooks[1].format']);
  });
});
