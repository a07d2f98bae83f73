/**
 * Secrets never leave the worker in clear (issue 7 item 2), on the real dev server: a URL with
 * credentials that fetch refuses, a check and a checkpoint metric whose path reads a token the
 * server echoes, and the rollback that follows. The secret values must be nowhere in the history
 * (payloads decoded), the status document, the roster's notices or the worker's log lines.
 */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { historyText } from '../support/history-text';
import { captureLogLines } from '../support/log-capture';
import { testPlan } from '../support/plans';

const env = useCutoverTestEnv();

const secrets = { GOLIVE_SECRET_SCRUB_PW: 'pw-S3cr3t@2026!', GOLIVE_SECRET_SCRUB_TOKEN: 'tok-9f8e7d6c5b4a' };
const values = Object.values(secrets);
const clearForms = values.flatMap((value) => [value, encodeURIComponent(value)]);

let logs: ReturnType<typeof captureLogLines>;

beforeAll(() => {
  Object.assign(process.env, secrets);
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${env.http.url}/hook`;
  env.http.route('/hook', { status: 200 }).route('/whoami', { echoHeaders: true });
  logs = captureLogLines();
});

afterAll(() => {
  logs.stop();
  for (const name of [...Object.keys(secrets), 'GOLIVE_NOTIFY_WEBHOOK_URL']) delete process.env[name];
});

/** Reads the token back: the server echoes the Authorization header it was sent. */
const echoedToken = () => ({ kind: 'http', url: `${env.http.url}/whoami`, headers: { Authorization: 'Bearer ${secret:SCRUB_TOKEN}' }, path: 'headers.authorization' });

function leakPlan() {
  const once = { retry: { maximumAttempts: 1 }, onFailure: 'continue' };
  return testPlan('secret-scrub', [
    {
      id: 'cutover',
      steps: [
        { id: 'read-token', kind: 'check', with: { source: echoedToken(), min: 0 }, ...once },
        { id: 'login', kind: 'http', with: { method: 'POST', url: env.http.url.replace('http://', 'http://golive:${secret:SCRUB_PW}@') + '/login' }, ...once },
      ],
    },
    { id: 'hypercare', checkpoints: { every: '200ms', count: 1, metrics: [{ id: 'token-echo', source: echoedToken(), max: 1 }], onBreach: 'rollback' } },
  ]);
}

test('no secret reaches the history, the status document, the roster or the logs; their references do', async () => {
  const id = await env.harness.start(leakPlan());
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('rolled-back');

  const steps = new Map(doc.steps.map((step) => [step.id, step]));
  expect(steps.get('read-token')!.error!.message).toContain('not a finite number: "Bearer ${secret:SCRUB_TOKEN}"');
  expect(steps.get('login')!.error!.message).toContain('http://golive:${secret:SCRUB_PW}@127.0.0.1');
  expect(doc.rollback!.reason).toContain('Bearer ${secret:SCRUB_TOKEN}');

  const notices = env.http.requests.filter((request) => request.path === '/hook').map((request) => request.body);
  expect(notices.some((body) => body.includes('Rollback started') && body.includes('${secret:SCRUB_TOKEN}'))).toBe(true);

  const places = { history: await historyText(env.harness.client, id), status: JSON.stringify(doc), notices: notices.join('\n'), logs: logs.lines.join('') };
  expect(places.history).toContain('${secret:SCRUB_PW}');
  expect(places.logs).toContain('${secret:SCRUB_TOKEN}');
  for (const [place, text] of Object.entries(places)) {
    for (const form of clearForms) expect({ place, leaked: text.includes(form) ? form : null }).toEqual({ place, leaked: null });
  }
});
