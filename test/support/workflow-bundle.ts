/** Bundles workflows/ once per test run (webpack takes seconds) for every test worker to reuse. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function prebuildWorkflowBundle(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.resolve(__dirname, '../../workflows'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const file = path.join(dir, 'workflow-bundle.js');
  await writeFile(file, code);
  return file;
}
