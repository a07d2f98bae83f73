/**
 * The undo button of the source runbooks, end to end: export the configuration before go-live
 * (snapshot), check the platform, change it, and on rollback put the exported configuration
 * back (restore as the compensation) and tell the roster (a notify step in the rollback procedure).
 */
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';

const env = useCutoverTestEnv();
let webhook: RecordingServer;

beforeAll(async () => {
  webhook = await new RecordingServer().start();
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${webhook.url}/hooks`;
});

afterAll(async () => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
  await webhook?.stop();
});

test('snapshot before, restore on rollback; check and notify steps run as planned', async () => {
  const exported = { queues: [{ name: 'billing', skills: ['en', 'es'] }], flows: ['main-ivr-v7'] };
  env.http.route('/undo/config', { body: exported });
  env.http.route('/undo/health', { body: { trunks: { errors: 0 } } });
  env.http.route('/undo/smoke', { status: 500 });
  const url = (path: string) => `${env.http.url}/undo/${path}`;
  const id = await env.harness.start(
    testPlan(
      'undo-button',
      [
        {
          id: 'pre-cutover',
          steps: [
            { id: 'export-config', kind: 'snapshot', with: { label: 'config', request: { method: 'GET', url: url('config') } } },
            { id: 'trunks-healthy', kind: 'check', with: { source: { kind: 'http', url: url('health'), path: 'trunks.errors' }, max: 0 } },
          ],
        },
        {
          id: 'cutover',
          steps: [
            {
              id: 'import-new-config',
              kind: 'http',
              with: { method: 'PUT', url: url('import'), body: { queues: [] } },
              compensate: { kind: 'restore', with: { snapshotStep: 'export-config', request: { method: 'PUT', url: url('config') } } },
            },
            { id: 'smoke-test', kind: 'http', dependsOn: ['import-new-config'], with: { method: 'POST', url: url('smoke') }, retry: { maximumAttempts: 1 }, onFailure: 'rollback' },
          ],
        },
      ],
      { rollback: { steps: [{ id: 'tell-agents', kind: 'notify', with: { message: 'Log back into the legacy desktop', roles: ['cutover-lead'] } }] } },
    ),
  );
  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'undo-button-snapshot-restore');
  expect(doc.state).toBe('rolled-back');

  // The snapshot's reference is in the status; its content never is.
  const snapshot = doc.steps.find((s) => s.id === 'export-config')!.result as { data: { snapshot: { sha256: string; bytes: number } } };
  expect(snapshot.data.snapshot.bytes).toBe(JSON.stringify(exported).length);
  expect(JSON.stringify(doc)).not.toContain('main-ivr-v7');

  const restore = env.http.requests.find((r) => r.path === '/undo/config' && r.method === 'PUT')!;
  expect(JSON.parse(restore.body)).toEqual(exported);
  expect(restore.headers['idempotency-key']).toBe(`${id}/import-new-config/compensate`);
  expect(doc.steps.find((s) => s.id === 'import-new-config')).toMatchObject({ state: 'compensated' });
  expect(doc.steps.find((s) => s.id === 'trunks-healthy')).toMatchObject({ state: 'succeeded' });

  const notices = webhook.requests.map((r) => JSON.parse(r.body) as { event: string; cutoverId: string; text: string; roles: string[] }).filter((n) => n.cutoverId === id);
  expect(notices.find((n) => n.event === 'step')).toMatchObject({ roles: ['cutover-lead'], text: expect.stringContaining('Log back into the legacy desktop') });
  expect(doc.steps.find((s) => s.id === 'tell-agents')).toMatchObject({ state: 'succeeded' });
});
