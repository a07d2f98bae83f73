/**
 * The simulated contact center's HTTP server, on a free port unless told one. A caller rings
 * every number every `callIntervalMs` (and after every change that affects a number), so dead air
 * and error paths are counted while they last.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { adminRoutes } from './admin-routes';
import { platformRoutes } from './platform-routes';
import { ContactCenter, type SimulatorOptions } from './simulator';

export interface ContactCenterServerOptions extends SimulatorOptions {
  port?: number;
  host?: string;
  /** How often every number gets a caller; 0 for none but those after changes. */
  callIntervalMs?: number;
  /** When set, the platform routes need `Authorization: Bearer <token>` (admin routes never do). */
  token?: string;
}

export interface ContactCenterServer {
  url: string;
  center: ContactCenter;
  close(): Promise<void>;
}

export async function startContactCenter(options: ContactCenterServerOptions = {}): Promise<ContactCenterServer> {
  const center = new ContactCenter(options);
  const app = express();
  app.use(adminRoutes(center));
  app.use(platformRoutes(center, options.token));
  app.use((_req, res) => res.status(404).json({ status: 404, code: 'not.found', message: 'no such route' }));
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const interval = options.callIntervalMs ?? 1000;
  const ticker = interval > 0 ? setInterval(() => center.org.placeCalls(), interval) : undefined;
  ticker?.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    center,
    close: () =>
      new Promise<void>((resolve) => {
        if (ticker) clearInterval(ticker);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
