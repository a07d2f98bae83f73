/** API errors: `{error: {code, message, details?}}` with an HTTP status; bad input never changes state. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { z } from 'zod';
import { zodIssuesToPlanErrors } from '../plan/errors';
import { logger } from '../workers/logger';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Parses a request part with a zod schema, or throws 422 listing every issue with its path. */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(422, 'invalid-request', `invalid ${where}`, zodIssuesToPlanErrors(result.error.issues, value));
  }
  return result.data;
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, 'not-found', `no route ${req.method} ${req.path}`));
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (err instanceof ApiError) {
    res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
    return;
  }
  // body-parser errors (malformed JSON, body too large) carry an HTTP status of their own.
  const status = (err as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (err as { type?: string }).type;
    const code = type === 'entity.parse.failed' ? 'invalid-json' : type === 'entity.too.large' ? 'payload-too-large' : 'bad-request';
    res.status(status).json({ error: { code, message: (err as Error).message } });
    return;
  }
  logger.error({ err, method: req.method, path: req.path }, 'API request failed');
  res.status(500).json({ error: { code: 'internal', message: 'internal error; see the API log' } });
};

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers too large: 431, a
 * malformed request: 400) still get the error envelope, then the connection closes.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return;
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = JSON.stringify({
    error: tooLarge ? { code: 'headers-too-large', message: 'the request headers are too large' } : { code: 'bad-request', message: 'the request is not valid HTTP' },
  });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/**
 * A request with an `Expect` header other than 100-continue: Node answers 417 itself, with an
 * empty body, unless the server listens for 'checkExpectation'. This answers it in the envelope.
 */
export function expectationFailedHandler(_req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'expectation-failed', message: 'the Expect header asks for something other than 100-continue' } });
  res.writeHead(417, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}
