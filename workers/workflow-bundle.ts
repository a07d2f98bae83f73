/**
 * The prebuilt workflow bundle that `npm run build` writes next to the compiled tree
 * (scripts/build-workflow-bundle.ts → dist/workflow-bundle.js), and whether it is current. Beside it,
 * dist/workflow-bundle.json records a digest of the compiled code it was made from; a worker uses the
 * bundle only while that code is unchanged, so `tsc` alone (without the bundle step) never leaves a
 * worker running old workflow code.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';
export const WORKFLOW_BUNDLE_MANIFEST = 'workflow-bundle.json';

/** What the bundle is made of, under the compiled tree: workflow code and the plan model it imports. */
const BUNDLED_DIRS = ['workflows', 'plan'];

export interface WorkflowBundleManifest {
  /** compiledSourceDigest() of the tree the bundle was made from. */
  source: string;
}

/** sha256 over the compiled .js files the bundle is made of (their paths and contents). */
export function compiledSourceDigest(distDir: string): string {
  const hash = createHash('sha256');
  for (const dir of BUNDLED_DIRS) {
    const root = path.join(distDir, dir);
    const files = existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')) : [];
    for (const file of files.map((f) => f.split(path.sep).join('/')).sort()) {
      hash.update(`${dir}/${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
    }
  }
  return hash.digest('hex');
}

/**
 * `file`: `<distDir>/workflow-bundle.js`, when it was built from the compiled code now in `distDir`.
 * Else nothing (never built) or `stale`: why it cannot be trusted.
 */
export function builtWorkflowBundle(distDir: string): { file?: string; stale?: string } {
  const file = path.join(distDir, WORKFLOW_BUNDLE_FILE);
  if (!existsSync(file)) return {};
  let manifest: Partial<WorkflowBundleManifest>;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, WORKFLOW_BUNDLE_MANIFEST), 'utf8')) as Partial<WorkflowBundleManifest>;
  } catch {
    return { stale: `${WORKFLOW_BUNDLE_MANIFEST} is missing or unreadable` };
  }
  if (manifest.source !== compiledSourceDigest(distDir)) return { stale: 'the compiled workflow code changed after the bundle was built' };
  return { file };
}
