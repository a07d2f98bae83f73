/**
 * Hostile inputs for the property-based suites, shared by the plan and the API suites: strings an
 * attacker or a typo would send (prototype keys, path tricks, percent signs, unicode, very long),
 * and JSON-ish values around them.
 */
import fc from 'fast-check';

/** Names that mean something to JavaScript objects, URLs or paths. */
export const trickyNames = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '..',
  '.',
  '%',
  '%2e%2e',
  '%00',
  '%zz',
  'a/b',
  '../../etc/passwd',
  '*',
  ' ',
  '\t',
  '\u0000',
  'NaN',
  '-1',
  '1e309',
  'null',
  'undefined',
  'ISS-0',
  'ISS-999999999999999999999',
  '💥',
  'e\u0301',
  '\u202e',
  '\ud800',
] as const;

/** Any string, biased towards the tricky ones, full unicode (lone surrogates included) and the very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...trickyNames) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'x', '\u00e9').chain((c) => fc.integer({ min: 101, max: 12_000 }).map((n) => c.repeat(n))) },
);

/** Numbers JSON cannot say and JavaScript mishandles, next to ordinary ones. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer(),
  fc.double(),
);

/** A plain object that may own `__proto__` and other tricky keys, as JSON.parse would build it. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const hostileKey = fc.oneof(fc.constantFrom(...trickyNames), fc.string({ maxLength: 8 }));

/** JSON-ish values (what YAML or JSON can carry, plus undefined and non-finite numbers), keys included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(ownObject),
  ),
})).value;
