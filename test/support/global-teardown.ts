/** jest globalTeardown: stops the dev server global-setup.ts started and removes its temp dir. */
import fs from 'node:fs/promises';
import type { GlobalTemporal } from './global-setup';
import { GLOBAL_HANDLE_KEY } from './temporal-env';

export default async function globalTeardown(): Promise<void> {
  const globals = globalThis as Record<string, unknown>;
  const handle = globals[GLOBAL_HANDLE_KEY] as GlobalTemporal | undefined;
  if (!handle) return;
  delete globals[GLOBAL_HANDLE_KEY];
  try {
    await handle.server.stop();
  } finally {
    await fs.rm(handle.dataDir, { recursive: true, force: true });
  }
}
