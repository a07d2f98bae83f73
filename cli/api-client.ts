/**
 * The CLI's HTTP client for the golive API: `--api` (or GOLIVE_API, default the local dev stack)
 * and `--token` (or GOLIVE_TOKEN). Requests say they come from the CLI, for the audit log.
 */
import type { Command } from 'commander';
import { ApiError } from '../api/errors';
import { DEFAULT_API_PORT } from '../api/server';
import { EXIT_INVALID, EXIT_USAGE, out } from './io';

export interface ApiTarget {
  api: string;
  token?: string;
}

export function defaultApiUrl(): string {
  return process.env.GOLIVE_API ?? `http://127.0.0.1:${DEFAULT_API_PORT}`;
}

/** Adds --api and --token; the token's default is read at call time so --help never shows it. */
export function withApiOptions(command: Command): Command {
  return command
    .option('--api <url>', 'golive API base URL (or GOLIVE_API)', defaultApiUrl())
    .option('--token <token>', 'bearer token for the API (or GOLIVE_TOKEN)');
}

/** Sends one request to the API; a failure is the API's own ApiError (status 0: the API could not be reached). */
async function send(target: ApiTarget, method: string, path: string, body?: unknown): Promise<Response> {
  const token = target.token ?? process.env.GOLIVE_TOKEN;
  const headers: Record<string, string> = { 'x-golive-source': 'cli' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1${path}`, target.api), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, 'unreachable', `cannot reach the golive API at ${target.api} (${(err as Error).message}); is \`golive dev\` or \`golive api\` running?`);
  }
  if (!response.ok) throw apiErrorOf(response.status, await response.json().catch(() => ({})));
  return response;
}

/** The API's error envelope as an ApiError (a bare `HTTP <status>` when the body has none). */
export function apiErrorOf(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code: string; message: string; details?: unknown } } | null)?.error ?? { code: 'http-error', message: `HTTP ${status}` };
  return new ApiError(status, error.code, error.message, error.details);
}

/** Calls the API for JSON; failures are the API's own ApiError (status 0: the API could not be reached). */
export async function callApi<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(target, method, path, body);
  return (await response.json().catch(() => ({}))) as T;
}

/** GETs a text document from the API (a report in Markdown or HTML). */
export async function fetchApiText(target: ApiTarget, path: string): Promise<string> {
  return (await send(target, 'GET', path)).text();
}

/** `code: message` on stderr (and each detail); exit 1, or 2 when the API could not be reached. */
export function reportApiError(err: unknown): void {
  if (!(err instanceof ApiError)) throw err;
  process.stderr.write(`${err.code}: ${err.message}\n`);
  if (Array.isArray(err.details)) {
    for (const detail of err.details as Array<{ path?: string; message?: string; code?: string }>) {
      process.stderr.write(`  ${detail.path || '(root)'}: ${detail.message} [${detail.code}]\n`);
    }
  }
  process.exitCode = err.status === 0 ? EXIT_USAGE : EXIT_INVALID;
}

/** Runs one API interaction and prints its result (when it has one), or reports its error. */
export async function withApi(target: ApiTarget, work: (target: ApiTarget) => Promise<string | undefined>): Promise<void> {
  try {
    const result = await work(target);
    if (result !== undefined) out(result);
  } catch (err) {
    reportApiError(err);
  }
}
