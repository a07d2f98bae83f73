/** The Express app: JSON and YAML bodies (size-limited per route), /api/v1 routes behind bearer tokens, the console, errors. */
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import express, { type Express } from 'express';
import path from 'node:path';
import { authenticate, type Auth } from './auth';
import { bodyParsers, DEFAULT_MAX_PLAN_BYTES } from './body-limits';
import { CutoverOperations } from './cutover-operations';
import type { CutoverService } from './cutover-service';
import { errorHandler, notFoundRoute } from './errors';
import { codecRouter } from './routes/codec';
import { consoleViewsRouter } from './routes/console-views';
import { cutoversRouter } from './routes/cutovers';
import { eventsRouter } from './routes/events';
import { LiveStatusHub } from './live/status-hub';
import { healthRouter } from './routes/health';
import { operationsRouter } from './routes/operations';
import { openApiRouter } from './routes/openapi';
import { ApiMetrics } from './metrics/api-metrics';
import { metricsRouter } from './routes/metrics';
import { readinessRouter } from './routes/readiness';
import { PlanValidator } from './plan-validation';
import { plansRouter } from './routes/plans';
import { rehearsalsRouter } from './routes/rehearsals';
import { RehearsalService } from './rehearsal/rehearsal-service';
import { slackActionsRouter, type SlackActionsOptions } from './routes/slack-actions';
import { reportRouter } from './routes/report';
import { RunReports } from './report/report-source';
import { projectRoot } from '../workers/project-root';

export interface AppOptions {
  client: Client;
  cutovers: CutoverService;
  auth: Auth;
  operatorTimeoutMs?: number;
  /** Validates large plans off the event loop; the caller closes it (default: one the app never closes). */
  validator?: PlanValidator;
  /** Largest plan request body (GOLIVE_MAX_PLAN_BYTES); default 4 MiB. */
  maxPlanBytes?: number;
  /** The payload codecs of this API's client, served to the Temporal UI at /codec. */
  codecs: readonly PayloadCodec[];
  /** Temporal UI origins allowed to call /codec from a browser. */
  codecCorsOrigins?: readonly string[];
  /** The shared watchers behind GET /cutovers/:id/events (default: one over `cutovers`), and the SSE heartbeat interval. */
  liveStatus?: LiveStatusHub;
  heartbeatMs?: number;
  /** Slack interactive approvals: the signing secret (none: 503) and where response URLs may point. */
  slack?: Pick<SlackActionsOptions, 'signingSecret' | 'responseUrlPrefix'>;
}

/** The console's static files live in the source tree (api/console), also when running from dist/. */
export const CONSOLE_DIR = path.join(projectRoot, 'api', 'console');

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = new ApiMetrics(options.client);
  app.use(metrics.requestTimer());
  // The codec reads its own bodies (up to 8 MB: a big plan, base64-encoded), behind its own token check.
  app.use(codecRouter({ codecs: options.codecs, auth: options.auth, corsOrigins: options.codecCorsOrigins ?? [] }));

  const operations = new CutoverOperations(options.client, options.operatorTimeoutMs);
  const rehearsals = new RehearsalService(options.client, options.cutovers, operations);
  const validator = options.validator ?? new PlanValidator();
  // Liveness and the console stay public; everything under /api/v1 needs a token.
  app.use(healthRouter(options.client));
  app.use(openApiRouter(), readinessRouter(options.client, options.cutovers.taskQueue), metricsRouter(metrics));
  // Live status reads its token from the header or ?access_token= (EventSource), before the header-only check below.
  app.use('/api/v1', eventsRouter(options.liveStatus ?? new LiveStatusHub(options.cutovers), options.auth, options.heartbeatMs));
  // Bodies are read only after the token is checked, and only up to the route's limit.
  // Slack signs its requests instead of sending a token: its route verifies them itself.
  app.use(slackActionsRouter({ ...options.slack, auth: options.auth, operations }));
  const bodies = bodyParsers(options.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES);
  app.use('/api/v1', authenticate(options.auth), bodies, plansRouter(validator), cutoversRouter(options.cutovers, operations, validator, rehearsals), rehearsalsRouter(rehearsals), operationsRouter(operations), reportRouter(new RunReports(options.client, options.cutovers)));
  app.use('/api/v1', authenticate(options.auth), consoleViewsRouter(options.client));
  app.use('/', express.static(CONSOLE_DIR));
  app.use(notFoundRoute);
  app.use(errorHandler);
  return app;
}
