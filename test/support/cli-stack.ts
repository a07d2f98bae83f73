/**
 * A test file's API stack (real API, dev server, worker, signed in as dana) and a recording HTTP
 * server, started before its tests and stopped after; `golive(...)` runs the CLI against it.
 */
import { startApiStack, testAuth, testTokens, type ApiStack } from './api-stack';
import { RecordingServer } from './recording-server';
import { runCli } from './run-cli';

export function useCliStack() {
  const ctx = {} as { stack: ApiStack; http: RecordingServer };
  beforeAll(async () => {
    ctx.stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
    ctx.http = await new RecordingServer().start();
  });
  afterAll(async () => {
    await ctx.stack?.stop();
    await ctx.http?.stop();
  });
  /** `golive <args> --api <the test API> --token <dana's>`, unless the args bring their own token. */
  const golive = (...args: string[]) => runCli(...args, '--api', ctx.stack.api.url, ...(args.includes('--token') ? [] : ['--token', testTokens.dana.token]));
  return { ctx, golive };
}
