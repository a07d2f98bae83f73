/** The API process: a Temporal client plus the Express app on a port. */
import { Client } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { logger } from '../workers/logger';
import { createDataConverter, payloadCodecs, payloadProtectionFromEnv, type PayloadProtection } from '../workers/payload-codec';
import { pickSettings, settingDefault, type Settings } from '../workers/settings';
import { connectionOptions, type TemporalConfig } from '../workers/temporal-config';
import { createApp } from './app';
import { loadAuth, OPEN_IDENTITY, type Auth } from './auth';
import { CutoverService } from './cutover-service';
import { connectDrained } from './drained-connection';
import { LiveStatusHub } from './live/status-hub';
import { clientErrorHandler, expectationFailedHandler } from './errors';
import { PlanValidator } from './plan-validation';

export const DEFAULT_API_PORT = settingDefault('GOLIVE_API_PORT');

const API_SETTING_NAMES = [
  'GOLIVE_OPERATOR_TIMEOUT_MS',
  'GOLIVE_MAX_PLAN_BYTES',
  'GOLIVE_MAX_PLAN_STEPS',
  'GOLIVE_LIVE_POLL_MS',
  'GOLIVE_CODEC_CORS_ORIGINS',
  'GOLIVE_SLACK_SIGNING_SECRET',
  'GOLIVE_SLACK_RESPONSE_URL_PREFIX',
] as const;
/** The settings the API server takes (the tokens and codec keys come in as `auth` and `payloads`). */
export type ApiSettings = Pick<Settings, (typeof API_SETTING_NAMES)[number]>;

export interface ApiServer {
  url: string;
  port: number;
  auth: Auth;
  /** Cutovers on this API's Temporal connection (the dev stack starts its demo with it). */
  cutovers: CutoverService;
  /** The watchers behind GET /cutovers/:id/events. */
  liveStatus: LiveStatusHub;
  close(): Promise<void>;
}

export interface ApiOptions {
  /** Read at start-up by `golive api` (readSettings); default: these settings of the environment, read now. */
  settings?: ApiSettings;
  port?: number;
  host?: string;
  /** Bearer tokens; default: from GOLIVE_TOKENS_FILE / GOLIVE_TOKENS (open when neither is set). */
  auth?: Auth;
  /** How long an operator call or a status read waits for the workflow; default GOLIVE_OPERATOR_TIMEOUT_MS or 10 s. */
  operatorTimeoutMs?: number;
  /** Largest plan request body; default GOLIVE_MAX_PLAN_BYTES or 4 MiB. */
  maxPlanBytes?: number;
  /** Payload keys; default GOLIVE_CODEC_KEYS (required, see payloadProtectionFromEnv). */
  payloads?: PayloadProtection;
  /** Temporal UI origins allowed to call the codec endpoint; default GOLIVE_CODEC_CORS_ORIGINS (comma-separated). */
  codecCorsOrigins?: readonly string[];
  /** Live status: how often a watched cutover is read (default GOLIVE_LIVE_POLL_MS or 500 ms) and the SSE heartbeat interval (default 15 s). */
  livePollMs?: number;
  heartbeatMs?: number;
}

/** How long closing waits for Temporal calls in flight (a retried query, a decision) before closing the connection anyway. */
const CLOSE_GRACE_MS = 15_000;

const corsOrigins = (list: string | undefined): string[] =>
  (list ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);

export async function startApi(config: TemporalConfig, options: ApiOptions = {}): Promise<ApiServer> {
  const settings = options.settings ?? pickSettings(API_SETTING_NAMES);
  const auth = options.auth ?? loadAuth();
  const maxPlanBytes = options.maxPlanBytes ?? settings.GOLIVE_MAX_PLAN_BYTES;
  const payloads = options.payloads ?? payloadProtectionFromEnv();
  const temporal = await connectDrained(connectionOptions(config));
  const { connection } = temporal;
  const client = new Client({ connection, namespace: config.namespace, dataConverter: createDataConverter(payloads) });
  const operatorTimeoutMs = options.operatorTimeoutMs ?? settings.GOLIVE_OPERATOR_TIMEOUT_MS;
  const cutovers = new CutoverService(client, config.taskQueue, operatorTimeoutMs);
  const validator = new PlanValidator(settings.GOLIVE_MAX_PLAN_STEPS);
  const liveStatus = new LiveStatusHub(cutovers, options.livePollMs ?? settings.GOLIVE_LIVE_POLL_MS);
  const app = createApp({
    client,
    cutovers,
    auth,
    operatorTimeoutMs,
    maxPlanBytes,
    validator,
    codecs: payloadCodecs(payloads),
    codecCorsOrigins: options.codecCorsOrigins ?? corsOrigins(settings.GOLIVE_CODEC_CORS_ORIGINS),
    slack: { signingSecret: settings.GOLIVE_SLACK_SIGNING_SECRET, responseUrlPrefix: settings.GOLIVE_SLACK_RESPONSE_URL_PREFIX },
    liveStatus,
    heartbeatMs: options.heartbeatMs,
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? DEFAULT_API_PORT, host, (err?: Error) => (err ? reject(err) : resolve(listening)));
  });
  server.on('clientError', clientErrorHandler);
  server.on('checkExpectation', expectationFailedHandler);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  logger.info({ url, namespace: config.namespace, taskQueue: config.taskQueue, auth: auth.origin }, 'API listening');
  if (auth.open) logger.warn({ url }, `API is open: no tokens configured, every request acts as "${OPEN_IDENTITY.operator}" with every role`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    auth,
    cutovers,
    liveStatus,
    close() {
      closing ??= Promise.all([
        liveStatus.close(),
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => Promise.all([temporal.close(CLOSE_GRACE_MS), validator.close()]).then(() => undefined));
      return closing;
    },
  };
}
