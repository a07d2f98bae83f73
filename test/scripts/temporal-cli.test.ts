/**
 * Resolution order of the Temporal CLI, with small shell scripts standing in for `temporal` and
 * `go` (temp dirs, an explicit env, SDK download off), so these run in milliseconds.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  cachedCliPath,
  defaultCacheDir,
  resolveTemporalCli,
  sdkDownloadedCliPath,
  TEMPORAL_CLI_GO_PACKAGE,
  TEMPORAL_CLI_VERSION,
  TemporalCliError,
} from '../../scripts/temporal-cli';

async function writeScript(file: string, body: string, mode = 0o755): Promise<string> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode });
  await fs.chmod(file, mode);
  return file;
}

const fakeTemporal = (file: string, version: string): Promise<string> =>
  writeScript(file, `echo "temporal version ${version}"`);

let root: string;
let pathDir: string;
let cacheDir: string;
/** A controlled environment: nothing from the developer's shell (PATH, GOLIVE_*) leaks in. */
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-cli-test-'));
  pathDir = path.join(root, 'bin');
  cacheDir = path.join(root, 'cache');
  await fs.mkdir(pathDir, { recursive: true });
  env = { PATH: pathDir, HOME: path.join(root, 'home') };
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const offline = { allowDownload: false, allowBuild: false };

