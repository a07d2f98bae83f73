/**
 * The codec endpoint for the Temporal UI (Temporal's remote codec protocol): `POST /codec/decode`
 * and `/codec/encode` take and answer `{payloads: [{metadata: {k: base64}, data: base64}]}` and
 * run the same codecs as the worker (compression, encryption), so the UI shows plans and outputs
 * that Temporal stores encrypted. `POST /codec/session` (bearer token) sets the sign-in cookie the
 * UI's calls carry; `DELETE` clears it. CORS answers only the configured UI origins. The UI's
 * X-Namespace header is not needed: one set of keys serves every namespace this API talks to.
 */
import type { PayloadCodec } from '@temporalio/common';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Auth } from '../auth';
import { authenticateCodec, CODEC_COOKIE, CODEC_COOKIE_OPTIONS, codecToken } from '../codec-auth';
import { payloadFromWire, payloadToWire } from '../codec-wire';
import { ApiError, parseRequest } from '../errors';

/** A large plan's payload, base64 of compressed and encrypted bytes, is well under this. */
const BODY_LIMIT = '8mb';
const MAX_PAYLOADS = 1000;

const wirePayloads = z
  .object({
    payloads: z
      .array(z.object({ metadata: z.record(z.string(), z.string()).optional(), data: z.string().optional() }))
      .max(MAX_PAYLOADS),
  })
  .passthrough();

/** CORS for the Temporal UI: its origin only, with credentials (the cookie), preflight answered here. */
function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && allowed.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}

export interface CodecRouteOptions {
  codecs: readonly PayloadCodec[];
  auth: Auth;
  /** Origins of the Temporal UI allowed to call from a browser, e.g. `http://127.0.0.1:8233`. */
  corsOrigins: readonly string[];
}

export function codecRouter(options: CodecRouteOptions): Router {
  const router = Router();
  const run = (direction: 'encode' | 'decode'): RequestHandler => async (req, res, next) => {
    try {
      const { payloads } = parseRequest(wirePayloads, req.body ?? {}, 'codec request');
      let current = payloads.map(payloadFromWire);
      // The worker's order: codecs encode first to last and decode last to first.
      const codecs = direction === 'encode' ? options.codecs : [...options.codecs].reverse();
      for (const codec of codecs) current = await codec[direction](current);
      res.json({ payloads: current.map(payloadToWire) });
    } catch (err) {
      next(err instanceof ApiError ? err : new ApiError(422, 'codec-failed', `cannot ${direction}: ${(err as Error).message}`));
    }
  };
  router.use('/codec', cors(options.corsOrigins), express.json({ limit: BODY_LIMIT }));
  router.post('/codec/session', authenticateCodec(options.auth), (req, res) => {
    const token = codecToken(req.get('authorization'), undefined);
    if (token) res.cookie(CODEC_COOKIE, token, CODEC_COOKIE_OPTIONS);
    res.status(204).end();
  });
  router.delete('/codec/session', (_req, res) => {
    res.clearCookie(CODEC_COOKIE, CODEC_COOKIE_OPTIONS).status(204).end();
  });
  router.post('/codec/decode', authenticateCodec(options.auth), run('decode'));
  router.post('/codec/encode', authenticateCodec(options.auth), run('encode'));
  return router;
}
