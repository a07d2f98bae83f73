/** `snapshot` → `restore`: the exported body goes to the store (never to the workflow) and comes back verbatim. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SnapshotRef } from '../../activities/contract';
import { restore } from '../../activities/restore';
import { snapshot } from '../../activities/snapshot';
import { readSnapshot } from '../../activities/snapshot-store';
import { failureOf, runActivity, stepInput } from '../support/activity-env';
import { RecordingServer } from '../support/recording-server';

const exported = '{"queues":[{"id":"q-1","name":"Billing"}],"flows":[{"id":"f-1","modules":["m-1"]}]}';

let server: RecordingServer;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-snapshot-test-'));
  process.env.GOLIVE_SNAPSHOT_DIR = dir;
  server = await new RecordingServer().start();
  server.route('/export', { body: exported }).route('/import', { status: 204 });
});

afterAll(async () => {
  delete process.env.GOLIVE_SNAPSHOT_DIR;
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const takeSnapshot = (exportPath = '/export') =>
  runActivity(snapshot, stepInput('export-config', { label: 'contact-center config', request: { method: 'GET' as const, url: `${server.url}${exportPath}` } }));

const restoreFrom = (ref: SnapshotRef, importPath = '/import') =>
  runActivity(restore, stepInput('export-config', { snapshotStep: 'export-config', snapshot: ref, request: { method: 'PUT' as const, url: `${server.url}${importPath}` } }));

describe('snapshot and restore', () => {
  it('stores the export and returns only its reference', async () => {
    const result = await takeSnapshot();
    const ref = result.data.snapshot;
    expect(ref).toEqual({ ref: expect.stringMatching(/^cut-1\/export-config-[0-9a-f]{16}\.json$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: exported.length });
    expect(JSON.stringify(result)).not.toContain('Billing');
    expect(await fs.readFile(path.join(dir, ref.ref), 'utf8')).toBe(exported);
    expect(server.requests.at(-1)!.headers['idempotency-key']).toBe('cut-1/export-config/run');
  });

  it('gives the same content the same ref and leaves no temp files', async () => {
    const first = (await takeSnapshot()).data.snapshot;
    const second = (await takeSnapshot()).data.snapshot;
    expect(second).toEqual(first);
    expect(await fs.readdir(path.join(dir, 'cut-1'))).toEqual([path.basename(first.ref)]);
  });

  it('restores the exported body verbatim as JSON', async () => {
    const ref = (await takeSnapshot()).data.snapshot;
    const result = await restoreFrom(ref);
    expect(result.summary).toBe(`PUT ${server.url}/import -> 204, restored the snapshot of export-config (${exported.length} bytes)`);
    const request = server.requests.at(-1)!;
    expect(request).toMatchObject({ method: 'PUT', path: '/import', body: exported });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toBe('cut-1/export-config/run');
  });

  it('refuses a tampered snapshot without retrying, and sends nothing', async () => {
    const ref = (await takeSnapshot()).data.snapshot;
    await fs.writeFile(path.join(dir, ref.ref), exported.replace('Billing', 'Sales'));
    const before = server.requests.length;
    const failure = await failureOf(restoreFrom(ref));
    expect(failure).toMatchObject({ type: 'SnapshotMissing', nonRetryable: true });
    expect(failure.message).toContain(`snapshot ${ref.ref} is corrupted`);
    expect(server.requests.length).toBe(before);
    await fs.writeFile(path.join(dir, ref.ref), exported); // the other tests reuse the same file
  });

  it('refuses a missing snapshot and a ref outside the store', async () => {
    const gone = { ref: 'cut-1/never-taken-0000000000000000.json', sha256: '0'.repeat(64), bytes: 2 };
    expect(await failureOf(restoreFrom(gone))).toMatchObject({ type: 'SnapshotMissing', nonRetryable: true, message: expect.stringContaining('ENOENT') });
    const escape = await failureOf(readSnapshot('../etc/passwd', '0'.repeat(64), dir));
    expect(escape).toMatchObject({ type: 'SnapshotMissing', message: expect.stringContaining('outside the snapshot store') });
  });

  it('fails a snapshot whose export fails or is not JSON', async () => {
    server.route('/export-broken', { status: 500 }).route('/export-html', { body: '<html>' });
    expect(await failureOf(takeSnapshot('/export-broken'))).toMatchObject({ type: 'UnexpectedStatus', nonRetryable: false });
    expect(await failureOf(takeSnapshot('/export-html'))).toMatchObject({ type: 'SnapshotNotJson', nonRetryable: true });
  });

  it('retries a restore the target refuses with a server error', async () => {
    const ref = (await takeSnapshot()).data.snapshot;
    server.route('/import-flaky', { failFirst: 1 });
    expect(await failureOf(restoreFrom(ref, '/import-flaky'))).toMatchObject({ type: 'UnexpectedStatus', nonRetryable: false });
    await expect(restoreFrom(ref, '/import-flaky')).resolves.toMatchObject({ data: { status: 200 } });
  });
});
