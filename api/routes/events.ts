/**
 * GET /api/v1/cutovers/:id/events: the status document as Server-Sent Events. `event: status` on
 * connect and whenever the document changes, `event: end` (the final document) once the cutover
 * ended, then the stream closes; `event: unavailable` (the error envelope) when the workflow did
 * not answer a read; `: heartbeat` comments in between. Same tokens as the status route, also as
 * `?access_token=` for EventSource, which cannot set headers (the API never logs URLs' query strings).
 */
import { Router, type RequestHandler } from 'express';
import { authenticate, type Auth } from '../auth';
import { parseRequest } from '../errors';
import type { LiveStatusHub } from '../live/status-hub';
import { SseStream } from '../live/sse-stream';
import { cutoverId, eventsQuery } from '../request-schemas';

/** Moves `?access_token=` into the Authorization header `authenticate` reads (a header, when sent, wins). */
const accessTokenFromQuery: RequestHandler = (req, _res, next) => {
  const token = req.query.access_token;
  if (typeof token === 'string' && token && !req.get('authorization')) req.headers.authorization = `Bearer ${token}`;
  next();
};

export function eventsRouter(hub: LiveStatusHub, auth: Auth, heartbeatMs?: number): Router {
  const router = Router();
  router.get('/cutovers/:id/events', accessTokenFromQuery, authenticate(auth), async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    parseRequest(eventsQuery, req.query, 'query');
    const stream = new SseStream(res, heartbeatMs);
    // Resolves once the first document went out; rejects (404, 503…) before any byte of the stream.
    await new Promise<void>((resolve, reject) => {
      let left = false;
      let unsubscribe = () => {
        left = true;
      };
      const leave = () => unsubscribe();
      const subscribed = hub.subscribe(id, {
        status: (doc) => {
          stream.send('status', doc);
          resolve();
        },
        end: (doc) => {
          stream.send('status', doc);
          stream.send('end', { id: doc.id, state: doc.state, endedAt: doc.endedAt });
          stream.close();
          leave();
          resolve();
        },
        unavailable: (error) => stream.opened && stream.send('unavailable', { error: { code: error.code, message: error.message } }),
        failed: (err) => {
          stream.close();
          reject(err);
        },
      });
      // An ended cutover may answer during subscribe(), before the unsubscribe exists.
      if (left) subscribed();
      else unsubscribe = subscribed;
      req.on('close', () => {
        stream.close();
        leave();
        resolve();
      });
    });
  });
  return router;
}
