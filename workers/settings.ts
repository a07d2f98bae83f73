/**
 * Every setting `golive worker` and `golive api` read from the environment, in one zod schema, checked
 * at start-up: a bad value stops the process naming the variable, instead of surfacing mid-cutover.
 * Temporal's own variables follow the SDK's environment-configuration names (TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS); golive's are GOLIVE_*. This module is the one
 * reader of them in the API and worker processes: the modules that use a setting take it from here
 * (readSettings at start-up, pickSettings / setting for a module's own few), parsed and typed, with the
 * one default and range each has. Secrets (GOLIVE_SECRET_<NAME>, names chosen by plans) are read only
 * through secretFromEnv / secretsInEnv below.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseAttestationKeys } from '../activities/attestation';
import { parseCodecKeys } from './codec-keys';
import { logFormat, type LogFormat } from './log-format';

/** Which long-running process reads a setting. */
export type SettingUser = 'api' | 'worker';

interface SettingSpec {
  schema: z.ZodType;
  usedBy: SettingUser[];
  description: string;
}

const text = z.string().trim().min(1, 'must not be empty');
const wholeNumber = (min: number, max: number) => z.coerce.number().int('must be a whole number').min(min).max(max);
const port = wholeNumber(0, 65_535);
const flag = z.enum(['1', 'true', '0', 'false']).transform((v) => v === '1' || v === 'true');
const url = z.url('must be an http(s) URL').refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL');
const existingFile = text.refine((file) => existsSync(file), 'names a file that does not exist');
const hostPort = text.regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/, 'must be host:port');
/** A value another module parses: its own error message, whatever it is, refuses it here too. */
const parsedBy = (parse: (value: string) => unknown) =>
  text.superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    }
  });

const both: SettingUser[] = ['api', 'worker'];

export const DEFAULT_TASK_QUEUE = 'golive';

/** golive's TLS file variables and the Temporal SDK's names for them (readSettings refuses both set apart). */
export const SDK_TLS_FILE_NAMES = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

