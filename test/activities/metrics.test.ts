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
