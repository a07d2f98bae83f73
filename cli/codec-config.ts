/** The payload keys of `golive worker` / `golive api` (GOLIVE_CODEC_KEYS), reported as a usage error when missing or bad. */
import { CodecKeysError } from '../workers/codec-keys';
import { payloadProtectionFromEnv, type PayloadProtection } from '../workers/payload-codec';
import { err, EXIT_USAGE } from './io';

/** The keys (or `plaintext` when allowed), or undefined after reporting why not (exit 2). */
export function payloadProtectionOrReport(allowPlaintext: boolean | undefined): PayloadProtection | undefined {
  try {
    return payloadProtectionFromEnv({ allowPlaintext });
  } catch (error) {
    if (!(error instanceof CodecKeysError)) throw error;
    err(`golive: ${error.message}`);
    process.exitCode = EXIT_USAGE;
    return undefined;
  }
}
