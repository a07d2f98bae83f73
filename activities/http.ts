/**
 * `http`: one HTTP request per attempt. Sends an Idempotency-Key header (stable across retries
 * and worker crashes) so the receiving system can refuse to apply the same change twice.
 * Only the plan's own (unresolved) URL is logged or returned: resolved secrets stay here.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { HttpRequest } from '../plan/schema';
import { resolveSecrets, resolveSecretsIn } from './secrets';
import { stepActivity, withHeartbeat } from './step-context';

/** Client errors that retrying cannot fix; 408, 425 and 429 are worth another attempt. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && ![408, 425, 429].includes(status);
}

function statusExpected(request: HttpRequest, status: number): boolean {
  const expected = request.expectStatus;
  if (expected === undefined) return status >= 200 && status < 300;
  return Array.isArray(expected) ? expected.includes(status) : expected === status;
}

function describeExpected(request: HttpRequest): string {
  const expected = request.expectStatus;
  if (expected === undefined) return '2xx';
  return Array.isArray(expected) ? expected.join(' or ') : String(expected);
}

/** A body that replaces the plan's own (a restored snapshot, a notice): sent as is, secrets left unresolved. */
export interface BodyOverride {
  text: string;
  contentType: string;
}

/** Without an idempotency key (plain reads) no Idempotency-Key header is sent. */
export function buildRequestInit(request: HttpRequest, idempotencyKey: string | undefined, signal?: AbortSignal, bodyOverride?: BodyOverride): RequestInit {
  const headers: Record<string, string> = idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = resolveSecrets(value);
  let body: string | undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    if (bodyOverride) {
      body = bodyOverride.text;
      headers['content-type'] ??= bodyOverride.contentType;
    } else if (request.body !== undefined) {
      body = typeof request.body === 'string' ? resolveSecrets(request.body) : JSON.stringify(resolveSecretsIn(request.body));
      headers['content-type'] ??= typeof request.body === 'string' ? 'text/plain' : 'application/json';
    }
  }
  return { method: request.method, headers, body, signal };
}

export async function sendRequest(
  request: HttpRequest,
  idempotencyKey: string | undefined,
  signal?: AbortSignal,
  bodyOverride?: BodyOverride,
): Promise<{ status: number; text: string }> {
  const response = await fetch(resolveSecrets(request.url), buildRequestInit(request, idempotencyKey, signal, bodyOverride));
  return { status: response.status, text: await response.text() };
}

/**
 * Sends the request and requires the expected status (default 2xx): otherwise an
 * `UnexpectedStatus` failure, non-retryable for permanent client errors. `line` is the
 * plan's (unresolved) method, URL and status, safe to log and return.
 */
export async function performRequest(
  request: HttpRequest,
  idempotencyKey: string | undefined,
  signal?: AbortSignal,
  bodyOverride?: BodyOverride,
): Promise<{ status: number; text: string; line: string }> {
  const { status, text } = await sendRequest(request, idempotencyKey, signal, bodyOverride);
  const line = `${request.method} ${request.url} -> ${status}`;
  if (!statusExpected(request, status)) {
    const message = `${line}, expected ${describeExpected(request)}`;
    throw isPermanent(status)
      ? ApplicationFailure.nonRetryable(message, 'UnexpectedStatus', { status })
      : ApplicationFailure.retryable(message, 'UnexpectedStatus', { status });
  }
  return { status, text, line };
}

/** An answer recorded for a baseline travels in the run's record: longer ones are left out (and say so). */
export const RECORDED_ANSWER_CHARS = 32_000;

/** `response`: the parsed JSON answer, or `responseOmitted`: why not (the scrubber removes secrets from either). */
function recordedAnswer(text: string): { response: unknown } | { responseOmitted: string } {
  if (text.length > RECORDED_ANSWER_CHARS) return { responseOmitted: `the answer is ${text.length} characters, more than the ${RECORDED_ANSWER_CHARS} recorded` };
  try {
    return { response: JSON.parse(text) as unknown };
  } catch {
    return { responseOmitted: 'the answer is not JSON' };
  }
}

export const http = stepActivity<HttpRequest>(async (input, log) => {
  const started = Date.now();
  const { status, line, text } = await withHeartbeat((signal) => performRequest(input.with, input.idempotencyKey, signal));
  const elapsedMs = Date.now() - started;
  log.info({ status, elapsedMs }, 'HTTP step done');
  return { summary: line, data: { status, elapsedMs, ...(input.recordAnswer ? recordedAnswer(text) : {}) } };
});
