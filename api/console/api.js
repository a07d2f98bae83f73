// The golive API as the console calls it: the token of this tab, JSON in and out, the API's own error message on refusal.

const TOKEN_KEY = 'golive-token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);

/** Signing in also sets the codec cookie, so the Temporal UI (same host, other port) can decode payloads. */
export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
  fetch('/codec/session', { method: 'POST', headers: { authorization: `Bearer ${value}` } }).catch(() => undefined);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** A refusal or failure, carrying the API's message (`{error: {code, message, details}}`). */
export class ApiRefusal extends Error {
  constructor(status, error) {
    const details = Array.isArray(error?.details) ? error.details.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ') : '';
    super(`${error?.message ?? `HTTP ${status}`}${details ? ` (${details})` : ''}`);
    this.status = status;
    this.code = error?.code;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = {};
  const current = token();
  if (current) headers.authorization = `Bearer ${current}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiRefusal(response.status, parsed?.error);
  return parsed;
}

export const cutoverPath = (id, rest = '') => `/cutovers/${encodeURIComponent(id)}${rest}`;
