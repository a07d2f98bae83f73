/** readMetrics: every metric read; an unreadable one becomes a reading with an error, not a failed activity. */
import { readMetrics } from '../../activities/metrics';
import { runActivity } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

let server: RecordingServer;
let unreachable: string;

beforeAll(async () => {
  server = await new RecordingServer().start();
  server.route('/analytics', { body: { aggregates: [{ aht: 352 }, { aht: 340, serviceLevel: 0.78 }] }, delayMs: 200 });
  const closed = await new RecordingServer().start();
  await closed.stop();
  unreachable = `${closed.url}/trunks`;
});

afterAll(() => server.stop());

it('reads every metric in parallel and reports an unreachable one as an error', async () => {
  const analytics = `${server.url}/analytics`;
  const readings = await runActivity(readMetrics, {
    cutoverId: 'cut-1',
    checkpoint: 'hypercare-1',
    metrics: [
      { id: 'aht', source: { kind: 'http', url: analytics, path: 'aggregates[1].aht' } },
      { id: 'service-level', source: { kind: 'http', url: analytics, path: 'aggregates[1].serviceLevel' } },
      { id: 'trunk-errors', source: { kind: 'http', url: unreachable, path: 'errors' } },
      { id: 'login-failures', source: { kind: 'static', value: 0 } },
    ],
  });
  expect(readings).toEqual([
    { id: 'aht', value: 340 },
    { id: 'service-level', value: 0.78 },
    { id: 'trunk-errors', value: null, error: expect.stringMatching(new RegExp(`^cannot read ${unreachable} errors: fetch failed \\(.*ECONNREFUSED`)) },
    { id: 'login-failures', value: 0 },
  ]);
  // The two slow reads of the same endpoint overlapped.
  expect(server.maxInFlight).toBe(2);
});

it('POSTs the evaluation window templated into URL and body, secrets in headers, and computes an expression over the answer', async () => {
  server.route('/aggregates', {
    body: { results: [{ group: { mediaType: 'voice' }, data: [{ interval: 'x', metrics: [{ metric: 'tHandle', stats: { sum: 660_000, count: 2 } }, { metric: 'nOffered', stats: { count: 3 } }] }] }] },
  });
  const window = { start: '2026-12-05T01:45:00.000Z', end: '2026-12-05T02:00:00.000Z' };
  const stats = 'results[*].data[*].metrics[metric=tHandle].stats';
  process.env.GOLIVE_SECRET_ANALYTICS_TOKEN = 'analytics-s3cret';
  let readings;
  try {
    readings = await runActivity(readMetrics, {
      cutoverId: 'cut-1',
      checkpoint: 'hypercare-1',
      metrics: [
        {
          id: 'aht',
          source: {
            kind: 'http',
            method: 'POST',
            url: `${server.url}/aggregates?until={{window.end}}`,
            headers: { Authorization: 'Bearer ${secret:ANALYTICS_TOKEN}' },
            body: { interval: '{{window.start}}/{{window.end}}', metrics: ['tHandle'] },
            value: `sum(${stats}.sum) / sum(${stats}.count) / 1000`,
          },
          window,
        },
        { id: 'no-window', source: { kind: 'http', url: `${server.url}/aggregates?from={{window.start}}`, path: 'results[0].data[0].interval' } },
      ],
    });
  } finally {
    delete process.env.GOLIVE_SECRET_ANALYTICS_TOKEN;
  }
  expect(readings).toEqual([
    { id: 'aht', value: 330 },
    { id: 'no-window', value: null, error: expect.stringContaining('the source templates the evaluation window, but no window was given') },
  ]);
  const request = server.requests.find((r) => r.path === '/aggregates')!;
  expect(request.method).toBe('POST');
  expect(request.query).toBe('until=2026-12-05T02:00:00.000Z');
  expect(request.headers.authorization).toBe('Bearer analytics-s3cret');
  expect(request.headers['content-type']).toBe('application/json');
  expect(JSON.parse(request.body)).toEqual({ interval: '2026-12-05T01:45:00.000Z/2026-12-05T02:00:00.000Z', metrics: ['tHandle'] });
});
