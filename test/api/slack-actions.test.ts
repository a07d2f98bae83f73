/**
 * Slack approvals end to end, on the dev server: a plan's Slack notice webhook gets the gate's
 * Block Kit message with buttons; pressing one (a signed request to the API's Slack route, as
 * Slack sends it) decides the gate as the mapped operator. Bad and missing signatures, a stale
 * timestamp, a replay, an unmapped Slack user and an operator without the gate's role are refused,
 * change nothing and are logged with the cutover id.
 */
import { authFromConfig } from '../../api/auth';
import { SLACK_ACTIONS_PATH } from '../../api/routes/slack-actions';
import type { StatusDocument } from '../../workflows/status-document';
import { startApiStack, testTokens, type ApiStack } from '../support/api-stack';
import { recordHistoryIfAsked } from '../support/histories';
import { captureLogLines } from '../support/log-capture';
import { testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';
import { blockActionsBody, SLACK_SIGNING_SECRET, slackHeaders } from '../support/slack-requests';

const HOOK_SECRET = 'T000-B000-slack-hook-path';
const slackIds = { dana: 'U0DANA', ana: 'U0ANA' };

let stack: ApiStack;
let slack: RecordingServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  slack = await new RecordingServer().start();
  // The worker runs in this process: its notice activity resolves the hook's secret from here.
  process.env.GOLIVE_SECRET_SLACK_HOOK = HOOK_SECRET;
  process.env.GOLIVE_SLACK_SIGNING_SECRET = SLACK_SIGNING_SECRET;
  process.env.GOLIVE_SLACK_RESPONSE_URL_PREFIX = `${slack.url}/respond/`;
  const tokens = [
    { ...testTokens.dana, slackUserId: slackIds.dana },
    { ...testTokens.ana, slackUserId: slackIds.ana },
  ];
  stack = await startApiStack({ auth: authFromConfig({ tokens }, 'slack test tokens'), defaultToken: testTokens.dana.token });
});

afterAll(async () => {
  await stack?.stop();
  await slack?.stop();
  process.env = savedEnv;
});

const gatePlan = (name: string) =>
  testPlan(
    name,
    [
      { id: 'prepare', steps: [{ id: 'ready', kind: 'noop' }] },
      { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 } }, steps: [{ id: 'switch', kind: 'noop' }] },
    ],
    { settings: { noticeWebhooks: [{ url: `${slack.url}/hooks/\${secret:SLACK_HOOK}`, format: 'slack' }] } },
  );

const gateOf = (doc: StatusDocument) => doc.gates.find((g) => g.id === 'go-no-go');

