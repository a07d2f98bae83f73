/**
 * The dev server against the real Temporal CLI: readiness, the web UI, a clean stop with no
 * process left, and workflows surviving a restart on the same SQLite dataDir.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection, Client } from '@temporalio/client';
import { DevServerError, startDevServer, type DevServer } from '../../scripts/dev-server';
import { isAlive } from '../../scripts/process-tree';
import { resolveTemporalCli } from '../../scripts/temporal-cli';
import { uniqueId } from '../support/temporal-env';

jest.setTimeout(120_000);

let cliPath: string;
let root: string;
const servers: DevServer[] = [];

beforeAll(async () => {
  // Global setup has already provisioned (and cached) the CLI, so this is a cache hit.
  cliPath = (await resolveTemporalCli()).path;
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-dev-server-test-'));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await fs.rm(root, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<DevServer> {
  const server = await startDevServer({ cliPath, dataDir });
  servers.push(server);
  return server;
}

async function withClient<T>(server: DevServer, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address: server.address });
  try {
    return await fn(new Client({ connection, namespace: server.namespace }));
  } finally {
    await connection.close();
  }
}

it('serves gRPC and the web UI, stops without leftovers and keeps workflows across a restart', async () => {
  const dataDir = path.join(root, 'data');
  const workflowId = uniqueId('dev-server-restart');

  const first = await start(dataDir);
  expect(first.address).toBe(`127.0.0.1:${first.port}`);
  expect(first.uiUrl).toBe(`http://127.0.0.1:${first.uiPort}`);
  expect(first.port).not.toBe(first.uiPort);
  const ui = await fetch(first.uiUrl);
  expect(ui.status).toBe(200);
  await ui.arrayBuffer();

  // No worker needed: the workflow just sits RUNNING on a task queue nobody polls.
  await withClient(first, async (client) => {
    const handle = await client.workflow.start('goliveDevServerProbe', {
      workflowId,
      taskQueue: uniqueId('nobody-polls'),
      args: [{ note: 'written before the restart' }],
    });
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
  });

  await first.stop();
  expect(() => process.kill(first.pid, 0)).toThrow();
  expect(isAlive(first.pid)).toBe(false);
  await first.stop(); // idempotent
  await expect(fs.stat(first.dbFilename)).resolves.toBeTruthy();

  const second = await start(dataDir);
  await withClient(second, async (client) => {
    const described = await client.workflow.getHandle(workflowId).describe();
    expect(described.workflowId).toBe(workflowId);
    expect(described.type).toBe('goliveDevServerProbe');
    expect(described.status.name).toBe('RUNNING');
  });
  await second.stop();
  expect(() => process.kill(second.pid, 0)).toThrow();
});

it('registers custom search attributes', async () => {
  const server = await startDevServer({
    cliPath,
    dataDir: path.join(root, 'search-attributes'),
    searchAttributes: { GoliveCutoverState: 'Keyword' },
  });
  servers.push(server);
  const connection = await Connection.connect({ address: server.address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: server.namespace });
    expect(Object.keys(customAttributes ?? {})).toContain('GoliveCutoverState');
  } finally {
    await connection.close();
    await server.stop();
  }
});

it('fails with the server output when the process exits before it is ready', async () => {
  const fake = path.join(root, 'broken-temporal');
  await fs.writeFile(fake, '#!/bin/sh\necho "Error: unknown flag: --bogus" >&2\nexit 3\n', { mode: 0o755 });

  const attempt = startDevServer({ cliPath: fake, dataDir: path.join(root, 'broken') });
  await expect(attempt).rejects.toBeInstanceOf(DevServerError);
  await expect(attempt).rejects.toMatchObject({ code: 'DEV_SERVER_EXITED' });
  await expect(attempt).rejects.toThrow(/exited with code 3 before it was ready[\s\S]*unknown flag: --bogus/);
});

it('fails when the CLI cannot be started at all', async () => {
  await expect(startDevServer({ cliPath: path.join(root, 'missing'), dataDir: path.join(root, 'missing-data') })).rejects.toThrow(
    /could not start .*missing: spawn .* ENOENT/,
  );
});
