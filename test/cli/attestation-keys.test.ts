/**
 * `golive worker` and `golive api` run apart agree on who sent a message only through a shared
 * GOLIVE_ATTESTATION_KEYS: without it (or with a bad one) they stop at start-up, exit 2, rather
 * than refuse every operator message as forged in the middle of a cutover.
 */
import { runCli } from '../support/run-cli';

const saved = process.env.GOLIVE_ATTESTATION_KEYS;
afterEach(() => {
  process.env.GOLIVE_ATTESTATION_KEYS = saved;
});

test.each([['worker'], ['api', '--open']])('golive %s without GOLIVE_ATTESTATION_KEYS exits 2 and says how to set it', async (...argv) => {
  delete process.env.GOLIVE_ATTESTATION_KEYS;
  const run = await runCli(...argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/GOLIVE_ATTESTATION_KEYS is not set.*openssl rand -base64 32/);
});

test.each([['worker'], ['api', '--open']])('golive %s with a bad GOLIVE_ATTESTATION_KEYS exits 2 naming the variable', async (...argv) => {
  process.env.GOLIVE_ATTESTATION_KEYS = 'k1:c2hvcnQ=';
  const run = await runCli(...argv);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('GOLIVE_ATTESTATION_KEYS');
});
