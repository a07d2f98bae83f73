/**
 * Keeps worker secrets out of everything that leaves the worker (activity results and failures,
 * notices, log lines): every form of a secret value becomes `${secret:NAME}`, the reference a plan
 * would use. A secret is the value of any GOLIVE_SECRET_<NAME> variable on the worker now, not only
 * those an activity resolved: the scrubber needs no state shared with activities, and a server
 * echoing some other secret is caught too. Pure (no Temporal imports), so the logger can use it.
 */
import { secretsInEnv } from '../workers/settings';

/**
 * Shorter values are refused by resolveSecrets: replacing a 2-letter value everywhere would
 * mangle every text and, by where it replaced, tell the value anyway.
 */
export const MIN_SECRET_LENGTH = 6;

/** The base64 of a secret inside a longer encoding (a Basic credential) only shows whole 3-byte groups; shorter runs match by chance. */
const MIN_BASE64_CORE_CHARS = 8;

/** Where secrets are read from (workers/settings.ts secretsInEnv): the worker's environment, or a test's. */
export type SecretEnv = Record<string, string | undefined>;

interface Scrubber {
  pattern: RegExp;
  names: Map<string, string>;
}

/**
 * The runs of base64 characters that encode only bytes of `value`, for each of the three
 * alignments it can have inside a longer encoding, plus the value's own full encodings.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value);
  const forms = [bytes.toString('base64'), bytes.toString('base64url')];
  for (let skip = 0; skip < 3; skip += 1) {
    const whole = bytes.subarray(skip, skip + Math.floor((bytes.length - skip) / 3) * 3);
    if ((whole.length / 3) * 4 >= MIN_BASE64_CORE_CHARS) forms.push(whole.toString('base64'), whole.toString('base64url'));
  }
  return forms;
}

/** How a value may appear in text: in clear, JSON-escaped, percent-encoded (URL userinfo, component, form) and base64. */
export function secretForms(value: string): string[] {
  const url = new URL('http://host');
  url.password = value;
  const forms = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), url.password, new URLSearchParams({ v: value }).toString().slice(2), ...base64Forms(value)];
  return [...new Set(forms)];
}

/** GOLIVE_SECRET_* values long enough to scrub, by name (sorted, so the same value always gets the same name). */
function secretsOf(env: SecretEnv | undefined): [string, string][] {
  return secretsInEnv(env)
    .filter(([, value]) => value.length >= MIN_SECRET_LENGTH)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reference already in the text is matched first and kept, so scrubbing twice changes nothing. */
const REFERENCE = /\$\{secret:[A-Za-z0-9_]+\}/.source;

let cached: { key: string; scrubber: Scrubber | undefined } | undefined;

/** One alternation: references, then every form longest first (a longer secret wins over one it contains); rebuilt only when the secrets change. */
function scrubberFor(env: SecretEnv | undefined): Scrubber | undefined {
  const secrets = secretsOf(env);
  const key = JSON.stringify(secrets);
  if (cached?.key === key) return cached.scrubber;
  const names = new Map<string, string>();
  for (const [name, value] of secrets) for (const form of secretForms(value)) if (!names.has(form)) names.set(form, name);
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const scrubber = alternatives.length === 0 ? undefined : { pattern: new RegExp([REFERENCE, ...alternatives].join('|'), 'g'), names };
  cached = { key, scrubber };
  return scrubber;
}

function replaceForms(scrubber: Scrubber, text: string): string {
  return text.replace(scrubber.pattern, (match) => (scrubber.names.has(match) ? `\${secret:${scrubber.names.get(match)}}` : match));
}

/** `text` with every form of every secret replaced by `${secret:NAME}`, in one pass (a replacement is never matched again). */
export function scrubText(text: string, env?: SecretEnv): string {
  const scrubber = scrubberFor(env);
  return scrubber ? replaceForms(scrubber, text) : text;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of JSON-like data (strings, arrays, plain objects: keys and values) with every string
 * scrubbed; anything else (numbers, class instances) as it is. Errors go through scrubFailure.
 */
export function scrubValue<T>(value: T, env?: SecretEnv): T {
  const scrubber = scrubberFor(env);
  if (!scrubber) return value;
  const copies = new WeakMap<object, unknown>();
  const walk = (current: unknown): unknown => {
    if (typeof current === 'string') return replaceForms(scrubber, current);
    if (typeof current !== 'object' || current === null) return current;
    if (copies.has(current)) return copies.get(current);
    if (Array.isArray(current)) {
      const copy: unknown[] = [];
      copies.set(current, copy);
      for (const item of current) copy.push(walk(item));
      return copy;
    }
    if (!isPlainObject(current)) return current;
    const copy: Record<string, unknown> = {};
    copies.set(current, copy);
    for (const [key, item] of Object.entries(current)) copy[replaceForms(scrubber, key)] = walk(item);
    return copy;
  };
  return walk(value) as T;
}
