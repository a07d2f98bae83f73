/** Acting as an operator from tests: updates and signals through the Temporal client, and polling with a deadline. */
import type { Client } from '@temporalio/client';
import { operatorMessages, statusQuery, type OperatorMessage } from '../../workflows/messages';
import type { StatusDocument } from '../../workflows/status-document';

export const lead = { operator: 'dana', roles: ['cutover-lead'], source: 'api' as const };

export function sendUpdate(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<StatusDocument> {
  return client.workflow.getHandle(id).executeUpdate<StatusDocument, [Record<string, unknown>]>(operatorMessages[message].update.name, { args: [payload] });
}

export function sendSignal(client: Client, id: string, message: OperatorMessage, payload: Record<string, unknown>): Promise<void> {
  return client.workflow.getHandle(id).signal<[Record<string, unknown>]>(operatorMessages[message].signal.name, payload);
}

/** Polls the status query until `done` holds; fails with the last document after `timeoutMs`. */
export async function waitForStatus(client: Client, id: string, done: (doc: StatusDocument) => boolean, timeoutMs = 30_000): Promise<StatusDocument> {
  const deadline = Date.now() + timeoutMs;
  let last: StatusDocument | undefined;
  for (;;) {
    last = await client.workflow.getHandle(id).query(statusQuery);
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`cutover ${id} did not reach the expected status in ${timeoutMs} ms; last:\n${JSON.stringify(last, null, 2)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const stepState = (doc: StatusDocument, id: string) => doc.steps.find((step) => step.id === id)?.state;
