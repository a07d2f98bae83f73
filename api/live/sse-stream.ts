/**
 * A Server-Sent Events response: headers on the first event (so a request refused before any event
 * still gets the JSON error envelope), `event:` + `data:` messages, comment heartbeats that keep
 * proxies and load balancers from closing an idle stream.
 */
import type { Response } from 'express';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export class SseStream {
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly res: Response,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
  ) {}

  get opened(): boolean {
    return this.res.headersSent;
  }

  send(event: string, data: unknown): void {
    if (this.closed) return;
    this.open();
    this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    if (this.res.headersSent) this.res.end();
  }

  private open(): void {
    if (this.res.headersSent) return;
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
      // The URL may carry ?access_token=: never hand it to another site.
      'referrer-policy': 'no-referrer',
    });
    this.res.flushHeaders();
    this.heartbeat = setInterval(() => this.res.write(': heartbeat\n\n'), this.heartbeatMs);
    this.heartbeat.unref();
  }
}
