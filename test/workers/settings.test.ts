/** workers/settings.ts: every setting golive reads from the environment, checked at start-up naming the variable. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_MAX_PLAN_BYTES } from '../../api/body-limits';
import { DEFAULT_OPERATOR_TIMEOUT_MS } from '../../api/operator-deadline';
import { DEFAULT_API_PORT } from '../../api/server';
import { readSettings, SETTING_NAMES, SettingsError } from '../../workers/settings';
import { temporalConfigFromEnv } from '../../workers/temporal-config';
import { runCli } from '../support/run-cli';

const KEY = Buffer.alloc(32, 7).toString('base64');

function refusal(env: NodeJS.ProcessEnv): SettingsError {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

test('defaults: the local dev server, the golive queue, the API port and limits the modules use', () => {
  const settings = readSettings({});
  expect(settings).toMatchObject({
    TEMPORAL_ADDRESS: '127.0.0.1:7233',
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'golive',
    GOLIVE_API_PORT: DEFAULT_API_PORT,
    GOLIVE_OPERATOR_TIMEOUT_MS: DEFAULT_OPERATOR_TIMEOUT_MS,
    GOLIVE_MAX_PLAN_BYTES: DEFAULT_MAX_PLAN_BYTES,
    GOLIVE_WORKER_MAX_ACTIVITIES: 50,
    GOLIVE_NOTIFY_WEBHOOK_FORMAT: 'json',
    GOLIVE_LOG_LEVEL: 'info',
  });
  expect(settings.TEMPORAL_TLS_CERT).toBeUndefined();
  expect(settings.GOLIVE_WORKER_METRICS_PORT).toBeUndefined();
});

test('typed values: numbers, flags and enums come back parsed; an empty variable counts as unset', () => {
  const settings = readSettings({ GOLIVE_API_PORT: '8080', TEMPORAL_TLS: 'true', GOLIVE_LOG_FORMAT: 'json', GOLIVE_WORKER_METRICS_PORT: '9464', TEMPORAL_NAMESPACE: '' });
  expect(settings.GOLIVE_API_PORT).toBe(8080);
  expect(settings.TEMPORAL_TLS).toBe(true);
  expect(settings.GOLIVE_LOG_FORMAT).toBe('json');
  expect(settings.GOLIVE_WORKER_METRICS_PORT).toBe(9464);
  expect(settings.TEMPORAL_NAMESPACE).toBe('default');
  for (const address of ['temporal:7233', '[::1]:7233', 'ns.tmprl.cloud:7233']) expect(readSettings({ TEMPORAL_ADDRESS: address }).TEMPORAL_ADDRESS).toBe(address);
});

test.each([
  ['TEMPORAL_ADDRESS', 'temporal', /host:port/],
  ['TEMPORAL_TLS', 'yes', /Invalid option/],
  ['GOLIVE_API_PORT', '70000', /70000/],
  ['GOLIVE_API_PORT', 'eighty', /eighty/],
  ['GOLIVE_WORKER_METRICS_PORT', '-1', /-1/],
  ['GOLIVE_WORKER_MAX_ACTIVITIES', '0', /0/],
  ['GOLIVE_OPERATOR_TIMEOUT_MS', '1.5', /whole number/],
  ['GOLIVE_MAX_PLAN_BYTES', '10', /10/],
  ['GOLIVE_LIVE_POLL_MS', '5', /5/],
  ['GOLIVE_LOG_FORMAT', 'xml', /Invalid option/],
  ['GOLIVE_LOG_LEVEL', 'loud', /Invalid option/],
  ['GOLIVE_NOTIFY_WEBHOOK_FORMAT', 'teams', /Invalid option/],
  ['GOLIVE_NOTIFY_WEBHOOK_URL', 'hooks.example.com/x', /http\(s\) URL/],
  ['GOLIVE_CONSOLE_URL', 'ftp://console', /http\(s\) URL/],
  ['GOLIVE_TEST_SINK_URL', 'nowhere', /http\(s\) URL/],
  ['GOLIVE_SLACK_RESPONSE_URL_PREFIX', 'slack', /http\(s\) URL/],
  ['GOLIVE_CODEC_KEYS', 'k1:c2hvcnQ=', /32 bytes/],
  ['GOLIVE_ATTESTATION_KEYS', 'nonsense', /not <id>:<base64 secret>/],
])('%s=%s is refused naming the variable', (name, value, reason) => {
  const error = refusal({ [name]: value });
  expect(error.variable).toBe(name);
  expect(error.message.startsWith(`${name}: `) || error.message.startsWith(`${name} `)).toBe(true);
  expect(error.message).toMatch(reason);
});

test('keys and secrets are never echoed in the error', () => {
  const secret = 'k1:c2hvcnQ=';
  expect(refusal({ GOLIVE_CODEC_KEYS: secret }).message).not.toContain('c2hvcnQ=');
  expect(refusal({ GOLIVE_SLACK_SIGNING_SECRET: '  ' }).message).not.toContain('got');
});

describe('mTLS files', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'golive-settings-'));
  const cert = path.join(dir, 'client.pem');
  const key = path.join(dir, 'client.key');
  writeFileSync(cert, 'cert');
  writeFileSync(key, 'key');

  test('existing certificate and key files are accepted together', () => {
    expect(readSettings({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: cert })).toMatchObject({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key });
  });

  test.each(['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'GOLIVE_TOKENS_FILE', 'GOLIVE_WORKFLOW_BUNDLE'])('%s naming a missing file is refused', (name) => {
    const error = refusal({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, [name]: path.join(dir, 'missing.pem') });
    expect(error.variable).toBe(name);
    expect(error.message).toMatch(/does not exist/);
  });

  test("the Temporal SDK's names for the files work too, and reach the connection", () => {
    const env = { TEMPORAL_TLS_CLIENT_CERT_PATH: cert, TEMPORAL_TLS_CLIENT_KEY_PATH: key, TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert };
    expect(readSettings(env).TEMPORAL_TLS_CLIENT_CERT_PATH).toBe(cert);
    expect(temporalConfigFromEnv(env).tls).toEqual({ clientCertPair: { crt: Buffer.from('cert'), key: Buffer.from('key') }, serverRootCACertificate: Buffer.from('cert') });
    expect(refusal({ TEMPORAL_TLS_CLIENT_CERT_PATH: cert }).variable).toBe('TEMPORAL_TLS_KEY');
    expect(refusal({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CLIENT_CERT_PATH: key }).variable).toBe('TEMPORAL_TLS_CLIENT_CERT_PATH');
  });

  test('a certificate without its key names the missing one', () => {
    expect(refusal({ TEMPORAL_TLS_CERT: cert }).variable).toBe('TEMPORAL_TLS_KEY');
    expect(refusal({ TEMPORAL_TLS_KEY: key }).variable).toBe('TEMPORAL_TLS_CERT');
  });
});

test('tokens from a file and inline at once are refused', () => {
  expect(refusal({ GOLIVE_TOKENS_FILE: __filename, GOLIVE_TOKENS: '{"tokens":[]}' }).variable).toBe('GOLIVE_TOKENS');
});

test('the list of names covers the Temporal SDK environment names golive uses', () => {
  for (const name of ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS']) expect(SETTING_NAMES).toContain(name);
});

describe('start-up', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.GOLIVE_CODEC_KEYS = `k1:${KEY}`;
    process.env.GOLIVE_ATTESTATION_KEYS = `a1:${KEY}`;
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  test.each([['worker'], ['api', '--open']])('golive %s with a bad setting exits 2 naming the variable, before connecting', async (...argv) => {
    process.env.GOLIVE_WORKER_MAX_ACTIVITIES = 'lots';
    process.env.GOLIVE_API_PORT = 'lots';
    const run = await runCli(...argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^golive ${argv[0]}: GOLIVE_(WORKER_MAX_ACTIVITIES|API_PORT): `));
  });
});
