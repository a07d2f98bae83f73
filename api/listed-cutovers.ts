/**
 * Cutovers as Temporal visibility lists them, page by page, each decoded with this client's
 * data converter (the SDK's own decoding, as client.workflow.list uses it). A memo under keys this
 * API does not hold (another key set, a rotated-out key) is `info: null`, never a failed listing.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { temporal } from '@temporalio/proto';

type RawExecution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

export interface ListedCutover {
  raw: RawExecution;
  info: WorkflowExecutionInfo | null;
}

/** Executions matching `query`, in visibility order, `pageSize` per call, at most `limit` in all. */
export async function* listedCutovers(client: Client, query: string, options: { pageSize: number; limit: number }): AsyncGenerator<ListedCutover> {
  const { namespace, loadedDataConverter } = client.options;
  let nextPageToken: Uint8Array | undefined;
  for (let listed = 0; listed < options.limit; ) {
    const page = await client.workflowService.listWorkflowExecutions({ namespace, pageSize: options.pageSize, nextPageToken, query });
    for (const raw of page.executions ?? []) {
      if (listed >= options.limit) return;
      listed += 1;
      const info = await executionInfoFromRaw(raw, loadedDataConverter, raw, namespace).catch(() => null);
      yield { raw, info };
    }
    if (!page.nextPageToken?.length) return;
    nextPageToken = page.nextPageToken;
  }
}
