/** readValue: static values, JSON paths into real HTTP responses, and errors an operator can act on. */
import { parsePath, readValue } from '../../activities/value-source';
import { failureOf } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

let server: RecordingServer;

beforeAll(async () => {
  server = await new RecordingServer().start();
  server
    .route('/stats', { body: { data: { results: [{ metrics: { aht: 331.5, serviceLevel: '0.82', flag: true, missing: null } }] } } })
    .route('/html', { body: '<html>maintenance</html>' })
    .route('/down', { status: 503 })
    .route('/gone', { status: 404 });
});

afterAll(() => server.stop());

const http = (path: string, urlPath = '/stats') => ({ kind: 'http' as const, url: `${server.url}${urlPath}`, path });

describe('readValue', () => {
  it('returns a static value as is', async () => {
    await expect(readValue({ kind: 'static', value: 0.04 })).resolves.toBe(0.04);
  });

  it('follows a dotted path with array indexes into the JSON response', async () => {
    await expect(readValue(http('data.results[0].metrics.aht'))).resolves.toBe(331.5);
  });

  it('accepts a numeric string', async () => {
    await expect(readValue(http('data.results[0].metrics.serviceLevel'))).resolves.toBe(0.82);
  });

  it('sends resolved secret headers and no idempotency key (a read changes nothing)', async () => {
    process.env.GOLIVE_SECRET_STATS_TOKEN = 's3cret';
    try {
      await readValue({ ...http('data.results[0].metrics.aht'), headers: { Authorization: 'Bearer ${secret:STATS_TOKEN}' } });
    } finally {
      delete process.env.GOLIVE_SECRET_STATS_TOKEN;
    }
    const request = server.requests.at(-1)!;
    expect(request.method).toBe('GET');
    expect(request.headers.authorization).toBe('Bearer s3cret');
    expect(request.headers['idempotency-key']).toBeUndefined();
  });

  it.each([
    ['data.results[1].metrics.aht', 'nothing at data.results[1]'],
    ['data.results.metrics', 'nothing at data.results.metrics'],
    ['data.results[0].metrics.flag', 'not a finite number: true'],
    ['data.results[0].metrics.missing', 'not a finite number: null'],
    ['data.results[0].metrics', 'not a finite number: {"aht"'],
  ])('names the url and path when %s holds no number', async (path, why) => {
    const failure = await failureOf(readValue(http(path)));
    expect(failure.type).toBe('ValueUnreadable');
    expect(failure.message).toContain(`cannot read ${server.url}/stats ${path}: ${why}`);
    expect(failure.nonRetryable).toBe(false);
  });

  it('refuses a response that is not JSON', async () => {
    const failure = await failureOf(readValue(http('a', '/html')));
    expect(failure.message).toBe(`cannot read ${server.url}/html a: response is not JSON`);
  });

  it('keeps retrying a server error but not a client error', async () => {
    const down = await failureOf(readValue(http('a', '/down')));
    expect(down.message).toBe(`cannot read ${server.url}/down a: GET ${server.url}/down -> 503, expected 2xx`);
    expect(down.nonRetryable).toBe(false);
    expect((await failureOf(readValue(http('a', '/gone')))).nonRetryable).toBe(true);
  });

  it('says why an endpoint is unreachable', async () => {
    const closed = await new RecordingServer().start();
    await closed.stop();
    const failure = await failureOf(readValue({ kind: 'http', url: `${closed.url}/stats`, path: 'a' }));
    expect(failure.message).toMatch(/^cannot read http:\/\/127\.0\.0\.1:\d+\/stats a: fetch failed \(.*ECONNREFUSED.*\)$/);
    expect(failure.nonRetryable).toBe(false);
  });

  it('does not retry a missing secret', async () => {
    const failure = await failureOf(readValue({ ...http('a'), headers: { Authorization: '${secret:NOT_SET_ANYWHERE}' } }));
    expect(failure.message).toContain('secret NOT_SET_ANYWHERE is not set on the worker');
    expect(failure.nonRetryable).toBe(true);
  });
});

describe('parsePath', () => {
  it('splits names and indexes', () => {
    expect(parsePath('data.results[0].metrics.aht')).toEqual(['data', 'results', 0, 'metrics', 'aht']);
    expect(parsePath('[2][0]')).toEqual([2, 0]);
    expect(parsePath('service level')).toEqual(['service level']);
  });

  it.each(['.a', 'a.', 'a..b', 'a[x]', 'a[0]b', 'a]'])('rejects %s', (path) => {
    expect(() => parsePath(path)).toThrow(`bad path "${path}"`);
  });
});
