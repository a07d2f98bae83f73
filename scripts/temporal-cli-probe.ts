/**
 * Checks a Temporal binary candidate: is it an executable file, and does `<bin> --version` answer
 * "temporal version …" (or another expected version line). Shared by the resolution order (scripts/temporal-cli.ts) and the two ways
 * of obtaining a CLI (SDK download, go install), which verify what they produce the same way.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const VERSION_PROBE_TIMEOUT_MS = 20_000;

export type Probe = { ok: true; version: string } | { ok: false; reason: string };

/** What obtaining a CLI (download, build) produced: a verified binary, or why not. */
export type Obtained = { path: string; version: string } | { failure: string };

/** Checks that `file` is an executable regular file; returns why not, or undefined. */
export async function unusableReason(file: string): Promise<string | undefined> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return 'does not exist';
  }
  if (!stat.isFile()) return 'is not a regular file';
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    return 'is not executable';
  }
  return undefined;
}

/** Runs `<bin> --version` and expects "temporal version …". */
export function probeTemporalCli(bin: string, env: NodeJS.ProcessEnv = process.env): Promise<Probe> {
  return probeVersion(bin, /temporal version\s+(.+)/i, 'temporal version …', env);
}

/** Runs `<bin> --version` and expects `pattern`, whose first group is the version. */
export function probeVersion(bin: string, pattern: RegExp, expected: string, env: NodeJS.ProcessEnv = process.env): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(
      bin,
      ['--version'],
      { timeout: VERSION_PROBE_TIMEOUT_MS, env, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const detail = (stderr || err.message).trim().split('\n').slice(-3).join(' | ');
          resolve({ ok: false, reason: `\`--version\` failed: ${detail}` });
          return;
        }
        const match = pattern.exec(stdout);
        if (!match) {
          const first = stdout.trim().split('\n')[0] ?? '';
          resolve({ ok: false, reason: `\`--version\` printed "${first}", not "${expected}"` });
          return;
        }
        resolve({ ok: true, version: match[1].trim() });
      },
    );
  });
}

/** First executable `name` on env.PATH, like `command -v`. */
export async function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if ((await unusableReason(candidate)) === undefined) return candidate;
  }
  return undefined;
}