const postAction = (body: string, headers: Record<string, string>) =>
  fetch(`${stack.api.url}${SLACK_ACTIONS_PATH}`, { method: 'POST', headers, body }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

/** The Slack message the gate's waiting notice posted, once it arrived. */
async function gateMessage(id: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = slack.requests.map((r) => JSON.parse(r.body)).find((m) => m.text?.includes(id) && m.blocks?.some((b: any) => b.type === 'actions'));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no Slack message with buttons for ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('the gate notice reaches Slack with buttons; every refused press changes nothing; the mapped cutover lead decides go', async () => {
  const id = await stack.startCutover(gatePlan('slack-approvals'), 'slack');
  await stack.waitFor(id, (doc) => gateOf(doc)?.state === 'open');

  const message = await gateMessage(id);
  const hookRequest = slack.requests.find((r) => r.path === `/hooks/${HOOK_SECRET}`);
  expect(hookRequest).toBeDefined();
  const buttons = message.blocks.find((b: any) => b.type === 'actions').elements;
  expect(buttons.map((b: any) => [b.action_id, JSON.parse(b.value)])).toEqual([
    ['golive-gate-go', { cutover: id, kind: 'gate', id: 'go-no-go', answer: 'go' }],
    ['golive-gate-no-go', { cutover: id, kind: 'gate', id: 'go-no-go', answer: 'no-go' }],
  ]);
  expect(buttons[1].confirm).toBeDefined();
  const go = { action_id: buttons[0].action_id, value: buttons[0].value };
  const respondTo = `${slack.url}/respond/1`;
  const before = JSON.stringify(await stack.status(id));
  const logs = captureLogLines('info');
  try {
    const wrongSecret = blockActionsBody(slackIds.dana, go, respondTo);
    expect(await postAction(wrongSecret, slackHeaders(wrongSecret, { secret: 'not-the-signing-secret' }))).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: 'the request signature does not match' } } });

    const tampered = blockActionsBody(slackIds.dana, go, respondTo);
    expect((await postAction(tampered, slackHeaders(tampered.replace('U0DANA', 'U0ANA')))).status).toBe(401);

    const unsigned = blockActionsBody(slackIds.dana, go);
    expect((await postAction(unsigned, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);

    const stale = blockActionsBody(slackIds.dana, go);
    expect(await postAction(stale, slackHeaders(stale, { atMs: Date.now() - 6 * 60_000 }))).toMatchObject({ status: 401, body: { error: { message: 'the request timestamp is more than 5 minutes from now' } } });

    const unmapped = blockActionsBody('U0NOBODY', go, respondTo);
    const unmappedAnswer = await postAction(unmapped, slackHeaders(unmapped));
    expect(unmappedAnswer).toMatchObject({ status: 200, body: { response_type: 'ephemeral' } });
    expect(unmappedAnswer.body.text).toContain('does not know Slack user U0NOBODY');

    const agent = blockActionsBody(slackIds.ana, go, respondTo);
    const agentHeaders = slackHeaders(agent);
    const agentAnswer = await postAction(agent, agentHeaders);
    expect(agentAnswer).toMatchObject({ status: 200, body: { response_type: 'ephemeral' } });
    expect(agentAnswer.body.text).toMatch(/^Refused \(role-not-allowed\)/);
    // The same signed request again: a replay, refused before it reaches the cutover.
    expect(await postAction(agent, agentHeaders)).toMatchObject({ status: 401, body: { error: { message: 'this signed request was already received (replay)' } } });

    expect(JSON.stringify(await stack.status(id))).toBe(before);
    const refusals = logs.lines.map((line) => JSON.parse(line)).filter((entry) => /Slack action refused/.test(entry.msg));
    expect(refusals.map((entry) => [entry.cutoverId, entry.msg])).toEqual([
      [id, 'Slack action refused: not a verified Slack request'],
      [id, 'Slack action refused: not a verified Slack request'],
      [id, 'Slack action refused: not a verified Slack request'],
      [id, 'Slack action refused: not a verified Slack request'],
      [id, 'Slack action refused: the Slack user is not mapped to an operator'],
      [id, 'Slack action refused by the cutover'],
      [id, 'Slack action refused: not a verified Slack request'],
    ]);
  } finally {
    logs.stop();
  }

  const good = blockActionsBody(slackIds.dana, go, `${slack.url}/respond/2`);
  const answer = await postAction(good, slackHeaders(good));
  expect(answer).toMatchObject({ status: 200, body: { response_type: 'in_channel' } });
  expect(answer.body.text).toContain(`dana: go on gate go-no-go of ${id}`);

  const doc = await stack.waitFor(id, (d) => d.state === 'completed');
  // Notices carrying the plan's webhooks, and a decision sent from Slack, replay like any other.
  await recordHistoryIfAsked(stack.harness.client, id, 'slack-approvals');
  expect(gateOf(doc)).toMatchObject({ state: 'decided', decision: 'go' });
  expect(doc.decisions.find((d) => d.gate === 'go-no-go')).toMatchObject({ decision: 'go', operator: 'dana', source: 'api', reason: `from Slack, by ${slackIds.dana.toLowerCase()} (${slackIds.dana})` });
  // Slack shows a block action's outcome from its response_url: refusals and the decision went there.
  await stack.waitFor(id, () => slack.requests.filter((r) => r.path.startsWith('/respond/')).length === 3);
  const replies = slack.requests.filter((r) => r.path.startsWith('/respond/')).map((r) => [r.path, JSON.parse(r.body).response_type]);
  expect(replies).toEqual(expect.arrayContaining([['/respond/1', 'ephemeral'], ['/respond/2', 'in_channel']]));
});
