/** Acting as an operator from tests: updates and signals through the Temporal client, and polling with a deadline. */
import type { Client } from '@temporalio/client';
import { operatorMessages, statusQuery, type OperatorMessage } from '../../workflows/messages';
import type { StatusDocument } from '../../workflows/status-document';
import type { UpdateAck } from '../../workflows/status-summary';
import { until } from './api-calls';

export const lead = { operator: 'dana', roles: ['cutover-lead'], source: 'api' as const };

export function sendUpdate(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<UpdateAck> {
  return client.workflow.getHandle(id).executeUpdate<UpdateAck, [Record<string, unknown>]>(operatorMessages[message].update.name, { args: [payload] });
}

export function sendSignal(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<void> {
  return client.workflow.getHandle(id).signal<[Record<string, unknown>]>(operatorMessages[message].signal.name, payload);
}

/** Polls the status query until `done` holds; fails with the last document after `timeoutMs`. */
export function waitForStatus(client: Client, id: string, done: (doc: StatusDocument) => boolean, timeoutMs = 30_000): Promise<StatusDocument> {
  return until(() => client.workflow.getHandle(id).query(statusQuery), done, timeoutMs);
}

export const stepState = (doc: StatusDocument, id: string) => doc.steps.find((step) => step.id === id)?.state;
