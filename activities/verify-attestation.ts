/**
 * The `verifyAttestation` activity: checks an operator message's attestation with the
 * worker's keys. A verdict, never a failure (nothing to retry); the workflow turns a bad one
 * into a `forged` rejection. Its result is recorded in history, so replays never need the key.
 */
import { attestationKeysFromEnv, verifyAttestationWith, type AttestationKey } from './attestation';
import type { AttestationActivities } from './contract';

export function createVerifyAttestation(keys: readonly AttestationKey[] = attestationKeysFromEnv()): AttestationActivities['verifyAttestation'] {
  return async ({ workflowId, message, payload, attestation }) => verifyAttestationWith(keys, { workflowId, message, payload }, attestation);
}
