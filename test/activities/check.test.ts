/** `check` step: a value within its bounds passes; out of range is a retryable CheckFailed that polls. */
import { check } from '../../activities/check';
import { failureOf, runActivity, stepInput } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

let server: RecordingServer;

beforeAll(async () => {
  server = await new RecordingServer().start();
});

afterAll(() => server.stop());

function checkStats(abandonRate: number, bounds: { min?: number; max?: number; equals?: number }) {
  server.route('/stats', { body: { abandonRate } });
  return runActivity(check, stepInput('abandon-ok', { source: { kind: 'http', url: `${server.url}/stats`, path: 'abandonRate' }, ...bounds }));
}

describe('check step', () => {
  it('passes within the bounds and shows the value', async () => {
    const result = await checkStats(0.05, { min: 0, max: 0.08 });
    expect(result).toEqual({ attempt: 1, summary: `value 0.05 ok: min 0, max 0.08 (${server.url}/stats abandonRate)`, data: { value: 0.05 } });
  });

  it('passes at the limit', async () => {
    await expect(checkStats(0.08, { max: 0.08 })).resolves.toMatchObject({ data: { value: 0.08 } });
  });

  it('fails above max, retryably, naming value, limit, url and path', async () => {
    const failure = await failureOf(checkStats(0.12, { max: 0.08 }));
    expect(failure.type).toBe('CheckFailed');
    expect(failure.message).toBe(`value 0.12 above max 0.08 (${server.url}/stats abandonRate)`);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.details?.[0]).toEqual({ value: 0.12, attempt: 1 });
  });

  it('fails below min', async () => {
    expect((await failureOf(checkStats(0.01, { min: 0.02 }))).message).toBe(`value 0.01 below min 0.02 (${server.url}/stats abandonRate)`);
  });

  it('compares equals exactly', async () => {
    await expect(runActivity(check, stepInput('ivr-live', { source: { kind: 'static', value: 1 }, equals: 1 }))).resolves.toMatchObject({
      summary: 'value 1 ok: equals 1 (static)',
    });
    const failure = await failureOf(runActivity(check, stepInput('ivr-live', { source: { kind: 'static', value: 0 }, equals: 1 })));
    expect(failure).toMatchObject({ type: 'CheckFailed', message: 'value 0 not equal to 1 (static)', nonRetryable: false });
  });

  it('lets an unreadable value be retried too', async () => {
    server.route('/stats', { status: 503 });
    const failure = await failureOf(runActivity(check, stepInput('abandon-ok', { source: { kind: 'http', url: `${server.url}/stats`, path: 'abandonRate' }, max: 1 })));
    expect(failure).toMatchObject({ type: 'ValueUnreadable', nonRetryable: false });
  });
});