export const SETTINGS = {
  TEMPORAL_ADDRESS: { schema: hostPort.default('127.0.0.1:7233'), usedBy: both, description: 'Temporal frontend, host:port' },
  TEMPORAL_NAMESPACE: { schema: text.default('default'), usedBy: both, description: 'Temporal namespace' },
  TEMPORAL_TASK_QUEUE: { schema: text.default(DEFAULT_TASK_QUEUE), usedBy: both, description: "golive's task queue" },
  TEMPORAL_TLS: { schema: flag.optional(), usedBy: both, description: 'TLS without client certificates (1/true)' },
  TEMPORAL_TLS_CERT: { schema: existingFile.optional(), usedBy: both, description: 'mTLS client certificate file (with TEMPORAL_TLS_KEY)' },
  TEMPORAL_TLS_KEY: { schema: existingFile.optional(), usedBy: both, description: 'mTLS client key file (with TEMPORAL_TLS_CERT)' },
  TEMPORAL_TLS_CA: { schema: existingFile.optional(), usedBy: both, description: "server's CA certificate file" },
  TEMPORAL_TLS_CLIENT_CERT_PATH: { schema: existingFile.optional(), usedBy: both, description: 'the Temporal SDK name of TEMPORAL_TLS_CERT' },
  TEMPORAL_TLS_CLIENT_KEY_PATH: { schema: existingFile.optional(), usedBy: both, description: 'the Temporal SDK name of TEMPORAL_TLS_KEY' },
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: { schema: existingFile.optional(), usedBy: both, description: 'the Temporal SDK name of TEMPORAL_TLS_CA' },
  TEMPORAL_API_KEY: { schema: text.optional(), usedBy: both, description: 'Temporal Cloud API key (implies TLS)' },
  GOLIVE_CODEC_KEYS: { schema: parsedBy((v) => parseCodecKeys(v)).optional(), usedBy: both, description: 'payload encryption keys id:base64,… (first encrypts)' },
  GOLIVE_ATTESTATION_KEYS: { schema: parsedBy((v) => parseAttestationKeys(v)).optional(), usedBy: both, description: 'operator-message signing keys id:base64,…, same on API and workers' },
  GOLIVE_LOG_FORMAT: { schema: z.enum(['json', 'pretty']).optional(), usedBy: both, description: 'json or pretty (default: pretty on a TTY)' },
  GOLIVE_LOG_LEVEL: { schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'), usedBy: both, description: 'pino log level' },
  GOLIVE_API_PORT: { schema: port.default(4680), usedBy: ['api'], description: 'API and console port (--api-port wins)' },
  GOLIVE_TOKENS_FILE: { schema: existingFile.optional(), usedBy: ['api'], description: 'bearer tokens file, JSON or YAML' },
  GOLIVE_TOKENS: { schema: text.optional(), usedBy: ['api'], description: 'bearer tokens inline (JSON), instead of a file' },
  GOLIVE_OPERATOR_TIMEOUT_MS: { schema: wholeNumber(1, 3_600_000).default(10_000), usedBy: ['api'], description: 'how long an operator call waits for the workflow' },
  GOLIVE_MAX_PLAN_BYTES: { schema: wholeNumber(1024, 64 * 1024 * 1024).default(4 * 1024 * 1024), usedBy: ['api'], description: 'largest plan request body' },
  GOLIVE_MAX_PLAN_STEPS: { schema: wholeNumber(1, 1_000_000).optional(), usedBy: ['api'], description: 'most steps a plan may have' },
  GOLIVE_LIVE_POLL_MS: { schema: wholeNumber(50, 60_000).default(500), usedBy: ['api'], description: 'how often a watched cutover is read (SSE)' },
  GOLIVE_CODEC_CORS_ORIGINS: { schema: text.optional(), usedBy: ['api'], description: 'Temporal UI origins allowed to call the codec endpoint, comma-separated' },
  GOLIVE_SLACK_SIGNING_SECRET: { schema: text.optional(), usedBy: ['api'], description: 'Slack app signing secret (interactive approvals)' },
  GOLIVE_SLACK_RESPONSE_URL_PREFIX: { schema: url.default('https://hooks.slack.com/'), usedBy: ['api'], description: 'allowed prefix of Slack response URLs' },
  GOLIVE_WORKER_MAX_ACTIVITIES: { schema: wholeNumber(1, 10_000).default(50), usedBy: ['worker'], description: 'activities one worker runs at once' },
  GOLIVE_WORKER_METRICS_PORT: { schema: port.optional(), usedBy: ['worker'], description: "worker's /metrics port (off when unset)" },
  GOLIVE_SNAPSHOT_DIR: { schema: text.default(path.join(os.tmpdir(), 'golive-snapshots')), usedBy: ['worker'], description: 'where snapshot steps keep exports; shared by all workers' },
  GOLIVE_WORKFLOW_BUNDLE: { schema: existingFile.optional(), usedBy: ['worker'], description: 'prebuilt workflow bundle (default dist/workflow-bundle.js)' },
  GOLIVE_CONSOLE_URL: { schema: url.optional(), usedBy: ['worker'], description: 'console base URL, linked from notices' },
  GOLIVE_NOTIFY_WEBHOOK_URL: { schema: url.optional(), usedBy: ['worker'], description: 'webhook that receives notices' },
  GOLIVE_NOTIFY_WEBHOOK_FORMAT: { schema: z.enum(['json', 'slack']).default('json'), usedBy: ['worker'], description: 'json or slack' },
  GOLIVE_TEST_SINK_URL: { schema: url.optional(), usedBy: ['worker'], description: 'where rehearsal notices with comms: test go' },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> };

/** The names of every setting, for deploy files and their tests. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** What a production process cannot start without (`golive api` also needs GOLIVE_TOKENS_FILE or GOLIVE_TOKENS unless --open). */
export const REQUIRED_SETTINGS: Record<SettingUser, SettingName[]> = {
  api: ['TEMPORAL_ADDRESS', 'GOLIVE_CODEC_KEYS', 'GOLIVE_ATTESTATION_KEYS'],
  worker: ['TEMPORAL_ADDRESS', 'GOLIVE_CODEC_KEYS', 'GOLIVE_ATTESTATION_KEYS'],
};

export class SettingsError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    // Parsers that already name their variable (codec, attestation keys) are not prefixed twice.
    super(reason.startsWith(variable) ? reason : `${variable}: ${reason}`);
    this.name = 'SettingsError';
  }
}

/** Values never echoed in an error: keys, secrets, tokens. */
const SECRET = /KEYS?$|SECRET|TOKENS$/;

/** One setting, parsed by its schema (its default when unset or empty); throws SettingsError naming it. */
export function setting<N extends SettingName>(name: N, env: NodeJS.ProcessEnv = process.env): Settings[N] {
  const raw = env[name] === '' ? undefined : env[name];
  const result = SETTINGS[name].schema.safeParse(raw);
  if (!result.success) {
    const shown = SECRET.test(name) ? '' : `; got "${raw}"`;
    throw new SettingsError(name, `${result.error.issues[0]?.message ?? 'invalid'}${shown}`);
  }
  return result.data as Settings[N];
}

