/** The API process: a Temporal client plus the Express app on a port. */
import { Client, Connection } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { logger } from '../workers/logger';
import { connectionOptions, type TemporalConfig } from '../workers/temporal-config';
import { createApp } from './app';

export const DEFAULT_API_PORT = 4680;

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startApi(config: TemporalConfig, options: { port?: number; host?: string } = {}): Promise<ApiServer> {
  const connection = await Connection.connect(connectionOptions(config));
  const client = new Client({ connection, namespace: config.namespace });
  const app = createApp({ client, taskQueue: config.taskQueue });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? DEFAULT_API_PORT, host, (err?: Error) => (err ? reject(err) : resolve(listening)));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  logger.info({ url, namespace: config.namespace, taskQueue: config.taskQueue }, 'API listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => connection.close());
      return closing;
    },
  };
}
