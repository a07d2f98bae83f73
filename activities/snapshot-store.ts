/**
 * Where `snapshot` steps keep what they exported: a directory on the worker (GOLIVE_SNAPSHOT_DIR,
 * default <tmp>/golive-snapshots), one file per content, `<cutoverId>/<stepId>-<sha256 prefix>.json`.
 * Only the reference travels through the workflow, so history stays small and free of config data.
 * Writes are atomic (temp file + rename), so a crashed worker never leaves half a snapshot; the
 * same content always gets the same ref, so a retried snapshot step is idempotent.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { setting } from '../workers/settings';
import type { SnapshotRef } from './contract';

/** Read per call: tests and `golive dev` point it elsewhere while the worker runs. */
export const snapshotDir = (env?: NodeJS.ProcessEnv): string => setting('GOLIVE_SNAPSHOT_DIR', env);

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Ids may hold any character; a path segment may not (no separators, no `..`). */
function safeSegment(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.*$/.test(safe) ? `_${safe}` : safe;
}

export async function writeSnapshot(cutoverId: string, stepId: string, content: string, dir = snapshotDir()): Promise<SnapshotRef> {
  const hash = sha256(content);
  const ref = path.posix.join(safeSegment(cutoverId), `${safeSegment(stepId)}-${hash.slice(0, 16)}.json`);
  const file = path.join(dir, ref);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(temp, content, 'utf8');
    await fs.rename(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
  return { ref, sha256: hash, bytes: Buffer.byteLength(content, 'utf8') };
}

function missing(ref: string, why: string): ApplicationFailure {
  // Retrying cannot bring a snapshot back: the restore needs an operator.
  return ApplicationFailure.nonRetryable(`snapshot ${ref} ${why}`, 'SnapshotMissing', { ref });
}

/** The snapshot's content, verified against its hash; a missing or altered file is `SnapshotMissing`. */
export async function readSnapshot(ref: string, expectedSha256: string, dir = snapshotDir()): Promise<string> {
  const root = path.resolve(dir);
  const file = path.resolve(root, ref);
  if (!file.startsWith(root + path.sep)) throw missing(ref, `is outside the snapshot store ${root}`);
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch (err) {
    throw missing(ref, `cannot be read from ${root}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const actual = sha256(content);
  if (actual !== expectedSha256) throw missing(ref, `is corrupted: sha256 ${actual.slice(0, 12)}… expected ${expectedSha256.slice(0, 12)}…`);
  return content.toString('utf8');
}
