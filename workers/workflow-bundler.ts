/**
 * golive's one call of the SDK's workflow bundler (webpack): for `npm run build`'s prebuilt bundle,
 * the test run's shared bundle and a release's bundle (scripts/release-bundle.ts). Webpack's own
 * report stays out of the logs; a failed build still throws with it.
 */
import { bundleWorkflowCode } from '@temporalio/worker';

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface BundlerOptions {
  /**
   * false: an empty inline source map instead of the full one (most of the bundle's size), for
   * artifacts kept in the repository. Worker.create insists on an inline map; with an empty one,
   * stack traces name bundle lines.
   */
  sourceMaps?: boolean;
}

const EMPTY_SOURCE_MAP = Buffer.from(JSON.stringify({ version: 3, file: 'workflow-bundle.js', sources: [], names: [], mappings: '' })).toString('base64');

/** The workflow bundle of the workflows module at `workflowsPath` (a directory with index, or a file). */
export async function bundleWorkflows(workflowsPath: string, options: BundlerOptions = {}): Promise<string> {
  const withoutSourceMaps = options.sourceMaps === false ? { webpackConfigHook: (config: object) => ({ ...config, devtool: false as const }) } : {};
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet, ...withoutSourceMaps });
  return options.sourceMaps === false ? `${code}\n//# sourceMappingURL=data:application/json;base64,${EMPTY_SOURCE_MAP}\n` : code;
}
