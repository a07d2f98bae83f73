/** Notices: the log sink always, the webhook sink when configured, for `sendNotice` and the `notify` step. */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { NoticeInput } from '../../activities/contract';
import { logSink } from '../../activities/notice-sinks';
import { notify, sendNotice } from '../../activities/notify';
import { failureOf, runActivity, stepInput } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

const roster: NoticeInput['recipients'] = [
  { name: 'Dana', role: 'cutover-lead', org: 'customer', contact: 'dana@example.com' },
  { name: 'Net Ops', role: 'network', org: 'carrier' },
  { name: 'IdP team', role: 'security' },
];

const decision: NoticeInput = {
  cutoverId: 'cut-1',
  key: 'cut-1/notice/go-no-go/decision',
  event: 'decision',
  message: 'go-no-go: **go** by dana',
  roles: ['network', 'security'],
  recipients: roster,
  data: { gate: 'go-no-go', decision: 'go' },
};

let server: RecordingServer;

beforeAll(async () => {
  server = await new RecordingServer().start();
  server.route('/hook', { status: 200 }).route('/hook-down', { status: 502 });
});

afterAll(() => server.stop());

afterEach(() => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
});

function lastJson(path: string): any {
  const request = server.requests.filter((r) => r.path === path).at(-1)!;
  return { headers: request.headers, body: JSON.parse(request.body) };
}

describe('sendNotice', () => {
  it('posts a Slack-compatible payload with the idempotency key to the webhook', async () => {
    process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${server.url}/hook`;
    await expect(runActivity(sendNotice, decision)).resolves.toEqual({ delivered: ['log', 'webhook'] });
    const { headers, body } = lastJson('/hook');
    expect(headers['idempotency-key']).toBe('cut-1/notice/go-no-go/decision');
    expect(headers['content-type']).toBe('application/json');
    expect(body).toEqual({
      text: '[golive] cut-1: go-no-go: **go** by dana',
      event: 'decision',
      cutoverId: 'cut-1',
      roles: ['network', 'security'],
      recipients: [roster[1], roster[2]],
      data: { gate: 'go-no-go', decision: 'go' },
    });
  });

  it('logs only when no webhook is configured', async () => {
    await expect(runActivity(sendNotice, decision)).resolves.toEqual({ delivered: ['log'] });
  });

  it('fails retryably when the webhook does not accept the notice', async () => {
    process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${server.url}/hook-down`;
    const failure = await failureOf(runActivity(sendNotice, decision));
    expect(failure).toMatchObject({ type: 'NoticeNotDelivered', nonRetryable: false, message: 'notice webhook answered 502' });
  });

  it('never resolves secret references quoted in a message', async () => {
    process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${server.url}/hook`;
    process.env.GOLIVE_SECRET_TOKEN = 'leaked';
    try {
      await runActivity(sendNotice, { ...decision, message: 'rotate ${secret:TOKEN} after go-live' });
    } finally {
      delete process.env.GOLIVE_SECRET_TOKEN;
    }
    expect(lastJson('/hook').body.text).toBe('[golive] cut-1: rotate ${secret:TOKEN} after go-live');
  });

  it('gives the roster a secret value it quotes (a failure, a reason) as its reference', async () => {
    process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${server.url}/hook`;
    process.env.GOLIVE_SECRET_TOKEN = 'tok-1234567890';
    try {
      await runActivity(sendNotice, { ...decision, message: 'rollback: step login failed: Bearer tok-1234567890', data: { echoed: 'tok-1234567890' } });
    } finally {
      delete process.env.GOLIVE_SECRET_TOKEN;
    }
    const { body } = lastJson('/hook');
    expect(body.text).toBe('[golive] cut-1: rollback: step login failed: Bearer ${secret:TOKEN}');
    expect(body.data).toEqual({ echoed: '${secret:TOKEN}' });
  });
});

describe('log sink', () => {
  /** A real pino logger writing into `lines`. */
  function capture(): { log: pino.Logger; lines: string[] } {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    return { log: pino({ level: 'info' }, stream), lines };
  }

  it('logs the cutover, event, roles and addressed recipients at info', async () => {
    const { log, lines } = capture();
    await logSink(log).deliver(decision);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 30,
      msg: 'go-no-go: **go** by dana',
      cutoverId: 'cut-1',
      event: 'decision',
      roles: ['network', 'security'],
      recipients: ['Net Ops (network)', 'IdP team (security)'],
    });
  });

  it('does not repeat what its logger already binds', async () => {
    const { log, lines } = capture();
    await logSink(log.child({ cutoverId: 'cut-1' })).deliver(decision);
    expect(lines[0].match(/"cutoverId"/g)).toHaveLength(1);
  });
});

describe('notify step', () => {
  const notifyStep = (roles?: string[]) =>
    runActivity(notify, { ...stepInput('tell-network', { message: 'Number forwarding switched to the new platform', roles }), recipients: roster });

  it('sends the message to the roles it names, keyed by the step', async () => {
    process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${server.url}/hook`;
    const result = await notifyStep(['network']);
    expect(result).toEqual({ attempt: 1, summary: 'notified 1 recipient via log, webhook', data: { delivered: ['log', 'webhook'], recipients: 1 } });
    const { headers, body } = lastJson('/hook');
    expect(headers['idempotency-key']).toBe('cut-1/tell-network/run');
    expect(body).toMatchObject({ event: 'step', roles: ['network'], recipients: [roster[1]], data: { stepId: 'tell-network' } });
  });

  it('addresses the whole roster when it names no roles', async () => {
    await expect(notifyStep()).resolves.toMatchObject({ summary: 'notified 3 recipients via log', data: { recipients: 3 } });
    await expect(notifyStep([])).resolves.toMatchObject({ data: { recipients: 3 } });
  });
});
