/**
 * Reads one number from a plan's value source: a static value, or a JSON HTTP endpoint and a
 * dotted path into its response (`data.results[0].metrics.aht`). Shared by `check` steps and
 * checkpoint metrics. Errors name the plan's (unresolved) URL and path so an operator can act.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ValueSource } from '../plan/schema';
import { asError } from './error-like';
import { performRequest } from './http';

type PathSegment = string | number;

/** `static` or `<url> <path>`: where a value came from, for messages and summaries. */
export function describeSource(source: ValueSource): string {
  return source.kind === 'static' ? 'static' : `${source.url} ${source.path}`;
}

/** `a.b[0].c` → ['a', 'b', 0, 'c']; anything else is a plan error worth naming. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const token = /(?:^|\.)([^.[\]]+)|\[(\d+)\]/y;
  while (token.lastIndex < path.length) {
    const start = token.lastIndex;
    const match = token.exec(path);
    if (!match || (start === 0 && path.startsWith('.'))) throw new Error(`bad path "${path}" at character ${start + 1}`);
    segments.push(match[2] === undefined ? match[1] : Number(match[2]));
  }
  return segments;
}

function follow(document: unknown, segments: PathSegment[]): unknown {
  let current = document;
  for (const [index, segment] of segments.entries()) {
    const container = current as Record<PathSegment, unknown> | null;
    const fits = typeof segment === 'number' ? Array.isArray(container) : typeof container === 'object' && container !== null && !Array.isArray(container);
    if (!fits || !Object.hasOwn(container as object, segment)) {
      throw new Error(`nothing at ${describePrefix(segments.slice(0, index + 1))}`);
    }
    current = container![segment];
  }
  return current;
}

function describePrefix(segments: PathSegment[]): string {
  return segments.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** A finite number, or a string holding one ("0.08"); never booleans, null or empty strings. */
function asNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new Error(`not a finite number: ${JSON.stringify(value)?.slice(0, 80)}`);
  return number;
}

async function readHttp(source: Extract<ValueSource, { kind: 'http' }>, signal?: AbortSignal): Promise<number> {
  // A read changes nothing, so it carries no idempotency key.
  const { text } = await performRequest({ method: 'GET', url: source.url, headers: source.headers }, undefined, signal);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error('response is not JSON');
  }
  return asNumber(follow(document, parsePath(source.path)));
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS error) is in its cause. */
function explain(err: Error | undefined, fallback: unknown): string {
  if (!err) return String(fallback);
  const cause = err instanceof ApplicationFailure ? undefined : asError(err.cause)?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}

/**
 * The number the source holds now. Failures are `ValueUnreadable` and keep the retryability of
 * their cause (a missing secret or a 404 will not heal; a 503 or a half-written document may).
 */
export async function readValue(source: ValueSource, signal?: AbortSignal): Promise<number> {
  if (source.kind === 'static') return source.value;
  try {
    return await readHttp(source, signal);
  } catch (thrown) {
    const err = asError(thrown);
    const nonRetryable = err instanceof ApplicationFailure && err.nonRetryable === true;
    const message = `cannot read ${describeSource(source)}: ${explain(err, thrown)}`;
    throw ApplicationFailure.create({ message, type: 'ValueUnreadable', nonRetryable, cause: err });
  }
}
