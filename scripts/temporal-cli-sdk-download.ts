/**
 * Obtains the Temporal CLI through the Temporal SDK's own download (what @temporalio/testing does
 * for TestWorkflowEnvironment.createLocal), watched from a child process that is killed after 10 s
 * without download progress. Option (d) of the resolution order in scripts/temporal-cli.ts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { followLines, killOnExit, OutputTail } from './child-output';
import { terminateGroup } from './process-tree';
import { probeTemporalCli, type Obtained } from './temporal-cli-probe';

/** The SDK download is abandoned when nothing arrives for this long (offline, blackholed network). */
const SDK_DOWNLOAD_STALL_MS = 10_000;
const SDK_DOWNLOAD_MAX_MS = 5 * 60_000;
const SDK_DOWNLOAD_POLL_MS = 200;

/**
 * Lets @temporalio/testing download the CLI exactly as TestWorkflowEnvironment.createLocal
 * does (sdk-core fetches https://temporal.download/cli/default?…&sdk-version=…, writes
 * `<downloadDir>/temporal-sdk-typescript-<v>.downloading`, then renames it). The call runs in a
 * detached child process so a hung native download can be killed: the child is stopped as soon
 * as the binary appears, or when no bytes arrive for 10 s. The binary is then moved to `target`.
 */
export async function sdkDownload(
  cacheDir: string,
  target: string,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void,
): Promise<Obtained> {
  let testingModule: string;
  try {
    testingModule = require.resolve('@temporalio/testing');
  } catch {
    return { failure: '@temporalio/testing is not installed' };
  }
  const downloadDir = path.join(cacheDir, 'temporal', 'sdk-download');
  await fs.mkdir(downloadDir, { recursive: true });
  const script = [
    'const { TestWorkflowEnvironment } = require(process.argv[1]);',
    'TestWorkflowEnvironment.createLocal({ server: {',
    "  executable: { type: 'cached-download', downloadDir: process.argv[2] },",
    "  log: { format: 'json', level: 'error' } } })",
    '  .then(async (e) => { await e.teardown(); process.exit(0); },',
    '    (err) => { process.stderr.write(String((err && err.message) || err) + "\\n"); process.exit(3); });',
  ].join('\n');

  progress(`SDK download: asking @temporalio/testing to download the Temporal CLI into ${downloadDir}`);
  const started = Date.now();
  const child = spawn(process.execPath, ['-e', script, testingModule, downloadDir], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const removeHook = killOnExit(child);
  const tail = new OutputTail(5);
  followLines(child, (line) => tail.push(line.trim()));
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));

  let lastBytes = -1;
  let lastProgressAt = started;
  let lastReportAt = started;
  let failure: string | undefined;
  let downloaded: string | undefined;
  try {
    for (;;) {
      const entries = await fs.readdir(downloadDir).catch(() => [] as string[]);
      const done = entries.find((name) => name.startsWith('temporal') && !name.endsWith('.downloading'));
      if (done) {
        downloaded = path.join(downloadDir, done);
        break;
      }
      const exited = spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
      if (exited) {
        failure = spawnError?.message ?? (tail.text() || `download process exited with ${child.exitCode ?? child.signalCode}`);
        break;
      }
      const partial = entries.find((name) => name.endsWith('.downloading'));
      const bytes = partial ? ((await fs.stat(path.join(downloadDir, partial)).catch(() => undefined))?.size ?? 0) : -1;
      const now = Date.now();
      if (bytes > lastBytes) {
        lastBytes = bytes;
        lastProgressAt = now;
      }
      if (bytes >= 0 && now - lastReportAt >= 5_000) {
        progress(`SDK download: ${(bytes / 1e6).toFixed(1)} MB after ${Math.round((now - started) / 1000)} s`);
        lastReportAt = now;
      }
      if (now - lastProgressAt > SDK_DOWNLOAD_STALL_MS) {
        failure = `no download progress for ${SDK_DOWNLOAD_STALL_MS / 1000} s (network unreachable?)`;
        break;
      }
      if (now - started > SDK_DOWNLOAD_MAX_MS) {
        failure = `gave up after ${SDK_DOWNLOAD_MAX_MS / 60_000} min`;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, SDK_DOWNLOAD_POLL_MS));
    }
  } finally {
    // The SDK runtime traps SIGTERM for a graceful shutdown we do not need: SIGKILL follows quickly.
    await terminateGroup(child, { graceMs: 500, killWaitMs: 3_000 });
    removeHook();
  }

  if (downloaded === undefined) {
    // A partial file left by the killed child would make the next attempt wait on it.
    for (const name of await fs.readdir(downloadDir).catch(() => [] as string[])) {
      if (name.endsWith('.downloading')) await fs.rm(path.join(downloadDir, name), { force: true });
    }
    await fs.rmdir(downloadDir).catch(() => undefined); // only if empty
    const summary = (failure ?? 'unknown failure').replace(/\s+/g, ' ').slice(0, 600);
    progress(`SDK download: failed after ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
    return { failure: summary };
  }

  await fs.chmod(downloaded, 0o755);
  const probe = await probeTemporalCli(downloaded, env);
  if (!probe.ok) {
    await fs.rm(downloaded, { force: true });
    return { failure: `downloaded ${downloaded} but it ${probe.reason}` };
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.rename(downloaded, target);
  progress(`SDK download: saved ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { path: target, version: probe.version };
}
