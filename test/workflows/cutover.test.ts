/** cutoverWorkflow on the real dev server: DAG order, bounded parallelism, failure, waits, secrets. */
import type { PlanInput } from '../../plan/schema';
import type { StatusDocument } from '../../workflows/status-document';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { RecordingServer } from '../support/recording-server';
import { recordHistoryIfAsked } from '../support/histories';
import { historyText } from '../support/history-text';

const env = useCutoverTestEnv();

function httpStep(id: string, dependsOn: string[] = [], extra: Record<string, unknown> = {}) {
  return { id, kind: 'http' as const, dependsOn, with: { method: 'POST' as const, url: `${env.http.url}/${id}` }, ...extra };
}

function plan(name: string, steps: unknown[], settings: Record<string, unknown> = {}): PlanInput {
  return { apiVersion: 'golive/v1', name, settings, phases: [{ id: 'cutover', steps }] } as PlanInput;
}

const byId = (doc: StatusDocument) => new Map(doc.steps.map((step) => [step.id, step]));

describe('cutoverWorkflow', () => {
  test('runs steps in dependency order: no step starts before its dependencies end', async () => {
    // A deploy DAG like a contact-center cutover: tables and modules before the flows using them.
    for (const id of ['tables', 'modules', 'queue-flow', 'inbound-flow', 'routing']) env.http.route(`/${id}`, { delayMs: 150 });
    const id = await env.harness.start(
      plan('dag-order', [
        httpStep('routing', ['inbound-flow']),
        httpStep('inbound-flow', ['queue-flow', 'modules']),
        httpStep('queue-flow', ['tables']),
        httpStep('modules'),
        httpStep('tables'),
      ]),
    );
    const doc = await env.harness.finished(id);
    await recordHistoryIfAsked(env.harness.client, id, 'dag-order');
    expect(doc.state).toBe('completed');
    const steps = byId(doc);
    const served = new Map(env.http.requests.map((r) => [r.path.slice(1), r]));
    for (const step of doc.steps) {
      expect(step.state).toBe('succeeded');
      for (const dep of step.dependsOn) {
        // Both clocks: the workflow's record and the receiving server's.
        expect(Date.parse(step.startedAt!)).toBeGreaterThanOrEqual(Date.parse(steps.get(dep)!.endedAt!));
        expect(served.get(step.id)!.startedAt).toBeGreaterThanOrEqual(served.get(dep)!.endedAt);
      }
    }
    // Independent roots ran side by side rather than one after another.
    const tables = served.get('tables')!;
    const modules = served.get('modules')!;
    expect(Math.max(tables.startedAt, modules.startedAt)).toBeLessThan(Math.min(tables.endedAt, modules.endedAt));
  });

  test('never runs more than settings.maxParallel steps at once, and does reach it', async () => {
    const server = await new RecordingServer().start();
    try {
      const steps = Array.from({ length: 9 }, (_, i) => {
        server.route(`/p${i}`, { delayMs: 400 });
        return { id: `p${i}`, kind: 'http', with: { method: 'POST', url: `${server.url}/p${i}` } };
      });
      const id = await env.harness.start(plan('max-parallel', steps, { maxParallel: 3 }));
      const doc = await env.harness.finished(id);
      expect(doc.state).toBe('completed');
      expect(server.requests).toHaveLength(9);
      expect(server.maxInFlight).toBe(3);
    } finally {
      await server.stop();
    }
  });

  test('a step that fails after its retries with onFailure: fail leaves the cutover failed with the error in the status', async () => {
    env.http.route('/broken', { status: 503 });
    const id = await env.harness.start(
      plan('fails', [
        httpStep('ok'),
        httpStep('broken', ['ok'], { onFailure: 'fail', retry: { maximumAttempts: 3, initialInterval: '100ms', backoffCoefficient: 1 } }),
        httpStep('after', ['broken']),
      ]),
    );
    const doc = await env.harness.finished(id);
    await recordHistoryIfAsked(env.harness.client, id, 'failed-after-retries');
    expect(doc.state).toBe('failed');
    expect(doc.endedAt).not.toBeNull();
    expect(doc.error).toMatchObject({ step: 'broken', type: 'UnexpectedStatus' });
    expect(doc.error!.message).toContain('-> 503, expected 2xx');
    const steps = byId(doc);
    expect(steps.get('ok')!.state).toBe('succeeded');
    expect(steps.get('broken')).toMatchObject({ state: 'failed', attempts: 3 });
    expect(steps.get('after')!.state).toBe('pending');
    expect(doc.phases[0].state).toBe('failed');
    expect(env.http.requests.filter((r) => r.path === '/broken')).toHaveLength(3);
    expect(env.http.requests.some((r) => r.path === '/after')).toBe(false);
    const description = await env.harness.client.workflow.getHandle(id).describe();
    expect(description.status.name).toBe('FAILED');
  });

  test('a permanent client error is not retried', async () => {
    env.http.route('/missing', { status: 404 });
    const id = await env.harness.start(plan('permanent', [httpStep('missing', [], { onFailure: 'fail', retry: { maximumAttempts: 5, initialInterval: '100ms' } })]));
    const doc = await env.harness.finished(id);
    expect(byId(doc).get('missing')).toMatchObject({ state: 'failed', attempts: 1 });
    expect(env.http.requests.filter((r) => r.path === '/missing')).toHaveLength(1);
  });

  test('a transient failure is retried and the step succeeds, with the same idempotency key', async () => {
    env.http.route('/flaky', { failFirst: 2 });
    const id = await env.harness.start(plan('flaky', [httpStep('flaky', [], { retry: { maximumAttempts: 4, initialInterval: '100ms' } })]));
    const doc = await env.harness.finished(id);
    await recordHistoryIfAsked(env.harness.client, id, 'retried-then-succeeded');
    expect(doc.state).toBe('completed');
    expect(byId(doc).get('flaky')).toMatchObject({ state: 'succeeded', attempts: 3 });
    const keys = new Set(env.http.requests.filter((r) => r.path === '/flaky').map((r) => r.headers['idempotency-key']));
    expect([...keys]).toEqual([`${id}/flaky/run`]);
  });

  test('wait steps are durable timers scaled by timeScale; the status query answers while running', async () => {
    const id = await env.harness.start(
      plan('waits', [
        { id: 'soak', kind: 'wait', with: { duration: '20m' } },
        { id: 'done', kind: 'noop', dependsOn: ['soak'] },
      ]),
      { mode: 'rehearsal', timeScale: 0.001 }, // 20 minutes → 1.2 s
    );
    const running = await env.harness.status(id);
    expect(running.mode).toBe('rehearsal');
    expect(['running', 'completed']).toContain(running.state);
    const doc = await env.harness.finished(id);
    await recordHistoryIfAsked(env.harness.client, id, 'wait-timer-rehearsal');
    expect(doc.state).toBe('completed');
    const soak = byId(doc).get('soak')!;
    const waitedMs = Date.parse(soak.endedAt!) - Date.parse(soak.startedAt!);
    expect(waitedMs).toBeGreaterThanOrEqual(1200);
    expect(waitedMs).toBeLessThan(20 * 60_000);
  });

  test('secrets referenced as ${secret:NAME} reach the endpoint but never the workflow history', async () => {
    process.env.GOLIVE_SECRET_TEST_TOKEN = 's3cr3t-value-for-test';
    const id = await env.harness.start(
      plan('secrets', [httpStep('authed', [], { with: { method: 'POST', url: `${env.http.url}/authed`, headers: { Authorization: 'Bearer ${secret:TEST_TOKEN}' } } })]),
    );
    const doc = await env.harness.finished(id);
    expect(doc.state).toBe('completed');
    expect(env.http.requests.find((r) => r.path === '/authed')!.headers.authorization).toBe('Bearer s3cr3t-value-for-test');
    // Payloads decoded: in the history object they are bytes, where a text search finds nothing.
    expect(await historyText(env.harness.client, id)).not.toContain('s3cr3t-value-for-test');
  });

  test('phases run in order and the status records each phase', async () => {
    const id = await env.harness.start({
      apiVersion: 'golive/v1',
      name: 'phases',
      phases: [
        { id: 'pre', steps: [httpStep('export')] },
        { id: 'go', steps: [httpStep('switch', ['export'])] },
      ],
    } as PlanInput);
    const doc = await env.harness.finished(id);
    await recordHistoryIfAsked(env.harness.client, id, 'two-phases');
    expect(doc.phases.map((p) => [p.id, p.state])).toEqual([
      ['pre', 'succeeded'],
      ['go', 'succeeded'],
    ]);
    expect(Date.parse(doc.phases[1].startedAt!)).toBeGreaterThanOrEqual(Date.parse(doc.phases[0].endedAt!));
    expect(doc.phase).toBeNull();
  });
});
