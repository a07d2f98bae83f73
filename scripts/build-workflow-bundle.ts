/**
 * Writes the workflow bundle (webpack, via the SDK's bundleWorkflowCode) that the compiled worker
 * loads instead of bundling workflows/ at every start. `npm run build` runs it after tsc:
 *
 *   node dist/scripts/build-workflow-bundle.js      → dist/workflow-bundle.js, dist/workflow-bundle.json
 *
 * It bundles dist/workflows, the code tsc just wrote: exactly what the compiled worker would otherwise
 * bundle itself. The manifest records what that code was (workers/workflow-bundle.ts), and
 * workers/worker.ts workflowSource() decides when the bundle is used.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../workers/logger';
import { bundleWorkflows } from '../workers/workflow-bundler';
import { compiledSourceDigest, WORKFLOW_BUNDLE_FILE, WORKFLOW_BUNDLE_MANIFEST, type WorkflowBundleManifest } from '../workers/workflow-bundle';

/** Bundles `<distDir>/workflows` into `<distDir>/workflow-bundle.js` and writes its manifest. */
export async function buildWorkflowBundle(distDir: string): Promise<{ file: string; bytes: number }> {
  // The digest first: should tsc rewrite the code while webpack reads it, the manifest is the older one.
  const manifest: WorkflowBundleManifest = { source: compiledSourceDigest(distDir) };
  const code = await bundleWorkflows(path.join(distDir, 'workflows'));
  const file = path.join(distDir, WORKFLOW_BUNDLE_FILE);
  await writeFile(file, code);
  await writeFile(path.join(distDir, WORKFLOW_BUNDLE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { file, bytes: Buffer.byteLength(code) };
}

if (require.main === module) {
  const started = Date.now();
  // Compiled, this file is dist/scripts/build-workflow-bundle.js: the compiled tree is one level up.
  buildWorkflowBundle(path.resolve(__dirname, '..')).then(
    ({ file, bytes }) => {
      process.stdout.write(`workflow bundle: ${path.relative(process.cwd(), file) || file} (${Math.round(bytes / 1024)} KiB, ${Date.now() - started} ms)\n`);
    },
    (err: unknown) => {
      logger.error({ err }, 'building the workflow bundle failed');
      process.exitCode = 1;
    },
  );
}
