/** The CLI's HTTP client for the golive API (`--api`, or GOLIVE_API, default the local dev stack). */
import { ApiError } from '../api/errors';
import { DEFAULT_API_PORT } from '../api/server';

export function defaultApiUrl(): string {
  return process.env.GOLIVE_API ?? `http://127.0.0.1:${DEFAULT_API_PORT}`;
}


/** Calls the API; failures are the API's own ApiError (status 0: the API could not be reached). */
export async function callApi<T>(apiUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1${path}`, apiUrl), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'unreachable', `cannot reach the golive API at ${apiUrl} (${(err as Error).message}); is \`golive dev\` or \`golive api\` running?`);
  }
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: unknown } };
  if (!response.ok) {
    const error = payload.error ?? { code: 'http-error', message: `HTTP ${response.status}` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload as T;
}
