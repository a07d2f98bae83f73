/** `golive worker` and `golive api` refuse to send payloads to Temporal in clear unless told so, and name a bad GOLIVE_CODEC_KEYS. */
import { runCli } from '../support/run-cli';

const saved = process.env.GOLIVE_CODEC_KEYS;
afterEach(() => {
  process.env.GOLIVE_CODEC_KEYS = saved;
});

test.each([['worker'], ['api', '--open']])('golive %s without GOLIVE_CODEC_KEYS exits 2 and says how to set it or opt out', async (...argv) => {
  delete process.env.GOLIVE_CODEC_KEYS;
  const run = await runCli(...argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/GOLIVE_CODEC_KEYS is not set.*openssl rand -base64 32.*--plaintext-payloads/);
});

test.each([['worker'], ['api', '--open']])('golive %s with a bad GOLIVE_CODEC_KEYS exits 2 naming the variable and the entry', async (...argv) => {
  process.env.GOLIVE_CODEC_KEYS = 'k1:c2hvcnQ=';
  const run = await runCli(...argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('GOLIVE_CODEC_KEYS: entry 1 ("k1"): the key must be 32 bytes');
});
