/** Calling the golive API over real HTTP from tests, and polling it with a deadline. */

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface CallOptions {
  /** Bearer token; null sends none. */
  token?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

export type ApiCall = (method: string, path: string, body?: unknown, options?: CallOptions) => Promise<ApiResponse>;

/** A caller for the API at `baseUrl`, sending `defaultToken` unless a call says otherwise. */
export function apiCaller(baseUrl: string, defaultToken?: string): ApiCall {
  return async (method, path, body, options = {}) => {
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** Probes until `done` holds; fails with the last value after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
