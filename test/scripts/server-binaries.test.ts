/**
 * How `golive cluster` finds the Temporal server and its SQL tool (scripts/cluster/server-binaries.ts):
 * explicit dir, then the cache, then `go install` of only what is missing. Shell scripts stand in for
 * the binaries and for `go`, so this runs in milliseconds.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cachedServerDir, resolveServerBinaries, ServerBinariesError } from '../../scripts/cluster/server-binaries';

let root: string;
let cacheDir: string;
let env: NodeJS.ProcessEnv;

const VERSION_LINE = { server: 'temporal version', sql: 'temporal-sql-tool version' };

async function fakeBinary(dir: string, name: 'server' | 'sql', version = '1.29.1'): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, name), `#!/bin/sh\necho "${VERSION_LINE[name]} ${version}"\n`, { mode: 0o755 });
}

/** A `go` that records its module argument and writes the matching fake binary into GOBIN. */
async function fakeGo(): Promise<string> {
  const log = path.join(root, 'go-calls');
  const script = [
    '#!/bin/sh',
    'for last; do :; done',
    `echo "$last" >> "${log}"`,
    'case "$last" in',
    `  */cmd/server@*) printf '#!/bin/sh\\necho "temporal version 1.29.1"\\n' > "$GOBIN/server"; /bin/chmod 755 "$GOBIN/server" ;;`,
    `  */cmd/tools/sql@*) printf '#!/bin/sh\\necho "temporal-sql-tool version 1.29.1"\\n' > "$GOBIN/sql"; /bin/chmod 755 "$GOBIN/sql" ;;`,
    'esac',
  ].join('\n');
  await fs.writeFile(path.join(root, 'bin', 'go'), `${script}\n`, { mode: 0o755 });
  return log;
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-server-binaries-'));
  cacheDir = path.join(root, 'cache');
  await fs.mkdir(path.join(root, 'bin'));
  env = { PATH: path.join(root, 'bin'), HOME: root };
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('an explicit dir (option, else GOLIVE_TEMPORAL_SERVER) wins over the cache', async () => {
  const explicit = path.join(root, 'explicit');
  await fakeBinary(explicit, 'server');
  await fakeBinary(explicit, 'sql');
  await fakeBinary(cachedServerDir(cacheDir), 'server');
  await fakeBinary(cachedServerDir(cacheDir), 'sql');
  await expect(resolveServerBinaries({ env: { ...env, GOLIVE_TEMPORAL_SERVER: explicit }, cacheDir })).resolves.toEqual({ server: path.join(explicit, 'server'), sql: path.join(explicit, 'sql'), source: 'explicit' });
  await expect(resolveServerBinaries({ env, cacheDir })).resolves.toMatchObject({ source: 'cache' });
});

test('a broken explicit dir is an error naming what is wrong, never skipped', async () => {
  const explicit = path.join(root, 'explicit');
  await fakeBinary(explicit, 'server', '1.28.0');
  const error = await resolveServerBinaries({ env, cacheDir, explicitDir: explicit }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerBinariesError);
  expect((error as Error).message).toMatch(/--temporal-server-dir is unusable: .*server is version 1\.28\.0, golive needs v1\.29\.1; .*sql does not exist/);
});

test('go install builds only what the cache lacks, into $GOLIVE_CACHE_DIR', async () => {
  const calls = await fakeGo();
  await fakeBinary(cachedServerDir(cacheDir), 'server');
  const binaries = await resolveServerBinaries({ env: { ...env, GOLIVE_CACHE_DIR: cacheDir } });
  expect(binaries).toEqual({ server: path.join(cachedServerDir(cacheDir), 'server'), sql: path.join(cachedServerDir(cacheDir), 'sql'), source: 'go-install' });
  expect((await fs.readFile(calls, 'utf8')).trim().split('\n')).toEqual(['go.temporal.io/server/cmd/tools/sql@v1.29.1']);
  expect((await fs.readdir(cachedServerDir(cacheDir))).sort()).toEqual(['server', 'sql']);
});

test('without go and without a cache: one error saying how to fix it', async () => {
  const error = await resolveServerBinaries({ env, cacheDir }).catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/no usable Temporal server v1\.29\.1: .*go install: go not found on PATH.*Fix: run `golive cluster provision` with Go/);
});
