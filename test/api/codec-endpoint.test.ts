/**
 * The codec endpoint the Temporal UI calls (`--ui-codec-endpoint`): a token (bearer or the console's
 * cookie) is required, decode turns the ciphertext Temporal stores back into the JSON the UI shows,
 * and CORS answers the UI's origin only, preflight and credentials included.
 */
import { startApi, type ApiServer } from '../../api/server';
import type { CodecKeys } from '../../workers/codec-keys';
import { payloadProtectionFromEnv } from '../../workers/payload-codec';
import { temporalAddress, temporalNamespace } from '../support/temporal-env';
import { testAuth, testTokens } from '../support/api-stack';

const UI_ORIGIN = 'http://127.0.0.1:8233';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const plainPayload = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify({ title: 'swap the DNIS routing' })) };

let api: ApiServer;

beforeAll(async () => {
  const config = { address: temporalAddress(), namespace: temporalNamespace(), taskQueue: 'codec-endpoint' };
  api = await startApi(config, { port: 0, auth: testAuth(), codecCorsOrigins: [UI_ORIGIN] });
});
afterAll(() => api?.close());

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
    body: JSON.stringify(body),
  });
}
const bearer = { authorization: `Bearer ${testTokens.dana.token}` };

test('without a token (or with an unknown one) the codec answers 401 and decodes nothing', async () => {
  const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer nope' }, { cookie: 'golive_codec=nope' }];
  for (const headers of attempts) {
    const res = await post('/codec/decode', { payloads: [plainPayload] }, headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  }
});

test('with a token: encode gives ciphertext with the key id, decode gives the JSON back', async () => {
  const encoded = await post('/codec/encode', { payloads: [plainPayload] }, bearer);
  expect(encoded.status).toBe(200);
  const { payloads } = (await encoded.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
  expect(Buffer.from(payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(payloads[0].metadata['encryption-key-id'], 'base64').toString()).toBe((payloadProtectionFromEnv() as CodecKeys).encryptWith);
  expect(Buffer.from(payloads[0].data, 'base64').toString()).not.toContain('DNIS');

  const decoded = await post('/codec/decode', { payloads: [...payloads, plainPayload] }, bearer);
  expect(decoded.status).toBe(200);
  expect(await decoded.json()).toEqual({ payloads: [plainPayload, plainPayload] });
});

test('the console sign-in sets an HttpOnly cookie that the UI calls can carry instead of a bearer token', async () => {
  const session = await fetch(`${api.url}/codec/session`, { method: 'POST', headers: bearer });
  expect(session.status).toBe(204);
  const setCookie = session.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^golive_codec=token-dana; Path=\/codec; HttpOnly; SameSite=Strict/);
  const res = await post('/codec/decode', { payloads: [plainPayload] }, { cookie: setCookie.split(';')[0] });
  expect(res.status).toBe(200);
  expect((await fetch(`${api.url}/codec/session`, { method: 'POST' })).status).toBe(401);
});

test('CORS: the UI origin gets its preflight and credentialed answers; other origins get none', async () => {
  const preflight = await fetch(`${api.url}/codec/decode`, {
    method: 'OPTIONS',
    headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);

  const answer = await post('/codec/decode', { payloads: [plainPayload] }, { ...bearer, origin: UI_ORIGIN });
  expect(answer.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);

  const evil = await fetch(`${api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
  expect(evil.status).toBe(403);
  expect(evil.headers.get('access-control-allow-origin')).toBeNull();
});

test('a payload under a key this API lacks is a 422 naming the key id; a malformed body is 422', async () => {
  const foreign = { metadata: { encoding: b64('binary/encrypted'), 'encryption-key-id': b64('retired') }, data: b64('x'.repeat(40)) };
  const res = await post('/codec/decode', { payloads: [foreign] }, bearer);
  expect(res.status).toBe(422);
  expect(await res.json()).toMatchObject({ error: { code: 'codec-failed', message: expect.stringContaining('key id "retired"') } });
  expect((await post('/codec/decode', { payloads: 'nope' }, bearer)).status).toBe(422);
});
