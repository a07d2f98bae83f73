/**
 * workers/settings.ts is the one reader of the environment for the API and worker processes: the
 * modules take their settings through its accessors, parsed, with the schema's one default and range.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AttestationKeyError, attestationKeysFromEnv } from '../../activities/attestation';
import { resolveSecrets } from '../../activities/secrets';
import { scrubText } from '../../activities/secret-scrub';
import { snapshotDir } from '../../activities/snapshot-store';
import { AuthConfigError, loadAuth } from '../../api/auth';
import { DEFAULT_MAX_PLAN_BYTES } from '../../api/body-limits';
import { DEFAULT_LIVE_POLL_MS } from '../../api/live/status-hub';
import { DEFAULT_OPERATOR_TIMEOUT_MS } from '../../api/operator-deadline';
import { DEFAULT_API_PORT } from '../../api/server';
import { CodecKeysError, codecKeysFromEnv } from '../../workers/codec-keys';
import { logSettings, pickSettings, secretFromEnv, secretsInEnv, setting, SettingsError } from '../../workers/settings';
import { temporalConfigFromEnv } from '../../workers/temporal-config';
import { runCli } from '../support/run-cli';

const root = path.resolve(__dirname, '../..');

test('setting: one variable parsed (numbers as numbers, flags as booleans), its default when unset or empty', () => {
  expect(setting('GOLIVE_OPERATOR_TIMEOUT_MS', { GOLIVE_OPERATOR_TIMEOUT_MS: '2500' })).toBe(2500);
  expect(setting('GOLIVE_OPERATOR_TIMEOUT_MS', { GOLIVE_OPERATOR_TIMEOUT_MS: '' })).toBe(10_000);
  expect(setting('TEMPORAL_TLS', { TEMPORAL_TLS: '0' })).toBe(false);
  expect(pickSettings(['GOLIVE_LIVE_POLL_MS', 'GOLIVE_MAX_PLAN_STEPS'], { GOLIVE_LIVE_POLL_MS: '75' })).toEqual({ GOLIVE_LIVE_POLL_MS: 75, GOLIVE_MAX_PLAN_STEPS: undefined });
  expect(() => setting('GOLIVE_LIVE_POLL_MS', { GOLIVE_LIVE_POLL_MS: '5' })).toThrow(SettingsError);
  expect(() => pickSettings(['GOLIVE_MAX_PLAN_STEPS'], { GOLIVE_MAX_PLAN_STEPS: 'many' })).toThrow(/^GOLIVE_MAX_PLAN_STEPS: .*"many"/);
});

test("the modules' defaults are the schema's", () => {
  expect([DEFAULT_MAX_PLAN_BYTES, DEFAULT_OPERATOR_TIMEOUT_MS, DEFAULT_LIVE_POLL_MS, DEFAULT_API_PORT]).toEqual([4 * 1024 * 1024, 10_000, 500, 4680]);
  expect(temporalConfigFromEnv({})).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'golive' });
  expect(temporalConfigFromEnv({ TEMPORAL_API_KEY: 'cloud-key' })).toMatchObject({ tls: true, apiKey: 'cloud-key' });
  expect(snapshotDir({ GOLIVE_SNAPSHOT_DIR: '/srv/snapshots' })).toBe('/srv/snapshots');
  expect(() => temporalConfigFromEnv({ TEMPORAL_ADDRESS: 'temporal' })).toThrow(/^TEMPORAL_ADDRESS: must be host:port/);
});

test("keys and tokens: a bad value keeps its module's error class (the CLI reports it as a usage error), with the settings' message", () => {
  expect(() => codecKeysFromEnv({ GOLIVE_CODEC_KEYS: 'k1:c2hvcnQ=' })).toThrow(CodecKeysError);
  expect(() => codecKeysFromEnv({ GOLIVE_CODEC_KEYS: 'k1:c2hvcnQ=' })).toThrow(/GOLIVE_CODEC_KEYS: entry 1 .*32 bytes/);
  expect(codecKeysFromEnv({})).toBeUndefined();
  expect(() => attestationKeysFromEnv({ GOLIVE_ATTESTATION_KEYS: 'nonsense' })).toThrow(AttestationKeyError);
  expect(() => loadAuth({ env: { GOLIVE_TOKENS_FILE: path.join(root, 'no-such-tokens.yaml') } })).toThrow(AuthConfigError);
  expect(() => loadAuth({ env: { GOLIVE_TOKENS_FILE: path.join(root, 'no-such-tokens.yaml') } })).toThrow(/GOLIVE_TOKENS_FILE: names a file that does not exist/);
});

test('secrets: GOLIVE_SECRET_<NAME> through secretFromEnv and secretsInEnv only, read at call time', () => {
  const env = { GOLIVE_SECRET_DB_PASSWORD: 'correct-horse', GOLIVE_SECRETARY: 'not a secret', PATH: '/bin' };
  expect(secretFromEnv('DB_PASSWORD', env)).toBe('correct-horse');
  expect(secretFromEnv('NONE', env)).toBeUndefined();
  expect(secretsInEnv(env)).toEqual([['DB_PASSWORD', 'correct-horse']]);
  expect(resolveSecrets('pw=${secret:DB_PASSWORD}', env)).toBe('pw=correct-horse');
  expect(scrubText('pw=correct-horse', env)).toBe('pw=${secret:DB_PASSWORD}');
});

test("the logger's settings: GOLIVE_LOG_LEVEL, else LOG_LEVEL; the format chosen or the terminal's; colour unless NO_COLOR", () => {
  expect(logSettings(false, {})).toEqual({ level: 'info', format: 'json', color: false });
  expect(logSettings(true, { LOG_LEVEL: 'debug' })).toEqual({ level: 'debug', format: 'pretty', color: true });
  expect(logSettings(true, { GOLIVE_LOG_LEVEL: 'warn', LOG_LEVEL: 'debug', GOLIVE_LOG_FORMAT: 'json', NO_COLOR: '1' })).toEqual({ level: 'warn', format: 'json', color: false });
  expect(() => logSettings(false, { GOLIVE_LOG_LEVEL: 'loud' })).toThrow(/^GOLIVE_LOG_LEVEL: /);
});

test('a bad setting met past a command\'s own start-up check is a usage error naming the variable (exit 2)', async () => {
  const saved = process.env.GOLIVE_WORKFLOW_BUNDLE;
  process.env.GOLIVE_WORKFLOW_BUNDLE = path.join(root, 'no-such-bundle.js');
  try {
    const history = path.join(root, 'test/histories', readdirSync(path.join(root, 'test/histories')).find((name) => name.endsWith('.json')) ?? '');
    const run = await runCli('replay', history);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^golive: GOLIVE_WORKFLOW_BUNDLE: names a file that does not exist/);
  } finally {
    if (saved === undefined) delete process.env.GOLIVE_WORKFLOW_BUNDLE;
    else process.env.GOLIVE_WORKFLOW_BUNDLE = saved;
  }
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

test('no module of the API, the worker or the activities reads process.env but workers/settings.ts', () => {
  const readers = ['api', 'workers', 'activities'].flatMap(sources).filter((file) => /process\.env/.test(readFileSync(path.join(root, file), 'utf8')));
  expect(readers).toEqual(['workers/settings.ts']);
});
