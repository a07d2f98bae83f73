/**
 * Helpers for tests that talk to the shared Temporal dev server started by global-setup.ts.
 * The server's address arrives through TEMPORAL_ADDRESS (set by global setup for the whole run).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';

/** Global setup stores its handle here (read back by global teardown, same process). */
export const GLOBAL_HANDLE_KEY = '__GOLIVE_TEST_TEMPORAL__';

/** The shared dev server's gRPC address; throws a clear error outside the jest global setup. */
export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    throw new Error(
      'TEMPORAL_ADDRESS is not set: this test needs the Temporal dev server that test/support/global-setup.ts starts. ' +
        'Run it through jest with the repo jest.config.js (and without GOLIVE_TEST_NO_TEMPORAL=1).',
    );
  }
  return address;
}

export function temporalNamespace(): string {
  return process.env.TEMPORAL_NAMESPACE || 'default';
}

/** The shared dev server's web UI (undefined when the run uses an external server). */
export function temporalUiUrl(): string | undefined {
  return process.env.GOLIVE_TEST_TEMPORAL_UI || undefined;
}

export interface TestClient {
  client: Client;
  connection: Connection;
  namespace: string;
  close(): Promise<void>;
}

/** A Client on the shared dev server (or `address`); call close() in afterAll. */
export async function connectClient(options: { address?: string; namespace?: string } = {}): Promise<TestClient> {
  const namespace = options.namespace ?? temporalNamespace();
  const connection = await Connection.connect({ address: options.address ?? temporalAddress(), connectTimeout: '10s' });
  // The keys global setup put in GOLIVE_CODEC_KEYS, shared with every test worker.
  const client = new Client({ connection, namespace, dataConverter: createDataConverter(payloadProtectionFromEnv()) });
  return { client, connection, namespace, close: () => connection.close() };
}

/** A workflow id / task queue name no other test (or earlier run on a kept dataDir) uses. */
export function uniqueId(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
