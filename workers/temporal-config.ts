/**
 * Where Temporal is and how to reach it, from the environment: the local dev server by default,
 * any self-hosted cluster or Temporal Cloud (mTLS or API key) in production.
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE (golive's own, default `golive`),
 *   TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY (paths, mTLS), TEMPORAL_TLS_CA (path), TEMPORAL_TLS=1,
 *   TEMPORAL_API_KEY (Temporal Cloud API key; implies TLS). The Temporal SDK's environment names
 *   TEMPORAL_TLS_CLIENT_CERT_PATH / _CLIENT_KEY_PATH / _SERVER_CA_CERT_PATH work as well.
 */
import { readFileSync } from 'node:fs';
import { pickSettings, temporalTlsFiles, TLS_SETTING_NAMES, type Settings } from './settings';

export { DEFAULT_TASK_QUEUE, SDK_TLS_FILE_NAMES } from './settings';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer } | true;
  apiKey?: string;
}

const TEMPORAL_SETTING_NAMES = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'TEMPORAL_TLS', 'TEMPORAL_API_KEY', ...TLS_SETTING_NAMES] as const;
export type TemporalSettings = Pick<Settings, (typeof TEMPORAL_SETTING_NAMES)[number]>;

/** The connection the settings describe (the files named are read now). */
export function temporalConfig(settings: TemporalSettings): TemporalConfig {
  const files = temporalTlsFiles(settings);
  const config: TemporalConfig = { address: settings.TEMPORAL_ADDRESS, namespace: settings.TEMPORAL_NAMESPACE, taskQueue: settings.TEMPORAL_TASK_QUEUE };
  const ca = files.ca ? readFileSync(files.ca) : undefined;
  if (files.cert && files.key) config.tls = { clientCertPair: { crt: readFileSync(files.cert), key: readFileSync(files.key) }, serverRootCACertificate: ca };
  else if (ca) config.tls = { serverRootCACertificate: ca };
  else if (settings.TEMPORAL_TLS || settings.TEMPORAL_API_KEY) config.tls = true;
  if (settings.TEMPORAL_API_KEY) config.apiKey = settings.TEMPORAL_API_KEY;
  return config;
}

/** temporalConfig of the Temporal settings in `env` alone (golive dev, tests); a bad one throws SettingsError. */
export function temporalConfigFromEnv(env?: NodeJS.ProcessEnv): TemporalConfig {
  return temporalConfig(pickSettings(TEMPORAL_SETTING_NAMES, env));
}

/** The options shared by the client's Connection and the worker's NativeConnection. */
export function connectionOptions(config: TemporalConfig) {
  return {
    address: config.address,
    tls: config.tls === true ? {} : config.tls,
    apiKey: config.apiKey,
  };
}
