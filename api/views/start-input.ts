/**
 * The start input of a cutover's latest run (continue-as-new carries the plan over): one history
 * event, decoded through the client's codecs. The API keeps no copy of plans; Temporal has it.
 */
import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { CutoverInput } from '../../workflows/cutover-input';
import { describeCutover } from '../cutover-service';
import { ApiError } from '../errors';

/** The latest run's start input (one event, decoded through the client's codecs); null if unreadable. */
export async function startInputOf(client: Client, id: string): Promise<CutoverInput | null> {
  const { namespace, loadedDataConverter } = client.options;
  const response = await client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId: id }, maximumPageSize: 1 });
  const payloads = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
  if (!payloads?.length) return null;
  return decodeFromPayloadsAtIndex<CutoverInput>(loadedDataConverter, 0, payloads);
}

/** The start input, or 404 for an id that is not a cutover (or one without a readable start input). */
export async function readStartInput(client: Client, id: string): Promise<CutoverInput> {
  await describeCutover(client.workflow.getHandle(id));
  const input = await startInputOf(client, id);
  if (!input) throw new ApiError(404, 'plan-not-found', `cutover ${id} has no start input to read its plan from`);
  return input;
}
