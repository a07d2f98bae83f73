/**
 * `golive worker` and `golive api` run as separate processes: they agree on who sent an operator
 * message only through a shared GOLIVE_ATTESTATION_KEYS. Without it each would make a key of its
 * own and the worker would refuse every message as forged, found out mid-cutover; so a missing or
 * bad value stops start-up instead (exit 2). `golive dev` runs both in one process and needs none.
 */
import { ATTESTATION_KEYS_ENV, AttestationKeyError, attestationKeysConfigured, attestationKeysFromEnv } from '../activities/attestation';
import { configOrReport, usageError } from './io';

/** True when the keys are set and valid; otherwise reports why (exit 2). */
export function attestationKeysOrReport(part: 'worker' | 'api'): boolean {
  const configured = configOrReport(() => attestationKeysConfigured(), AttestationKeyError, `golive ${part}`);
  if (configured === undefined) return false;
  if (!configured) {
    return (
      usageError(
        `golive ${part}: ${ATTESTATION_KEYS_ENV} is not set; give the API and every worker the same keys, ` +
          `e.g. ${ATTESTATION_KEYS_ENV}=k1:$(openssl rand -base64 32), or operator messages between them are refused as forged`,
      ) ?? false
    );
  }
  return configOrReport(() => attestationKeysFromEnv(), AttestationKeyError, `golive ${part}`) !== undefined;
}
