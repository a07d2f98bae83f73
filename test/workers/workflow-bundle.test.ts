/**
 * The prebuilt workflow bundle: `npm run build` writes dist/workflow-bundle.js (and its manifest) for
 * the compiled code in dist/, the compiled worker uses it, the worker run from the TypeScript sources
 * never does, and a bundle whose compiled code changed since is not trusted. (npm test builds first.)
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workflowSource } from '../../workers/worker';
import { builtWorkflowBundle, compiledSourceDigest, WORKFLOW_BUNDLE_FILE, WORKFLOW_BUNDLE_MANIFEST } from '../../workers/workflow-bundle';

const dist = path.resolve(__dirname, '../../dist');
const distBundle = path.join(dist, WORKFLOW_BUNDLE_FILE);

/** Runs `work` with GOLIVE_WORKFLOW_BUNDLE set to `value` (or unset), then restores it. */
function withBundleEnv<T>(value: string | undefined, work: () => T): T {
  const saved = process.env.GOLIVE_WORKFLOW_BUNDLE;
  if (value === undefined) delete process.env.GOLIVE_WORKFLOW_BUNDLE;
  else process.env.GOLIVE_WORKFLOW_BUNDLE = value;
  try {
    return work();
  } finally {
    if (saved === undefined) delete process.env.GOLIVE_WORKFLOW_BUNDLE;
    else process.env.GOLIVE_WORKFLOW_BUNDLE = saved;
  }
}

describe('the bundle npm run build wrote', () => {
  it('is in dist/, made from the compiled workflow code now there', () => {
    expect(builtWorkflowBundle(dist)).toEqual({ file: distBundle });
    const manifest = JSON.parse(readFileSync(path.join(dist, WORKFLOW_BUNDLE_MANIFEST), 'utf8'));
    expect(manifest).toEqual({ source: compiledSourceDigest(dist) });
    // A webpack bundle of the workflows: the workflow function and the SDK's entry point are in it.
    const code = readFileSync(distBundle, 'utf8');
    expect(code).toContain('cutoverWorkflow');
    expect(code).toContain('importWorkflows');
  });
});

describe('workflowSource', () => {
  // The compiled worker (what `golive worker` and `golive dev` run), loaded from dist/.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const compiled = require(path.join(dist, 'workers/worker.js')) as typeof import('../../workers/worker');

  it('compiled: the bundle in dist/', () => {
    expect(withBundleEnv(undefined, () => compiled.workflowSource())).toEqual({ workflowBundle: { codePath: distBundle } });
  });

  it('compiled or not: GOLIVE_WORKFLOW_BUNDLE first', () => {
    // The setting names a file that exists (workers/settings.ts refuses one that does not).
    const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'golive-bundle-')), 'bundle.js');
    writeFileSync(bundle, '');
    const source = { workflowBundle: { codePath: bundle } };
    expect(withBundleEnv(bundle, () => compiled.workflowSource())).toEqual(source);
    expect(withBundleEnv(bundle, () => workflowSource())).toEqual(source);
  });

  it('from the TypeScript sources: bundles workflows/, never the bundle in dist/ (it may be older than the sources)', () => {
    expect(withBundleEnv(undefined, () => workflowSource())).toEqual({ workflowsPath: path.resolve(__dirname, '../../workflows/index.ts') });
  });
});

describe('builtWorkflowBundle', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-bundle-test-'));
    mkdirSync(path.join(dir, 'workflows/sub'), { recursive: true });
    mkdirSync(path.join(dir, 'plan'));
    writeFileSync(path.join(dir, 'workflows/index.js'), 'exports.a = 1;');
    writeFileSync(path.join(dir, 'workflows/sub/part.js'), 'exports.b = 2;');
    writeFileSync(path.join(dir, 'plan/index.js'), 'exports.c = 3;');
    writeFileSync(path.join(dir, WORKFLOW_BUNDLE_FILE), '/* bundle */');
    writeFileSync(path.join(dir, WORKFLOW_BUNDLE_MANIFEST), JSON.stringify({ source: compiledSourceDigest(dir) }));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts a bundle made from the code it sits next to', () => {
    expect(builtWorkflowBundle(dir)).toEqual({ file: path.join(dir, WORKFLOW_BUNDLE_FILE) });
  });

  it('ignores source maps and other files, and a rewrite with the same content', () => {
    writeFileSync(path.join(dir, 'workflows/index.js.map'), '{}');
    writeFileSync(path.join(dir, 'workflows/index.js'), 'exports.a = 1;');
    expect(builtWorkflowBundle(dir).file).toBeDefined();
  });

  it.each([
    ['a workflow file changed', (d: string) => writeFileSync(path.join(d, 'workflows/sub/part.js'), 'exports.b = 3;')],
    ['a plan file changed', (d: string) => writeFileSync(path.join(d, 'plan/index.js'), 'exports.c = 4;')],
    ['a workflow file was added', (d: string) => writeFileSync(path.join(d, 'workflows/new.js'), '')],
    ['a workflow file was removed', (d: string) => unlinkSync(path.join(d, 'workflows/sub/part.js'))],
    ['the manifest is missing', (d: string) => unlinkSync(path.join(d, WORKFLOW_BUNDLE_MANIFEST))],
    ['the manifest is garbage', (d: string) => writeFileSync(path.join(d, WORKFLOW_BUNDLE_MANIFEST), '{')],
  ])('distrusts it when %s', (_name, change) => {
    change(dir);
    expect(builtWorkflowBundle(dir)).toEqual({ stale: expect.any(String) });
  });

  it('finds none when none was built', () => {
    unlinkSync(path.join(dir, WORKFLOW_BUNDLE_FILE));
    expect(builtWorkflowBundle(dir)).toEqual({});
  });
});
