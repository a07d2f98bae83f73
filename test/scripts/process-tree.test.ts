/** Free ports and process-group termination (what keeps dev servers from being orphaned). */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, freePorts } from '../../scripts/free-port';
import { isAlive, terminateGroup } from '../../scripts/process-tree';

async function waitForFile(file: string, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (text.trim()) return text.trim();
    if (Date.now() > deadline) throw new Error(`${file} not written in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('free ports', () => {
  it('hands out distinct ports that can be bound', async () => {
    const ports = await freePorts(4);
    expect(new Set(ports).size).toBe(4);
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('terminateGroup', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'golive-process-tree-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stops a polite process with SIGTERM', async () => {
    const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    expect(await terminateGroup(child)).toBe('terminated');
    expect(isAlive(child.pid as number)).toBe(false);
  });

  it('SIGKILLs a group that ignores SIGTERM, grandchildren included', async () => {
    const pidFile = path.join(dir, 'grandchild.pid');
    const child = spawn('sh', ['-c', `trap "" TERM; sleep 300 & echo $! > ${pidFile}; wait`], {
      detached: true,
      stdio: 'ignore',
    });
    const grandchild = Number(await waitForFile(pidFile));
    expect(isAlive(grandchild)).toBe(true);

    expect(await terminateGroup(child, { graceMs: 300 })).toBe('killed');
    expect(isAlive(child.pid as number)).toBe(false);
    expect(isAlive(grandchild)).toBe(false);
  });

  it('reports an already exited process', async () => {
    const child = spawn('true', [], { detached: true, stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await terminateGroup(child)).toBe('exited');
  });
});
