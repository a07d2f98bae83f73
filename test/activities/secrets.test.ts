/** resolveSecrets: `${secret:NAME}` from GOLIVE_SECRET_NAME, refusing what the scrubber could not recognise. */
import { ApplicationFailure } from '@temporalio/common';
import { resolveSecrets } from '../../activities/secrets';

const env = { GOLIVE_SECRET_TOKEN: 'tok-1234567890', GOLIVE_SECRET_PIN: '1234' };

it('substitutes every reference', () => {
  expect(resolveSecrets('Bearer ${secret:TOKEN} / ${secret:TOKEN}', env)).toBe('Bearer tok-1234567890 / tok-1234567890');
});

it.each([
  ['${secret:MISSING}', 'MissingSecret', 'GOLIVE_SECRET_MISSING'],
  ['${secret:PIN}', 'SecretTooShort', 'at least 6 characters'],
])('refuses %s with a non-retryable %s', (text, type, says) => {
  let thrown: unknown;
  try {
    resolveSecrets(text, env);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ApplicationFailure);
  expect(thrown).toMatchObject({ type, nonRetryable: true, message: expect.stringContaining(says) });
  expect((thrown as Error).message).not.toContain('1234');
});
