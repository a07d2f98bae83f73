/** The payload keys of `golive worker` / `golive api` (GOLIVE_CODEC_KEYS), reported as a usage error when missing or bad. */
import { CodecKeysError } from '../workers/codec-keys';
import { payloadProtectionFromEnv, type PayloadProtection } from '../workers/payload-codec';
import { configOrReport } from './io';

/** The keys (or `plaintext` when allowed), or undefined after reporting why not (exit 2). */
export function payloadProtectionOrReport(allowPlaintext: boolean | undefined): PayloadProtection | undefined {
  return configOrReport(() => payloadProtectionFromEnv({ allowPlaintext }), CodecKeysError);
}
