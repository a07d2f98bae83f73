/**
 * How `golive cluster` finds the Temporal UI server (scripts/cluster/temporal-ui.ts): an explicit file,
 * then the cache, then `go install`; and the process it starts, configured by the repo's template.
 * Shell scripts stand in for the binary and for `go`, so this runs in milliseconds.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ServerBinariesError } from '../../scripts/cluster/server-binaries';
import { resolveUiBinary, temporalUiProcess } from '../../scripts/cluster/temporal-ui';
import { projectRoot } from '../../workers/project-root';

let root: string;
let cacheDir: string;
let env: NodeJS.ProcessEnv;
const uiCache = () => path.join(cacheDir, 'temporal-ui', 'v2.42.1');

async function fakeUi(file: string, version = '2.42.1'): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `#!/bin/sh\necho "Temporal UI version ${version}"\n`, { mode: 0o755 });
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-temporal-ui-'));
  cacheDir = path.join(root, 'cache');
  await fs.mkdir(path.join(root, 'bin'));
  env = { PATH: path.join(root, 'bin'), HOME: root };
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('an explicit file (option, else GOLIVE_TEMPORAL_UI) wins over the cache; a wrong one is an error naming it', async () => {
  const explicit = path.join(root, 'elsewhere', 'ui');
  await fakeUi(explicit);
  await fakeUi(path.join(uiCache(), 'ui-server'));
  await expect(resolveUiBinary({ env: { ...env, GOLIVE_TEMPORAL_UI: explicit }, cacheDir })).resolves.toEqual({ path: explicit, source: 'explicit' });
  await expect(resolveUiBinary({ env, cacheDir })).resolves.toEqual({ path: path.join(uiCache(), 'ui-server'), source: 'cache' });

  await fakeUi(explicit, '2.37.0');
  const error = await resolveUiBinary({ env, cacheDir, explicit }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerBinariesError);
  expect((error as Error).message).toMatch(/--temporal-ui is unusable: .*is version 2\.37\.0, golive needs v2\.42\.1/);
});

test('go install builds ui-server v2.42.1 into the cache (go names it `server`; the cache keeps it as ui-server)', async () => {
  const log = path.join(root, 'go-calls');
  const go = ['#!/bin/sh', 'for last; do :; done', `echo "$last" >> "${log}"`, `printf '#!/bin/sh\\necho "Temporal UI version 2.42.1"\\n' > "$GOBIN/server"`, '/bin/chmod 755 "$GOBIN/server"'];
  await fs.writeFile(path.join(root, 'bin', 'go'), `${go.join('\n')}\n`, { mode: 0o755 });
  await expect(resolveUiBinary({ env: { ...env, GOLIVE_CACHE_DIR: cacheDir } })).resolves.toEqual({ path: path.join(uiCache(), 'ui-server'), source: 'go-install' });
  expect((await fs.readFile(log, 'utf8')).trim()).toBe('github.com/temporalio/ui-server/v2/cmd/server@v2.42.1');
  expect(await fs.readdir(uiCache())).toEqual(['ui-server']);
});

test('without go, a cache or --no-build: one error saying how to fix it', async () => {
  const error = await resolveUiBinary({ env, cacheDir }).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/no usable Temporal UI server v2\.42\.1: .*go install: go not found on PATH.*Fix: run `golive cluster provision`/);
  await expect(resolveUiBinary({ env, cacheDir, allowBuild: false })).rejects.toThrow(/go install skipped \(disabled\)/);
});

test('the UI process reads the repo\'s template, filled from the variables it is given', () => {
  const spec = temporalUiProcess('/opt/ui-server', { uiPort: 23_456, frontendPort: 21_000, namespace: 'golive', codecEndpoint: 'http://127.0.0.1:24680/codec' });
  expect(spec.args).toEqual(['--root', projectRoot, '--config', 'deploy/cluster', '--env', 'temporal-ui', 'start']);
  const template = readFileSync(path.join(projectRoot, 'deploy', 'cluster', 'temporal-ui.yaml'), 'utf8');
  expect(template.startsWith('# enable-template')).toBe(true);
  // No sign-in of its own: it must not listen beyond this machine.
  expect(template).toMatch(/^host: 127\.0\.0\.1$/m);
  const variables = [...template.matchAll(/env "(\w+)"/g)].map((m) => m[1]);
  expect(new Set(variables)).toEqual(new Set(['GOLIVE_CLUSTER_FRONTEND_PORT', 'GOLIVE_CLUSTER_UI_PORT', 'GOLIVE_CLUSTER_NAMESPACE', 'GOLIVE_CLUSTER_CODEC_ENDPOINT']));
  for (const name of variables) expect(spec.env?.[name]).toBeDefined();
  expect(spec.env).toMatchObject({ GOLIVE_CLUSTER_UI_PORT: '23456', GOLIVE_CLUSTER_FRONTEND_PORT: '21000', GOLIVE_CLUSTER_CODEC_ENDPOINT: 'http://127.0.0.1:24680/codec' });
});
