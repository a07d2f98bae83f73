/**
 * Reads one number from a plan's value source: a static value, or a JSON HTTP endpoint (GET, or
 * POST with a body) and where in its answer the number is: a path (`data.results[0].metrics.aht`)
 * or an expression over paths (plan/metric-expression.ts). URL and body may template the
 * evaluation window. Shared by `check` steps and checkpoint metrics. Errors name the plan's
 * (unresolved) URL and path so an operator can act.
 */
import { ApplicationFailure } from '@temporalio/common';
import { describeReading, readAnswer } from '../plan/metric-expression';
import { fillWindow, hasPlaceholders, type MetricWindow } from '../plan/metric-window';
import type { HttpRequest, HttpValueSource, ValueSource } from '../plan/schema';
import { parseValuePath, type PathSegment } from '../plan/value-path';
import { asError } from './error-like';
import { performRequest } from './http';

/** `static` or `[POST ]<url> <path or value>`: where a value came from, for messages and summaries. */
export function describeSource(source: ValueSource): string {
  if (source.kind === 'static') return 'static';
  return `${source.method === 'POST' ? 'POST ' : ''}${source.url} ${describeReading(source)}`;
}

/** `a.b[0].c` → ['a', 'b', 0, 'c']; anything else is a plan error worth naming. */
export function parsePath(path: string): PathSegment[] {
  return parseValuePath(path);
}

/** The request the source makes, the window filled into its URL and body (secrets stay references: performRequest resolves them). */
export function sourceRequest(source: HttpValueSource, window?: MetricWindow): HttpRequest {
  const body = source.body === undefined ? undefined : typeof source.body === 'string' ? source.body : JSON.stringify(source.body);
  const templated = hasPlaceholders(source.url) || (body !== undefined && hasPlaceholders(body));
  if (templated && !window) throw ApplicationFailure.nonRetryable('the source templates the evaluation window, but no window was given', 'NoWindow');
  const fill = (text: string) => (window ? fillWindow(text, window) : text);
  const filledBody = body === undefined ? undefined : typeof source.body === 'string' ? fill(body) : (JSON.parse(fill(body)) as unknown);
  return { method: source.method ?? 'GET', url: fill(source.url), headers: source.headers, ...(filledBody === undefined ? {} : { body: filledBody }) };
}

async function readHttp(source: HttpValueSource, window: MetricWindow | undefined, signal?: AbortSignal): Promise<number> {
  // A read changes nothing, so it carries no idempotency key.
  const { text } = await performRequest(sourceRequest(source, window), undefined, signal);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error('response is not JSON');
  }
  return readAnswer(source, document);
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS error) is in its cause. */
function explain(err: Error | undefined, fallback: unknown): string {
  if (!err) return String(fallback);
  const cause = err instanceof ApplicationFailure ? undefined : asError(err.cause)?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}

/**
 * The number the source holds now (for `window`, when it templates one). Failures are
 * `ValueUnreadable` and keep the retryability of their cause (a missing secret or a 404 will
 * not heal; a 503, a half-written document or a division by zero may).
 */
export async function readValue(source: ValueSource, signal?: AbortSignal, window?: MetricWindow): Promise<number> {
  if (source.kind === 'static') return source.value;
  try {
    return await readHttp(source, window, signal);
  } catch (thrown) {
    const err = asError(thrown);
    const nonRetryable = err instanceof ApplicationFailure && err.nonRetryable === true;
    const message = `cannot read ${describeSource(source)}: ${explain(err, thrown)}`;
    throw ApplicationFailure.create({ message, type: 'ValueUnreadable', nonRetryable, cause: err });
  }
}
