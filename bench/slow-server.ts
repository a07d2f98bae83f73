/**
 * A local HTTP endpoint for http steps: records every request; holds the first request to each
 * /slow/* path for `delayMs` and answers every other request at once (a retry of a change it
 * already took, recognised by its path and Idempotency-Key, as an idempotent service would).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  path: string;
  at: number;
  idempotencyKey: string | undefined;
}

export interface SlowServer {
  url: string;
  arrivals: Arrival[];
  close(): Promise<void>;
}

export async function startSlowServer(delayMs: number): Promise<SlowServer> {
  const arrivals: Arrival[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const arrival = { path: req.url ?? '', at: Date.now(), idempotencyKey: req.headers['idempotency-key'] as string | undefined };
    const seen = arrivals.some((a) => a.path === arrival.path && a.idempotencyKey === arrival.idempotencyKey);
    arrivals.push(arrival);
    req.resume();
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (!arrival.path.startsWith('/slow/') || seen) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
