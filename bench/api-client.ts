/** Calls to the golive HTTP API, timed. */
import type { Stack } from './stack';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

export async function api<T = unknown>(stack: Stack, method: 'GET' | 'POST', route: string, options: { body?: unknown; token?: string; timeoutMs?: number } = {}): Promise<ApiAnswer<T>> {
  const started = performance.now();
  const response = await fetch(`${stack.api.url}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? stack.leadToken}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, ms };
}

/** The error message of an API error answer, or the status. */
export function apiError(answer: ApiAnswer): string {
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return error ? `${answer.status} ${error.code}: ${error.message}` : `HTTP ${answer.status}`;
}

/** The parts of the status document the bench reads. */
export interface StatusView {
  state: string;
  gates?: { id: string; kind: string; state: string }[];
}