/**
 * `setting`, with a bad value thrown as the reading module's own error (`as`), same message: the
 * CLI reports codec keys, attestation keys and tokens by their error class, as before they came here.
 */
export function settingAs<N extends SettingName>(name: N, as: new (message: string) => Error, env: NodeJS.ProcessEnv = process.env): Settings[N] {
  try {
    return setting(name, env);
  } catch (error) {
    throw error instanceof SettingsError ? new as(error.message) : error;
  }
}

/** The default of a setting, for the modules that name it (one definition, here). */
export const settingDefault = <N extends SettingName>(name: N): Settings[N] => setting(name, {});

/** The settings a module needs, parsed; the first bad one throws SettingsError naming it. */
export function pickSettings<N extends SettingName>(names: readonly N[], env: NodeJS.ProcessEnv = process.env): Pick<Settings, N> {
  return Object.fromEntries(names.map((name) => [name, setting(name, env)])) as Pick<Settings, N>;
}

export const TLS_SETTING_NAMES = ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'] as const;

/** The TLS files, golive's or the SDK's names; refuses the two names of one file set apart, and a certificate without its key. */
export function temporalTlsFiles(settings: Pick<Settings, (typeof TLS_SETTING_NAMES)[number]>): { cert?: string; key?: string; ca?: string } {
  for (const [golive, sdk] of Object.entries(SDK_TLS_FILE_NAMES) as [keyof typeof SDK_TLS_FILE_NAMES, (typeof SDK_TLS_FILE_NAMES)[keyof typeof SDK_TLS_FILE_NAMES]][]) {
    if (settings[golive] && settings[sdk] && settings[golive] !== settings[sdk]) throw new SettingsError(sdk, `names another file than ${golive}; set one of them`);
  }
  const cert = settings.TEMPORAL_TLS_CERT ?? settings.TEMPORAL_TLS_CLIENT_CERT_PATH;
  const key = settings.TEMPORAL_TLS_KEY ?? settings.TEMPORAL_TLS_CLIENT_KEY_PATH;
  if (Boolean(cert) !== Boolean(key)) {
    throw new SettingsError(cert ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');
  }
  return { cert, key, ca: settings.TEMPORAL_TLS_CA ?? settings.TEMPORAL_TLS_SERVER_CA_CERT_PATH };
}

/**
 * What workers/logger.ts needs when it is loaded, before any start-up check: the level (GOLIVE_LOG_LEVEL,
 * else LOG_LEVEL, the common name), the format (log-format.ts decides, lenient, from GOLIVE_LOG_FORMAT
 * and whether stdout is a terminal), and colour (a terminal, unless NO_COLOR).
 */
export function logSettings(stdoutIsTty: boolean, env: NodeJS.ProcessEnv = process.env): { level: Settings['GOLIVE_LOG_LEVEL']; format: LogFormat; color: boolean } {
  const level = setting('GOLIVE_LOG_LEVEL', { GOLIVE_LOG_LEVEL: env.GOLIVE_LOG_LEVEL || env.LOG_LEVEL });
  return { level, format: logFormat(env, stdoutIsTty), color: stdoutIsTty && !env.NO_COLOR };
}

/** The typed settings of `env`; throws SettingsError naming the first variable that is wrong. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const typed = pickSettings(SETTING_NAMES, env);
  temporalTlsFiles(typed);
  if (typed.GOLIVE_TOKENS_FILE && typed.GOLIVE_TOKENS) throw new SettingsError('GOLIVE_TOKENS', 'set either GOLIVE_TOKENS_FILE or GOLIVE_TOKENS, not both');
  return typed;
}

/**
 * Worker secrets: GOLIVE_SECRET_<NAME>, where plans choose NAME (`${secret:NAME}`), so they are not in
 * SETTINGS. Read at call time inside activities (never at start-up, never into workflow history), and
 * only through these two accessors: one secret by name, and all of them for the scrubber.
 */
export const SECRET_ENV_PREFIX = 'GOLIVE_SECRET_';

/** The variable holding secret `name`. */
export const secretVariable = (name: string): string => `${SECRET_ENV_PREFIX}${name}`;

export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[secretVariable(name)];
}

/** Every secret set now, as [NAME, value] (the variable without its prefix). */
export function secretsInEnv(env: NodeJS.ProcessEnv = process.env): [string, string][] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[0].startsWith(SECRET_ENV_PREFIX) && entry[1] !== undefined)
    .map(([variable, value]): [string, string] => [variable.slice(SECRET_ENV_PREFIX.length), value]);
}
