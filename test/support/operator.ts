/**
 * Acting as an operator from tests: updates and signals through the Temporal client, and polling
 * with a deadline. A payload claiming source api / cli is attested as the API would (same keys:
 * GOLIVE_ATTESTATION_KEYS from global setup); `sendRawUpdate` sends it as given (forgeries).
 */
import type { Client } from '@temporalio/client';
import { attest, attestationKeysFromEnv } from '../../activities/attestation';
import { operatorMessages, statusQuery, type OperatorMessage } from '../../workflows/messages';
import type { StatusDocument } from '../../workflows/status-document';
import type { UpdateAck } from '../../workflows/status-summary';
import { until } from './api-calls';

export const lead = { operator: 'dana', roles: ['cutover-lead'], source: 'api' as const };

/** The payload as the API sends it (source `api` unless it names one): with expiresAt and an attestation, when it claims api or cli. */
export function attested(id: string, message: OperatorMessage, payload: Record<string, unknown>): Record<string, unknown> {
  const claimed = { source: 'api', ...payload };
  if (claimed.source !== 'api' && claimed.source !== 'cli') return payload;
  const fields = { expiresAt: new Date(Date.now() + 60_000).toISOString(), ...claimed };
  return { ...fields, attestation: attest(attestationKeysFromEnv(), { workflowId: id, message, payload: fields }) };
}

export function sendRawUpdate(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<UpdateAck> {
  return client.workflow.getHandle(id).executeUpdate<UpdateAck, [Record<string, unknown>]>(operatorMessages[message].update.name, { args: [payload] });
}

export function sendUpdate(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<UpdateAck> {
  return sendRawUpdate(client, id, message, attested(id, message, payload));
}

export function sendRawSignal(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<void> {
  return client.workflow.getHandle(id).signal<[Record<string, unknown>]>(operatorMessages[message].signal.name, payload);
}

export function sendSignal(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<void> {
  return sendRawSignal(client, id, message, attested(id, message, payload));
}

/** Polls the status query until `done` holds; fails with the last document after `timeoutMs`. */
export function waitForStatus(client: Client, id: string, done: (doc: StatusDocument) => boolean, timeoutMs = 30_000): Promise<StatusDocument> {
  return until(() => client.workflow.getHandle(id).query(statusQuery), done, timeoutMs);
}

export const stepState = (doc: StatusDocument, id: string) => doc.steps.find((step) => step.id === id)?.state;
