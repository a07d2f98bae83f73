/**
 * One `golive cluster up` at a time per cluster dir: `<dir>/run/up.lock` holds the pid of the `up`
 * at work. A second `up` meanwhile is refused naming it; a lock whose process is gone (a killed
 * `up`) is taken over. `down` takes no lock: it must be able to stop an `up` that hangs.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isAlive } from '../process-tree';
import { ClusterError } from './readiness';

const lockFile = (dir: string): string => path.join(dir, 'run', 'up.lock');

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function withUpLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const file = lockFile(dir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fs.writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const pid = holder(file);
      if (pid !== undefined) throw new ClusterError(`another golive cluster up (pid ${pid}) is starting ${dir}; wait for it, or stop it`);
      await fs.rm(file, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(file, { force: true });
  }
}
