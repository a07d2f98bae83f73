/**
 * Notices as Slack Block Kit messages: a button per answer to what waits (value: cutover, gate or
 * step, answer), a confirmation on what ends or undoes something, escaped text, the console link;
 * and the Slack webhook sink posting it with its secret URL resolved.
 */
import type { NoticeInput, WaitingRef } from '../../activities/contract';
import { webhookSink } from '../../activities/notice-sinks';
import { notify, sendNotice } from '../../activities/notify';
import { withHowToAct } from '../../activities/how-to-act';
import { slackMessage } from '../../activities/slack-message';
import { runActivity, stepInput } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

const waiting = (kind: WaitingRef['kind'], id: string, expects: WaitingRef['expects']): WaitingRef => ({ kind, id, expects, since: '2026-12-04T08:00:00.000Z', deadline: null, roles: ['cutover-lead'] });
const notice = (extra: Partial<NoticeInput> = {}): NoticeInput => ({ cutoverId: 'acme-1', key: 'acme-1/notice/1', event: 'waiting', message: 'Gate go-no-go is open', roles: [], recipients: [], ...extra });
const buttonsOf = (message: ReturnType<typeof slackMessage>) => (message.blocks.find((b) => b.type === 'actions')?.elements as Record<string, any>[] | undefined) ?? [];

test.each([
  ['a go/no-go gate', waiting('gate', 'go-no-go', 'go-no-go'), ['go', 'no-go']],
  ['a checkpoint', waiting('gate', 'hypercare-2', 'checkpoint'), ['continue', 'pause', 'rollback']],
  ['a manual step', waiting('step', 'sign-off', 'completion'), ['complete']],
  ['a failed step', waiting('step', 'publish', 'retry-skip'), ['retry', 'skip']],
  ['a failed step that may roll back', waiting('step', 'publish', 'retry-skip-rollback'), ['retry', 'skip', 'rollback']],
])('%s gets a button per answer carrying the cutover, the target and the answer', (_, ref, answers) => {
  const buttons = buttonsOf(slackMessage(notice({ waiting: ref })));
  expect(buttons.map((b) => JSON.parse(b.value))).toEqual(answers.map((answer) => ({ cutover: 'acme-1', kind: ref.kind, id: ref.id, answer })));
  expect(buttons.map((b) => b.action_id)).toEqual(answers.map((answer) => `golive-${ref.kind}-${answer}`));
  // Slack asks before a no-go or a rollback is sent; nothing else needs a second click.
  expect(buttons.filter((b) => b.confirm).map((b) => JSON.parse(b.value).answer)).toEqual(answers.filter((a) => a === 'no-go' || a === 'rollback'));
});

test('a notice that waits for nothing has no buttons; text is escaped for mrkdwn', () => {
  const message = slackMessage(notice({ event: 'decision', message: 'Gate go-no-go: go (dana: <ok> & done)' }));
  expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: '[golive] acme-1: Gate go-no-go: go (dana: &lt;ok&gt; &amp; done)' } }]);
  expect(message.text).toBe('[golive] acme-1: Gate go-no-go: go (dana: <ok> & done)');
});

test('a long text is cut to Slack’s 3000 characters; the console link is a context line', () => {
  const acted = withHowToAct(notice({ message: 'x'.repeat(5000), waiting: waiting('gate', 'go-no-go', 'go-no-go') }), { GOLIVE_CONSOLE_URL: 'https://golive.example/' });
  const message = slackMessage(acted);
  expect(((message.blocks[0].text as { text: string }).text).length).toBe(3000);
  expect(message.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://golive.example/?cutover=acme-1|Open acme-1 in the console>' }] });
});

describe('the Slack webhook sink', () => {
  let hook: RecordingServer;
  beforeAll(async () => {
    hook = await new RecordingServer().start();
  });
  afterAll(() => hook.stop());

  it('posts the Block Kit message to the URL with its secret resolved; a refusal fails the delivery without the URL', async () => {
    process.env.GOLIVE_SECRET_SLACK_TEST_HOOK = 'T01-B02-secret-path';
    try {
      await webhookSink(`${hook.url}/services/\${secret:SLACK_TEST_HOOK}`, 'slack', 'slack-1').deliver(notice({ waiting: waiting('gate', 'go-no-go', 'go-no-go') }));
      const [request] = hook.requests;
      expect(request.path).toBe('/services/T01-B02-secret-path');
      expect(request.headers['idempotency-key']).toBe('acme-1/notice/1');
      expect(JSON.parse(request.body).blocks.map((b: { type: string }) => b.type)).toEqual(['section', 'actions']);

      hook.route('/refused', { status: 404 });
      await expect(webhookSink(`${hook.url}/refused`, 'slack', 'slack-1').deliver(notice())).rejects.toThrow('notice slack-1 answered 404');
    } finally {
      delete process.env.GOLIVE_SECRET_SLACK_TEST_HOOK;
    }
  });
});

describe('the plan’s notice webhooks', () => {
  let hooks: RecordingServer;
  beforeAll(async () => {
    hooks = await new RecordingServer().start();
  });
  afterAll(() => hooks.stop());

  it('get the workflow’s notices and the notify step’s, each in its format, after the log', async () => {
    const webhooks = [
      { url: `${hooks.url}/slack`, format: 'slack' as const },
      { url: `${hooks.url}/json`, format: 'json' as const },
    ];
    await expect(runActivity(sendNotice, notice({ waiting: waiting('gate', 'go-no-go', 'go-no-go'), webhooks }))).resolves.toEqual({ delivered: ['log', 'slack-1', 'webhook-2'] });
    const result = await runActivity(notify, { ...stepInput('tell-network', { message: 'Forwarding switched' }), recipients: [], webhooks });
    expect(result.data).toMatchObject({ delivered: ['log', 'slack-1', 'webhook-2'] });
    const bodies = (path: string) => hooks.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body));
    expect(bodies('/slack').map((b) => b.blocks.map((block: { type: string }) => block.type))).toEqual([['section', 'actions'], ['section']]);
    expect(bodies('/json').map((b) => b.event)).toEqual(['waiting', 'step']);
  });
});
