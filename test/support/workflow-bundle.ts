/** Bundles workflows/ once per test run (webpack takes seconds) for every test worker to reuse. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflows } from '../../workers/workflow-bundler';

export async function prebuildWorkflowBundle(dir: string): Promise<string> {
  const code = await bundleWorkflows(path.resolve(__dirname, '../../workflows'));
  const file = path.join(dir, 'workflow-bundle.js');
  await writeFile(file, code);
  return file;
}
