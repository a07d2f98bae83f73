/** Bearer tokens: loading and checking the tokens document, 401s over real HTTP, and the open API. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuthConfigError, loadAuth, openAuth } from '../../api/auth';
import { startApi, type ApiServer } from '../../api/server';
import { apiCaller, until } from '../support/api-calls';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';
import { temporalAddress, temporalNamespace, uniqueId } from '../support/temporal-env';

const dir = mkdtempSync(path.join(tmpdir(), 'golive-auth-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const where = path.join(dir, name);
  writeFileSync(where, text);
  return where;
}

const configError = (load: () => unknown): string => {
  try {
    load();
  } catch (err) {
    if (err instanceof AuthConfigError) return err.message;
    throw err;
  }
  throw new Error('expected an AuthConfigError');
};

describe('loading tokens', () => {
  test('no tokens anywhere: the API is open', () => {
    const auth = loadAuth({ env: {} });
    expect(auth.open).toBe(true);
    expect(auth.identify('anything')).toBeUndefined();
  });

  test('a YAML tokens file', () => {
    const tokensFile = file('tokens.yaml', 'tokens:\n  - {token: s3cret, operator: dana, roles: [cutover-lead]}\n  - {token: other, operator: ana}\n');
    const auth = loadAuth({ tokensFile, env: {} });
    expect(auth.open).toBe(false);
    expect(auth.identify('s3cret')).toEqual({ operator: 'dana', roles: ['cutover-lead'] });
    expect(auth.identify('other')).toEqual({ operator: 'ana', roles: [] });
    expect(auth.identify('S3CRET')).toBeUndefined();
  });

  test('GOLIVE_TOKENS_FILE (JSON) and GOLIVE_TOKENS (inline)', () => {
    const json = JSON.stringify({ tokens: [{ token: 't1', operator: 'lee', roles: ['*'] }] });
    expect(loadAuth({ env: { GOLIVE_TOKENS_FILE: file('tokens.json', json) } }).identify('t1')).toEqual({ operator: 'lee', roles: ['*'] });
    expect(loadAuth({ env: { GOLIVE_TOKENS: json } }).identify('t1')).toEqual({ operator: 'lee', roles: ['*'] });
  });

  test('errors name the path of every bad value', () => {
    const message = configError(() => loadAuth({ env: { GOLIVE_TOKENS: '{"tokens": [{"token": "t", "roles": "lead"}, {"token": "t", "operator": "x", "extra": 1}]}' } }));
    expect(message).toContain('GOLIVE_TOKENS is not a valid tokens document');
    for (const where of ['tokens[0].operator', 'tokens[0].roles', 'tokens[1].extra']) expect(message).toContain(where);
  });

  test('a token given twice, a missing file, YAML syntax, two sources at once', () => {
    const twice = JSON.stringify({ tokens: [{ token: 't', operator: 'a' }, { token: 't', operator: 'b' }] });
    expect(configError(() => loadAuth({ env: { GOLIVE_TOKENS: twice } }))).toContain('tokens[1].token');
    expect(configError(() => loadAuth({ tokensFile: path.join(dir, 'missing.yaml'), env: {} }))).toContain('missing.yaml');
    expect(configError(() => loadAuth({ tokensFile: file('broken.yaml', 'tokens: [\n'), env: {} }))).toMatch(/broken\.yaml.*line/);
    expect(configError(() => loadAuth({ tokensFile: 'x.yaml', env: { GOLIVE_TOKENS: '{}' } }))).toContain('not both');
  });
});

describe('over HTTP', () => {
  let stack: ApiStack;
  let open: ApiServer;

  beforeAll(async () => {
    stack = await startApiStack({ auth: testAuth() });
    open = await startApi({ address: temporalAddress(), namespace: temporalNamespace(), taskQueue: stack.harness.taskQueue }, { port: 0, auth: openAuth() });
  });

  afterAll(async () => {
    await open?.close();
    await stack?.stop();
  });

  test('every /api/v1 route needs a known token; 401 otherwise', async () => {
    for (const [method, route] of [
      ['GET', '/api/v1/cutovers'],
      ['GET', '/api/v1/cutovers/whatever/history'],
      ['POST', '/api/v1/plans/validate'],
      ['POST', '/api/v1/cutovers/whatever/pause'],
    ]) {
      for (const token of [null, 'not-a-token']) {
        const res = await stack.call(method, route, method === 'POST' ? {} : undefined, { token });
        expect({ route, token, status: res.status, code: res.body.error.code }).toEqual({ route, token, status: 401, code: 'unauthorized' });
        expect(res.headers.get('www-authenticate')).toBe('Bearer realm="golive"');
      }
    }
    expect((await stack.call('GET', '/api/v1/cutovers', undefined, { token: testTokens.ana.token })).status).toBe(200);
  });

  test('liveness and the console stay public', async () => {
    expect((await stack.call('GET', '/healthz')).status).toBe(200);
    expect((await fetch(`${stack.api.url}/`)).status).toBe(200);
  });

  test('an open API acts as "local" with every role; the CLI header sets the source', async () => {
    const call = apiCaller(open.url);
    const id = uniqueId('open-api');
    const plan = testPlan('open-api', [{ id: 'p', steps: [{ id: 'sign-off', kind: 'manual', owner: 'network', with: { instructions: 'Sign' } }] }]);
    expect((await call('POST', '/api/v1/cutovers', { plan, id })).status).toBe(201);
    await until(
      () => call('GET', `/api/v1/cutovers/${id}`),
      (res) => res.body.steps[0].awaiting === 'completion',
    );
    const res = await call('POST', `/api/v1/cutovers/${id}/steps/sign-off/complete`, { evidence: 'signed' }, { headers: { 'X-Golive-Source': 'cli' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ effect: 'completed', target: 'sign-off' });
    expect((await call('GET', `/api/v1/cutovers/${id}`)).body.steps[0].completion).toMatchObject({ operator: 'local', roles: ['*'], source: 'cli' });
  });
});
