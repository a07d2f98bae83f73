/**
 * A real HTTP server for tests that stands in for the systems a cutover touches. Every request
 * is recorded with start/end times; a route can answer with a status and a body after a delay,
 * fail the first N calls, and honours Idempotency-Key (a repeated key is answered, not applied again).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RouteBehaviour {
  status?: number;
  delayMs?: number;
  /** Answer 503 to the first N requests of this route. */
  failFirst?: number;
  /** The response body: a string as is, anything else as JSON. Default: `{path, call, applied}`. */
  body?: unknown;
  /** Answer `{headers}`, the request's own headers, as a server that reflects what it was sent. */
  echoHeaders?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The query string, decoded (`until=2026-…`), "" when none. */
  query: string;
  headers: IncomingMessage['headers'];
  body: string;
  startedAt: number;
  endedAt: number;
  status: number;
  /** false when the idempotency key was seen before and the change was not applied again. */
  applied: boolean;
}

export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, RouteBehaviour>();
  private readonly calls = new Map<string, number>();
  private readonly appliedKeys = new Set<string>();
  /** Requests received and not yet answered. */
  inFlight = 0;
  maxInFlight = 0;
  private server?: Server;
  url = '';

  route(path: string, behaviour: RouteBehaviour): this {
    this.routes.set(path, behaviour);
    return this;
  }

  /** Requests whose change was applied (first use of their idempotency key), per path. */
  appliedCount(path: string): number {
    return this.requests.filter((r) => r.path === path && r.applied && r.status < 300).length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const startedAt = Date.now();
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const { pathname: path, search } = new URL(req.url ?? '/', 'http://x');
        const behaviour = this.routes.get(path) ?? {};
        const call = (this.calls.get(path) ?? 0) + 1;
        this.calls.set(path, call);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        setTimeout(() => {
          this.inFlight -= 1;
          const status = call <= (behaviour.failFirst ?? 0) ? 503 : (behaviour.status ?? 200);
          const key = req.headers['idempotency-key'];
          const applied = typeof key !== 'string' || !this.appliedKeys.has(key);
          if (typeof key === 'string' && status < 300) this.appliedKeys.add(key);
          this.requests.push({ method: req.method ?? 'GET', path, query: decodeURIComponent(search.slice(1)), headers: req.headers, body: Buffer.concat(chunks).toString(), startedAt, endedAt: Date.now(), status, applied });
          const body = behaviour.echoHeaders ? { headers: req.headers } : (behaviour.body ?? { path, call, applied });
          res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
        }, behaviour.delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
