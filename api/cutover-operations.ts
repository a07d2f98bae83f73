/**
 * Operator messages to a cutover as Temporal updates: the workflow's validator answers at once
 * (a rejection writes nothing and becomes a 4xx), an accepted update returns its acknowledgement.
 * Also the event history of any cutover, for replay and rehearsal.
 */
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { attest, attestationKeysFromEnv, type AttestationKey } from '../activities/attestation';
import { decodeHistoryPayloads } from '../workers/history-payloads';
import { operatorMessages, type OperatorMessage, type UpdateResult } from '../workflows/messages';
import { describeCutover } from './cutover-service';
import { ApiError } from './errors';
import { DEFAULT_OPERATOR_TIMEOUT_MS } from './operator-deadline';
import { isRejectionCode, rejectionStatus } from './rejection-status';

/** The payload type of an operator message, from its update definition. */
export type OperatorPayload<M extends OperatorMessage> =
  (typeof operatorMessages)[M]['update'] extends UpdateDefinition<UpdateResult, [infer P]> ? P : never;

export class CutoverOperations {
  constructor(
    private readonly client: Client,
    private readonly timeoutMs = DEFAULT_OPERATOR_TIMEOUT_MS,
    /** Attest every message (the workers hold the same keys): its operator, roles and source are the token's. */
    private readonly attestationKeys: readonly AttestationKey[] = attestationKeysFromEnv(),
  ) {}

  /**
   * Sends the update, waiting at most `timeoutMs`; the message expires then, so it is never applied
   * later. It is attested: the workflow applies it as `payload.source` only if the MAC proves it.
   */
  async sendUpdate<M extends OperatorMessage>(id: string, message: M, payload: OperatorPayload<M>): Promise<UpdateResult> {
    const handle = this.client.workflow.getHandle(id);
    const update = operatorMessages[message].update as UpdateDefinition<UpdateResult, [OperatorPayload<M>]>;
    const deadline = Date.now() + this.timeoutMs;
    const fields = { ...(payload as Record<string, unknown>), expiresAt: new Date(deadline).toISOString() };
    const args = [{ ...fields, attestation: attest(this.attestationKeys, { workflowId: id, message, payload: fields }) }] as [OperatorPayload<M>];
    try {
      return await this.client.withDeadline(deadline, () => handle.executeUpdate(update, { args }));
    } catch (err) {
      throw await updateError(handle, err, this.timeoutMs);
    }
  }

  /**
   * The event history as proto JSON, the format `temporal workflow show --output json` writes.
   * A cutover that continued as new is the chain of its runs: `{"runs": [<history>, …]}`, oldest first.
   * Payloads are as Temporal stores them (encrypted), or decoded with this client's codecs (`decoded`).
   */
  async history(id: string, options: { decoded?: boolean } = {}): Promise<string> {
    const handle = this.client.workflow.getHandle(id);
    await describeCutover(handle);
    const runs: string[] = [];
    for (let runId: string | undefined = (await handle.describe()).runId; runId; ) {
      const history: temporal.api.history.v1.IHistory = await this.client.workflow.getHandle(id, runId).fetchHistory();
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
      if (options.decoded) await decodeHistoryPayloads(history, this.client.options.loadedDataConverter.payloadCodecs);
      runs.unshift(historyToJSON(history));
    }
    return runs.length === 1 ? runs[0] : `{"runs":[${runs.join(',')}]}`;
  }
}

async function updateError(handle: WorkflowHandle, err: unknown, timeoutMs: number): Promise<unknown> {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && isRejectionCode(err.cause.type)) {
    return new ApiError(rejectionStatus[err.cause.type], err.cause.type, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) {
    // A closed workflow answers updates with NOT_FOUND ("workflow execution already completed"),
    // like a missing one: describe tells them apart (and throws the 404 for a missing one).
    const { status } = await describeCutover(handle);
    if (status.name !== 'RUNNING') {
      return new ApiError(409, 'cutover-finished', `cutover ${handle.workflowId} has ended (${status.name}); it takes no more operator messages`);
    }
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiError(
      504,
      'no-answer',
      `cutover ${handle.workflowId} did not answer within ${timeoutMs / 1000} s; is a golive worker running? The message expired and will not be applied later`,
    );
  }
  return err;
}
