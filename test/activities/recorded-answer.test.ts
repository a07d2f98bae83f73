/**
 * What a baseline reads: an http step records its JSON answer (scrubbed, bounded) when asked to;
 * a check step templates a window that ends at its attempt.
 */
import { check } from '../../activities/check';
import { http, RECORDED_ANSWER_CHARS } from '../../activities/http';
import { scrubbedActivities } from '../../activities/scrubbed-activities';
import { runActivity, stepInput } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

let server: RecordingServer;

beforeAll(async () => {
  server = await new RecordingServer().start();
  server
    .route('/legacy/analytics/query', { body: { aht: 320, serviceLevel: 0.82, token: 'legacy-s3cret-token' } })
    .route('/big', { body: { blob: 'x'.repeat(RECORDED_ANSWER_CHARS) } })
    .route('/text', { body: 'ok' });
});

afterAll(() => server.stop());

describe('http step answer', () => {
  it('is recorded, scrubbed of worker secrets, only when a baseline reads it', async () => {
    process.env.GOLIVE_SECRET_LEGACY = 'legacy-s3cret-token';
    try {
      const { http: scrubbedHttp } = scrubbedActivities({ http });
      const request = { method: 'POST' as const, url: `${server.url}/legacy/analytics/query`, body: { interval: '2026-12-04T00:00:00Z/2026-12-05T00:00:00Z' } };
      const recorded = await runActivity(scrubbedHttp, { ...stepInput('legacy', request), recordAnswer: true });
      expect(recorded.data).toEqual({ status: 200, elapsedMs: expect.any(Number), response: { aht: 320, serviceLevel: 0.82, token: '${secret:LEGACY}' } });
      const plain = await runActivity(scrubbedHttp, stepInput('legacy', request));
      expect(plain.data).toEqual({ status: 200, elapsedMs: expect.any(Number) });
    } finally {
      delete process.env.GOLIVE_SECRET_LEGACY;
    }
  });

  it.each([
    ['/big', `the answer is ${RECORDED_ANSWER_CHARS + 11} characters, more than the ${RECORDED_ANSWER_CHARS} recorded`],
    ['/text', 'the answer is not JSON'],
  ])('says why %s is not recorded', async (path, why) => {
    const result = await runActivity(http, { ...stepInput('s', { method: 'GET' as const, url: `${server.url}${path}` }), recordAnswer: true });
    expect(result.data).toEqual({ status: 200, elapsedMs: expect.any(Number), responseOmitted: why });
  });
});

describe('check step window', () => {
  it('ends at the attempt and reaches back the source window (default 15m)', async () => {
    server.route('/stats', { body: { level: 0.9 } });
    const before = Date.now();
    for (const window of ['1h', undefined]) {
      await runActivity(check, stepInput('c', { source: { kind: 'http' as const, method: 'POST' as const, url: `${server.url}/stats`, body: { from: '{{window.start}}', to: '{{window.end}}' }, path: 'level', ...(window ? { window } : {}) }, min: 0.8 }));
    }
    const [hour, quarter] = server.requests.filter((r) => r.path === '/stats').map((r) => JSON.parse(r.body) as { from: string; to: string });
    for (const [sent, lengthMs] of [[hour, 3_600_000], [quarter, 900_000]] as const) {
      expect(Date.parse(sent.to)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(sent.to) - Date.parse(sent.from)).toBe(lengthMs);
      expect(sent.to).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });
});
