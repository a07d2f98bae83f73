/** The scrubber: every form of a worker secret in outgoing text becomes `${secret:NAME}`. */
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MIN_SECRET_LENGTH, scrubText, scrubValue } from '../../activities/secret-scrub';
import { scrubFailure } from '../../activities/scrubbed-activities';

const env = { GOLIVE_SECRET_PW: 'p@ss:w0rd/"x"', GOLIVE_SECRET_TOKEN: 'tok-1234567890', GOLIVE_SECRET_TINY: 'abc', PATH: '/usr/bin' };

describe('scrubText', () => {
  it('replaces a secret in clear, every occurrence', () => {
    expect(scrubText('Bearer tok-1234567890 and again tok-1234567890', env)).toBe('Bearer ${secret:TOKEN} and again ${secret:TOKEN}');
  });

  it('replaces its URL-encoded forms (userinfo, component, form)', () => {
    const url = new URL('http://x');
    url.username = 'golive';
    url.password = env.GOLIVE_SECRET_PW;
    expect(scrubText(`${url.href} failed`, env)).toBe('http://golive:${secret:PW}@x/ failed');
    expect(scrubText(`?pw=${encodeURIComponent(env.GOLIVE_SECRET_PW)}`, env)).toBe('?pw=${secret:PW}');
    expect(scrubText(new URLSearchParams({ pw: 'a b tok-1234567890' }).toString(), env)).toBe('pw=a+b+${secret:TOKEN}');
  });

  it('replaces its JSON-escaped form (a secret quoted in a JSON log line or message)', () => {
    expect(scrubText(JSON.stringify({ value: env.GOLIVE_SECRET_PW }), env)).toBe('{"value":"${secret:PW}"}');
  });

  it('replaces its base64 forms, also inside a Basic credential whatever its alignment', () => {
    for (const user of ['u', 'us', 'use']) {
      const basic = Buffer.from(`${user}:${env.GOLIVE_SECRET_TOKEN}`).toString('base64');
      const scrubbed = scrubText(`Authorization: Basic ${basic}`, env);
      expect(scrubbed).toContain('${secret:TOKEN}');
      // What is left of the encoding cannot be decoded back to the secret.
      expect(Buffer.from(scrubbed.replace(/.*Basic /, '').replace('${secret:TOKEN}', ''), 'base64').toString()).not.toContain('1234567890');
    }
    expect(scrubText(Buffer.from(env.GOLIVE_SECRET_TOKEN).toString('base64url'), env)).toBe('${secret:TOKEN}');
  });

  it('replaces the longest secret first, in one pass (a replacement is never scrubbed again)', () => {
    const nested = { GOLIVE_SECRET_OUTER: 'secret-outer-value', GOLIVE_SECRET_INNER: 'secret', GOLIVE_SECRET_B: 'secret:OUTER' };
    expect(scrubText('secret-outer-value / secret', nested)).toBe('${secret:OUTER} / ${secret:INNER}');
  });

  it('is idempotent: a reference in the text is kept, even when a secret is part of it', () => {
    const named = { GOLIVE_SECRET_PASSWORD: 'PASSWORD', GOLIVE_SECRET_S: 'secret' };
    const once = scrubText('PASSWORD secret ${secret:OTHER}', named);
    expect(once).toBe('${secret:PASSWORD} ${secret:S} ${secret:OTHER}');
    expect(scrubText(once, named)).toBe(once);
  });

  it(`ignores values shorter than ${MIN_SECRET_LENGTH} characters and other variables`, () => {
    expect(scrubText('abc /usr/bin', env)).toBe('abc /usr/bin');
  });

  it('leaves text without secrets as it is', () => {
    expect(scrubText('GET https://cc.example/x -> 503', env)).toBe('GET https://cc.example/x -> 503');
    expect(scrubText('anything', {})).toBe('anything');
  });
});

describe('scrubValue', () => {
  it('scrubs strings in nested objects and arrays, keys included, and keeps the rest', () => {
    const value = { summary: 'tok-1234567890', data: { list: ['x', { 'tok-1234567890': 3 }], n: 1, ok: true, none: null } };
    expect(scrubValue(value, env)).toEqual({ summary: '${secret:TOKEN}', data: { list: ['x', { '${secret:TOKEN}': 3 }], n: 1, ok: true, none: null } });
  });

  it('survives cycles', () => {
    const cyclic: Record<string, unknown> = { text: 'tok-1234567890' };
    cyclic.self = cyclic;
    const scrubbed = scrubValue(cyclic, env) as Record<string, unknown>;
    expect(scrubbed.text).toBe('${secret:TOKEN}');
    expect(scrubbed.self).toBe(scrubbed);
  });
});

describe('scrubFailure', () => {
  it('rebuilds an ApplicationFailure with its message, stack, details and causes scrubbed, keeping type and retryability', () => {
    const cause = new TypeError('Request cannot be constructed from a URL that includes credentials: http://u:tok-1234567890@h/');
    const failure = ApplicationFailure.create({ message: 'cannot read tok-1234567890', type: 'ValueUnreadable', nonRetryable: true, details: [{ value: 'tok-1234567890', attempt: 2 }], cause });
    const scrubbed = scrubFailure(failure, env) as ApplicationFailure;
    expect(scrubbed).toBeInstanceOf(ApplicationFailure);
    expect(scrubbed).toMatchObject({ message: 'cannot read ${secret:TOKEN}', type: 'ValueUnreadable', nonRetryable: true, details: [{ value: '${secret:TOKEN}', attempt: 2 }] });
    expect(scrubbed.stack).toContain('cannot read ${secret:TOKEN}');
    expect(scrubbed.cause!.message).toBe('Request cannot be constructed from a URL that includes credentials: http://u:${secret:TOKEN}@h/');
    expect(JSON.stringify([scrubbed.stack, scrubbed.cause!.stack])).not.toContain('tok-1234567890');
  });

  it('turns any other error into an ApplicationFailure of the same name (as Temporal would), scrubbed', () => {
    const scrubbed = scrubFailure(new RangeError('bad tok-1234567890'), env) as ApplicationFailure;
    expect(scrubbed).toMatchObject({ message: 'bad ${secret:TOKEN}', type: 'RangeError', nonRetryable: false });
    expect(scrubbed.stack).not.toContain('tok-1234567890');
    expect(scrubFailure('thrown tok-1234567890', env)).toMatchObject({ message: 'thrown ${secret:TOKEN}', type: 'Error' });
  });

  it('lets a cancellation through untouched (the SDK must still see it as one)', () => {
    const cancelled = new CancelledFailure('CANCELLED');
    expect(scrubFailure(cancelled, env)).toBe(cancelled);
    const aborted = new DOMException('This operation was aborted', 'AbortError');
    expect(scrubFailure(aborted, env)).toBe(aborted);
  });
});
