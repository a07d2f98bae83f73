/**
 * The API's Temporal connection waits for calls in flight before it closes (api/drained-connection.ts):
 * closing under a call the client was still working on made its retry throw from a timer.
 */
import { Client } from '@temporalio/client';
import { connectDrained } from '../../api/drained-connection';
import { temporalAddress, uniqueId } from '../support/temporal-env';

test('close waits for a call in flight to end on its own, and closes at once when none is', async () => {
  const idle = await connectDrained({ address: temporalAddress() });
  const idleStarted = Date.now();
  await idle.close(10_000);
  expect(Date.now() - idleStarted).toBeLessThan(1000);

  const temporal = await connectDrained({ address: temporalAddress() });
  const client = new Client({ connection: temporal.connection });
  // No worker polls this queue: a query waits until its deadline.
  const handle = await client.workflow.start('cutoverWorkflow', { workflowId: uniqueId('drain'), taskQueue: uniqueId('no-worker'), args: [] });
  try {
    const query = client.withDeadline(Date.now() + 1500, () => handle.query('status')).then(
      () => 'answered',
      (err: Error) => err.message,
    );
    // Let the call reach the server before closing.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = Date.now();
    await temporal.close(10_000);
    const waited = Date.now() - closing;
    const outcome = await query;
    // The query ended by its own deadline, not by the channel closing under it.
    expect(outcome).not.toMatch(/shut down|cancel/i);
    expect(waited).toBeGreaterThanOrEqual(1000);
    expect(waited).toBeLessThan(10_000);
  } finally {
    const cleanup = await connectDrained({ address: temporalAddress() });
    await new Client({ connection: cleanup.connection }).workflow.getHandle(handle.workflowId).terminate('test done');
    await cleanup.close(1000);
  }
});

test('a call still in flight after the grace period does not hold close forever', async () => {
  const temporal = await connectDrained({ address: temporalAddress() });
  const client = new Client({ connection: temporal.connection });
  const handle = await client.workflow.start('cutoverWorkflow', { workflowId: uniqueId('drain'), taskQueue: uniqueId('no-worker'), args: [] });
  try {
    const query = client.withDeadline(Date.now() + 20_000, () => handle.query('status')).catch((err: Error) => err);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = Date.now();
    await temporal.close(500);
    expect(Date.now() - closing).toBeLessThan(5000);
    await query;
  } finally {
    const cleanup = await connectDrained({ address: temporalAddress() });
    await new Client({ connection: cleanup.connection }).workflow.getHandle(handle.workflowId).terminate('test done');
    await cleanup.close(1000);
  }
});
