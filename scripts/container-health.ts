/**
 * The container health check of the golive image (Dockerfile HEALTHCHECK, docker-compose.yml):
 * a worker is healthy when its /metrics answers (GOLIVE_WORKER_METRICS_PORT), the API when /healthz
 * does (GOLIVE_API_PORT). Node's own fetch, so the slim runtime image needs no curl.
 *   node dist/scripts/container-health.js
 */
import { readSettings } from '../workers/settings';

/** The local URL whose answer says this container's golive process is up. */
export function healthUrl(env?: NodeJS.ProcessEnv): string {
  const settings = readSettings(env);
  return settings.GOLIVE_WORKER_METRICS_PORT !== undefined
    ? `http://127.0.0.1:${settings.GOLIVE_WORKER_METRICS_PORT}/metrics`
    : `http://127.0.0.1:${settings.GOLIVE_API_PORT}/healthz`;
}

if (require.main === module) {
  fetch(healthUrl(), { signal: AbortSignal.timeout(4000) }).then(
    (res) => {
      process.exitCode = res.ok ? 0 : 1;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
