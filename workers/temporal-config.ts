/**
 * Where Temporal is and how to reach it, from the environment: the local dev server by default,
 * any self-hosted cluster or Temporal Cloud (mTLS or API key) in production.
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE (golive's own, default `golive`),
 *   TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY (paths, mTLS), TEMPORAL_TLS_CA (path), TEMPORAL_TLS=1,
 *   TEMPORAL_API_KEY (Temporal Cloud API key; implies TLS). The Temporal SDK's environment names
 *   TEMPORAL_TLS_CLIENT_CERT_PATH / _CLIENT_KEY_PATH / _SERVER_CA_CERT_PATH work as well.
 */
import { readFileSync } from 'node:fs';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | true;
  apiKey?: string;
}

export const DEFAULT_TASK_QUEUE = 'golive';

/** golive's TLS file variables and the Temporal SDK's names for them (workers/settings.ts refuses both set apart). */
export const SDK_TLS_FILE_NAMES = {
  TEMPORAL_TLS_CERT: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

export function temporalConfigFromEnv(processEnv: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const env = { ...processEnv };
  for (const [golive, sdk] of Object.entries(SDK_TLS_FILE_NAMES)) env[golive] ||= env[sdk];
  const config: TemporalConfig = {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? DEFAULT_TASK_QUEUE,
  };
  if (env.TEMPORAL_TLS_CERT || env.TEMPORAL_TLS_KEY) {
    if (!env.TEMPORAL_TLS_CERT || !env.TEMPORAL_TLS_KEY) throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together');
    config.tls = {
      clientCertPair: { crt: readFileSync(env.TEMPORAL_TLS_CERT), key: readFileSync(env.TEMPORAL_TLS_KEY) },
      serverRootCACertificate: env.TEMPORAL_TLS_CA ? readFileSync(env.TEMPORAL_TLS_CA) : undefined,
    };
  } else if (env.TEMPORAL_TLS_CA) {
    config.tls = { serverRootCACertificate: readFileSync(env.TEMPORAL_TLS_CA) };
  } else if (env.TEMPORAL_TLS === '1' || env.TEMPORAL_TLS === 'true' || env.TEMPORAL_API_KEY) {
    config.tls = true;
  }
  if (env.TEMPORAL_API_KEY) config.apiKey = env.TEMPORAL_API_KEY;
  return config;
}

/** The options shared by the client's Connection and the worker's NativeConnection. */
export function connectionOptions(config: TemporalConfig) {
  return {
    address: config.address,
    tls: config.tls === true ? {} : config.tls,
    apiKey: config.apiKey,
  };
}
