/** The Express app: JSON and YAML bodies, /api/v1 routes behind bearer tokens, the console, errors. */
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import express, { type Express } from 'express';
import path from 'node:path';
import { authenticate, type Auth } from './auth';
import { CutoverOperations } from './cutover-operations';
import type { CutoverService } from './cutover-service';
import { errorHandler, notFoundRoute } from './errors';
import { codecRouter } from './routes/codec';
import { cutoversRouter } from './routes/cutovers';
import { healthRouter } from './routes/health';
import { operationsRouter } from './routes/operations';
import { plansRouter } from './routes/plans';
import { projectRoot } from '../workers/project-root';

export interface AppOptions {
  client: Client;
  cutovers: CutoverService;
  auth: Auth;
  operatorTimeoutMs?: number;
  /** The payload codecs of this API's client, served to the Temporal UI at /codec. */
  codecs: readonly PayloadCodec[];
  /** Temporal UI origins allowed to call /codec from a browser. */
  codecCorsOrigins?: readonly string[];
}

/** The console's static files live in the source tree (api/console), also when running from dist/. */
export const CONSOLE_DIR = path.join(projectRoot, 'api', 'console');

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Before the 2 MB JSON parser: the codec takes larger bodies (a big plan, base64-encoded).
  app.use(codecRouter({ codecs: options.codecs, auth: options.auth, corsOrigins: options.codecCorsOrigins ?? [] }));
  app.use(express.json({ limit: '2mb' }));
  app.use(express.text({ type: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], limit: '2mb' }));

  const operations = new CutoverOperations(options.client, options.operatorTimeoutMs);
  // Liveness and the console stay public; everything under /api/v1 needs a token.
  app.use(healthRouter(options.client));
  app.use('/api/v1', authenticate(options.auth), plansRouter(), cutoversRouter(options.cutovers, operations), operationsRouter(operations));
  app.use('/', express.static(CONSOLE_DIR));
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
