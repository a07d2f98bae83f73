/**
 * The workflow bundle of any commit, as an artifact: the commit's tree (`git archive`) bundled by
 * the SDK's bundler with this checkout's node_modules, without source maps, gzipped, and a JSON
 * note beside it saying what it was made from. After `npm run build`:
 *
 *   node dist/scripts/release-bundle.js <commit> <out.js.gz>
 *
 * test/fixtures/releases/ keeps one (the release before a patched() change) for the upgrade test;
 * CI clones may be shallow, so tests use the committed artifact and never rebuild it from git.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { logger } from '../workers/logger';
import { projectRoot } from '../workers/project-root';
import { bundleWorkflows } from '../workers/workflow-bundler';

const run = promisify(execFile);

export interface ReleaseBundleNote {
  commit: string;
  subject: string;
  madeWith: string;
  sdk: string;
  sourceMaps: false;
  /** sha256 and size of the bundle's JavaScript (before gzip). */
  sha256: string;
  bytes: number;
  gzipBytes: number;
}

const git = async (...args: string[]) => (await run('git', args, { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

/** Bundles `commit`'s workflows/ into `out` (gzipped) and writes `<out without .js.gz>.json`. */
export async function buildReleaseBundle(commit: string, out: string): Promise<ReleaseBundleNote> {
  const sha = await git('rev-parse', '--verify', `${commit}^{commit}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), `golive-release-${sha.slice(0, 7)}-`));
  try {
    const tree = path.join(dir, 'tree');
    await git('archive', '--format=tar', `--prefix=tree/`, '-o', path.join(dir, 'tree.tar'), sha);
    await run('tar', ['-xf', path.join(dir, 'tree.tar'), '-C', dir]);
    // The SDK and the libraries the workflows import resolve from this checkout.
    await symlink(path.join(projectRoot, 'node_modules'), path.join(tree, 'node_modules'), 'dir');
    const code = await bundleWorkflows(path.join(tree, 'workflows'), { sourceMaps: false });
    const gzipped = gzipSync(code, { level: 9 });
    await writeFile(out, gzipped);
    const note: ReleaseBundleNote = {
      commit: sha,
      subject: await git('log', '-1', '--format=%s', sha),
      madeWith: `node dist/scripts/release-bundle.js ${sha.slice(0, 7)} ${path.basename(out)} (git archive, the SDK bundler without source maps, gzip -9)`,
      sdk: `@temporalio/worker ${(JSON.parse(await readFile(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version}`,
      sourceMaps: false,
      sha256: createHash('sha256').update(code).digest('hex'),
      bytes: Buffer.byteLength(code),
      gzipBytes: gzipped.length,
    };
    await writeFile(out.replace(/\.js(\.gz)?$/, '.json'), `${JSON.stringify(note, null, 2)}\n`);
    return note;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [commit, out] = process.argv.slice(2);
  if (!commit || !out) {
    process.stderr.write('usage: node dist/scripts/release-bundle.js <commit> <out.js.gz>\n');
    process.exitCode = 2;
  } else {
    buildReleaseBundle(commit, path.resolve(out)).then(
      (note) => process.stdout.write(`${out}: ${note.commit.slice(0, 7)} ${Math.round(note.bytes / 1024)} KiB, ${Math.round(note.gzipBytes / 1024)} KiB gzipped\n`),
      (err: unknown) => {
        logger.error({ err }, 'building the release bundle failed');
        process.exitCode = 1;
      },
    );
  }
}
