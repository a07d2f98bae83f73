/**
 * `http`: one HTTP request per attempt. Sends an Idempotency-Key header (stable across retries
 * and worker crashes) so the receiving system can refuse to apply the same change twice.
 * Only the plan's own (unresolved) URL is logged or returned: resolved secrets stay here.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { HttpRequest } from '../plan/schema';
import { resolveSecrets } from './secrets';
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

export function buildRequestInit(request: HttpRequest, idempotencyKey: string, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = resolveSecrets(value);
  let body: string | undefined;
  if (request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
    body = typeof request.body === 'string' ? resolveSecrets(request.body) : resolveSecrets(JSON.stringify(request.body));
    headers['content-type'] ??= typeof request.body === 'string' ? 'text/plain' : 'application/json';
  }
  return { method: request.method, headers, body, signal };
}

export async function sendRequest(request: HttpRequest, idempotencyKey: string, signal: AbortSignal): Promise<{ status: number; text: string }> {
  const response = await fetch(resolveSecrets(request.url), buildRequestInit(request, idempotencyKey, signal));
  return { status: response.status, text: await response.text() };
}

export const http = stepActivity<HttpRequest>(async (input, log) => {
  const request = input.with;
  const started = Date.now();
  const { status } = await withHeartbeat((signal) => sendRequest(request, input.idempotencyKey, signal));
  const elapsedMs = Date.now() - started;
  const line = `${request.method} ${request.url} -> ${status}`;
  if (!statusExpected(request, status)) {
    const message = `${line}, expected ${describeExpected(request)}`;
    throw isPermanent(status)
      ? ApplicationFailure.nonRetryable(message, 'UnexpectedStatus', { status })
      : ApplicationFailure.retryable(message, 'UnexpectedStatus', { status });
  }
  log.info({ status, elapsedMs }, 'HTTP step done');
  return { summary: line, data: { status, elapsedMs } };
});
