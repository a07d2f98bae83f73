/**
 * The activity registry: one activity per step kind that touches the outside world, plus the
 * workflow's support activities; what any of them returns or throws leaves scrubbed of secrets.
 */
import type { AttestationKey } from './attestation';
import { check } from './check';
import type { AttestationActivities, StepActivities, SupportActivities } from './contract';
import { http } from './http';
import { readMetrics } from './metrics';
import { noop } from './noop';
import { notify, sendNotice } from './notify';
import { restore } from './restore';
import { scrubbedActivities } from './scrubbed-activities';
import { snapshot } from './snapshot';
import { createVerifyAttestation } from './verify-attestation';

/** `attestationKeys`: default GOLIVE_ATTESTATION_KEYS (activities/attestation.ts). */
export function createActivities(options: { attestationKeys?: readonly AttestationKey[] } = {}): StepActivities & SupportActivities & AttestationActivities {
  return scrubbedActivities({ noop, http, check, snapshot, restore, notify, sendNotice, readMetrics, verifyAttestation: createVerifyAttestation(options.attestationKeys) });
}
