/**
 * Namespaces of their own on the shared dev server, for tests that need one without golive's
 * search attributes (the suite's `default` namespace has them). Registered fresh, deleted after.
 */
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { until } from './api-calls';
import { uniqueId } from './temporal-env';

/** A new namespace, once the server answers for it. */
export async function freshNamespace(connection: Connection, prefix: string): Promise<string> {
  const namespace = uniqueId(prefix);
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  // The namespace cache catches up shortly after registration.
  await until(
    () => connection.workflowService.describeNamespace({ namespace }).then(() => true, () => false),
    (ready) => ready,
  );
  await until(
    () => connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 }).then(() => true, () => false),
    (ready) => ready,
  );
  return namespace;
}

export async function dropNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
}