describe('resolveTemporalCli order', () => {
  it('prefers the explicit path over PATH and the cache', async () => {
    const explicit = await fakeTemporal(path.join(root, 'explicit', 'temporal'), '9.0.0-explicit');
    await fakeTemporal(path.join(pathDir, 'temporal'), '9.0.0-path');
    await fakeTemporal(cachedCliPath(cacheDir), '9.0.0-cache');

    const cli = await resolveTemporalCli({ ...offline, env, cacheDir, explicitPath: explicit });
    expect(cli).toEqual({ path: explicit, source: 'explicit', version: '9.0.0-explicit' });
  });

  it('reads GOLIVE_TEMPORAL_CLI, and the option beats the variable', async () => {
    const fromEnv = await fakeTemporal(path.join(root, 'env', 'temporal'), '9.0.0-env');
    const fromOption = await fakeTemporal(path.join(root, 'option', 'temporal'), '9.0.0-option');
    const withVar = { ...env, GOLIVE_TEMPORAL_CLI: fromEnv };

    await expect(resolveTemporalCli({ ...offline, env: withVar, cacheDir })).resolves.toMatchObject({
      path: fromEnv,
      source: 'explicit',
    });
    await expect(resolveTemporalCli({ ...offline, env: withVar, cacheDir, explicitPath: fromOption })).resolves.toMatchObject({
      path: fromOption,
      source: 'explicit',
    });
  });

  it('prefers PATH over the cache', async () => {
    const onPath = await fakeTemporal(path.join(pathDir, 'temporal'), '9.0.0-path');
    await fakeTemporal(cachedCliPath(cacheDir), '9.0.0-cache');

    const cli = await resolveTemporalCli({ ...offline, env, cacheDir });
    expect(cli).toEqual({ path: onPath, source: 'path', version: '9.0.0-path' });
  });

  it('skips a `temporal` on PATH that is not the Temporal CLI and uses the cache', async () => {
    await writeScript(path.join(pathDir, 'temporal'), 'echo "temporal-ish 0.1 (some other tool)"');
    const cached = await fakeTemporal(cachedCliPath(cacheDir), '9.0.0-cache');

    const cli = await resolveTemporalCli({ ...offline, env, cacheDir });
    expect(cli).toEqual({ path: cached, source: 'cache', version: '9.0.0-cache' });
  });

  it('finds the go-installed build and the harvested SDK download in the cache', async () => {
    const sdkCopy = await fakeTemporal(sdkDownloadedCliPath(cacheDir), '9.0.0-sdk');
    await expect(resolveTemporalCli({ ...offline, env, cacheDir })).resolves.toMatchObject({ path: sdkCopy, source: 'cache' });

    const built = await fakeTemporal(cachedCliPath(cacheDir), '9.0.0-built');
    expect(built).toBe(path.join(cacheDir, 'temporal', TEMPORAL_CLI_VERSION, 'temporal'));
    await expect(resolveTemporalCli({ ...offline, env, cacheDir })).resolves.toMatchObject({ path: built, source: 'cache' });
  });

  it('uses GOLIVE_CACHE_DIR, then XDG_CACHE_HOME/golive, then ~/.cache/golive', () => {
    expect(defaultCacheDir({ GOLIVE_CACHE_DIR: '/c/g', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c/g');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/golive');
    expect(defaultCacheDir({ HOME: '/h' })).toBe('/h/.cache/golive');
  });
});

describe('resolveTemporalCli failures', () => {
  it('fails clearly on a non-executable explicit path instead of falling through', async () => {
    const notExecutable = await fakeTemporal(path.join(root, 'explicit', 'temporal'), '9.0.0');
    await fs.chmod(notExecutable, 0o644);
    await fakeTemporal(path.join(pathDir, 'temporal'), '9.0.0-path'); // would work, must not be used

    const attempt = resolveTemporalCli({ ...offline, env, cacheDir, explicitPath: notExecutable });
    await expect(attempt).rejects.toBeInstanceOf(TemporalCliError);
    await expect(attempt).rejects.toMatchObject({ code: 'TEMPORAL_CLI_EXPLICIT_UNUSABLE' });
    await expect(attempt).rejects.toThrow(`--temporal-cli is unusable: ${notExecutable} is not executable`);
  });

  it('fails clearly on a missing or wrong GOLIVE_TEMPORAL_CLI', async () => {
    const missing = path.join(root, 'nope', 'temporal');
    await expect(resolveTemporalCli({ ...offline, env: { ...env, GOLIVE_TEMPORAL_CLI: missing }, cacheDir })).rejects.toThrow(
      `GOLIVE_TEMPORAL_CLI is unusable: ${missing} does not exist`,
    );
    const wrong = await writeScript(path.join(root, 'wrong', 'temporal'), 'echo "hello"');
    await expect(resolveTemporalCli({ ...offline, env: { ...env, GOLIVE_TEMPORAL_CLI: wrong }, cacheDir })).rejects.toThrow(
      /printed "hello", not "temporal version/,
    );
  });

  it('names every option tried and why each failed', async () => {
    const error = await resolveTemporalCli({ ...offline, env, cacheDir }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TemporalCliError);
    const { code, message, attempts } = error as TemporalCliError;
    expect(code).toBe('TEMPORAL_CLI_NOT_FOUND');
    expect(attempts.map((a) => a.option)).toEqual(['explicit path', 'PATH', 'cache', 'SDK download', 'go install']);
    expect(message).toContain('explicit path: not set');
    expect(message).toContain('PATH: temporal not found');
    expect(message).toContain(`cache: ${cachedCliPath(cacheDir)} missing`);
    expect(message).toContain('SDK download: skipped (disabled)');
    expect(message).toContain('go install: skipped (disabled)');
  });

  it('honours GOLIVE_SKIP_SDK_DOWNLOAD and reports a missing go', async () => {
    const error = (await resolveTemporalCli({
      env: { ...env, GOLIVE_SKIP_SDK_DOWNLOAD: '1' },
      cacheDir,
    }).catch((err: unknown) => err)) as TemporalCliError;
    expect(error.message).toContain('SDK download: skipped (GOLIVE_SKIP_SDK_DOWNLOAD=1)');
    expect(error.message).toContain('go install: go not found on PATH');
  });
});

describe('resolveTemporalCli go install', () => {
  const noDownload = { allowDownload: false };

  it('builds into a temporary GOBIN, renames into the cache and streams progress', async () => {
    const argsFile = path.join(root, 'go-args');
    await writeScript(
      path.join(pathDir, 'go'),
      [
        `echo "$@" > "${argsFile}"`,
        'echo "github.com/temporalio/cli/temporalcli" >&2',
        `printf '#!/bin/sh\\necho "temporal version 1.5.1 (fake build)"\\n' > "$GOBIN/temporal"`,
        '/bin/chmod 755 "$GOBIN/temporal"',
      ].join('\n'),
    );
    // A build dir left by a killed earlier build (its pid no longer exists) is cleaned up.
    const stale = path.join(cacheDir, 'temporal', '.build-999999999-abcdef');
    await fs.mkdir(stale, { recursive: true });
    await fs.writeFile(path.join(stale, 'temporal'), 'half a binary');

    const progress: string[] = [];
    const cli = await resolveTemporalCli({ ...noDownload, env, cacheDir, onProgress: (line) => progress.push(line) });

    expect(cli).toEqual({ path: cachedCliPath(cacheDir), source: 'go-install', version: '1.5.1 (fake build)' });
    const args = (await fs.readFile(argsFile, 'utf8')).trim();
    expect(args).toMatch(/^install -v /);
    expect(args).toContain(`${TEMPORAL_CLI_GO_PACKAGE}@${TEMPORAL_CLI_VERSION}`);
    expect(progress).toContain('go: github.com/temporalio/cli/temporalcli');
    expect(progress.some((line) => line.startsWith('go install: built '))).toBe(true);
    expect(await fs.readdir(path.join(cacheDir, 'temporal'))).toEqual([TEMPORAL_CLI_VERSION]);

    // The second resolution is a cache hit: go is not run again.
    await fs.rm(argsFile);
    await expect(resolveTemporalCli({ ...noDownload, env, cacheDir })).resolves.toMatchObject({ source: 'cache' });
    await expect(fs.stat(argsFile)).rejects.toThrow();
  });

  it('leaves no binary behind when the build fails', async () => {
    await writeScript(
      path.join(pathDir, 'go'),
      ['echo "partial" > "$GOBIN/temporal"', 'echo "compile: out of memory" >&2', 'exit 2'].join('\n'),
    );

    const error = (await resolveTemporalCli({ ...noDownload, env, cacheDir }).catch((err: unknown) => err)) as TemporalCliError;
    expect(error).toBeInstanceOf(TemporalCliError);
    expect(error.message).toMatch(/go install: `go install .*` failed \(exit 2\) after \d+ s: compile: out of memory/);
    await expect(fs.stat(cachedCliPath(cacheDir))).rejects.toThrow();
    expect(await fs.readdir(path.join(cacheDir, 'temporal'))).toEqual([]);
  });
});
