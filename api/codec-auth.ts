/**
 * Who may use the codec endpoint: the API's bearer tokens, sent as `Authorization: Bearer` or as
 * the `golive_codec` cookie the console sets on sign-in. The Temporal UI cannot send our bearer
 * token, but a browser sends cookies of 127.0.0.1 to every port of it, so the UI's codec calls
 * carry the operator's sign-in (with "include cross-origin credentials" on in the UI's codec
 * settings). An open API (no tokens) leaves the endpoint open too, like every other route.
 */
import type { CookieOptions, RequestHandler } from 'express';
import type { Auth } from './auth';
import { ApiError } from './errors';

export const CODEC_COOKIE = 'golive_codec';
/** HttpOnly: page scripts never read it; SameSite=Strict: another site's page never sends it; only /codec sees it. */
export const CODEC_COOKIE_OPTIONS: CookieOptions = { httpOnly: true, sameSite: 'strict', path: '/codec' };

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The request's token: the bearer header first, else the codec cookie. */
export function codecToken(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return bearer ? bearer[1] : cookie(cookieHeader, CODEC_COOKIE);
}

/** Middleware: 401 unless the request carries a known token (or the API is open). */
export function authenticateCodec(auth: Auth): RequestHandler {
  return (req, res, next) => {
    if (auth.open) return next();
    const token = codecToken(req.get('authorization'), req.get('cookie'));
    if (token && auth.identify(token)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="golive"');
    const why = token ? 'the token is not known' : `the codec needs an Authorization: Bearer <token> header or the ${CODEC_COOKIE} cookie (sign in to the console)`;
    next(new ApiError(401, 'unauthorized', why));
  };
}
