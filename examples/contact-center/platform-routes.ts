/**
 * The platform API, shaped like Genesys Cloud's (`/api/v2/...`) and a subset of Amazon Connect's,
 * so that a plan written against the simulator can point at a real org by changing its params.
 * Errors answer Genesys's envelope `{status, code, message}`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { connectMetricData, genesysAggregates, parseInterval } from './analytics';
import { objectTypes, OrgError, type ObjectType, type OrgConfiguration, type Route } from './org';
import type { ContactCenter } from './simulator';

type Handler = (req: Request, res: Response) => unknown;

/** Runs a handler; an OrgError (or a bad request) answers in the platform's error envelope. */
const handle = (fn: Handler) => (req: Request, res: Response) => {
  try {
    const body = fn(req, res);
    if (!res.headersSent) res.json(body ?? {});
  } catch (error) {
    const status = error instanceof OrgError ? error.status : 400;
    const code = error instanceof OrgError ? error.code : 'bad.request';
    res.status(status).json({ status, code, message: (error as Error).message });
  }
};

function requireToken(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token || req.headers.authorization === `Bearer ${token}`) return next();
    res.status(401).json({ status: 401, code: 'authentication.required', message: 'a valid Bearer token is required' });
  };
}

const query = (req: Request, name: string): string => {
  const value = req.query[name];
  if (typeof value !== 'string' || !value) throw new Error(`query parameter ${name} is required`);
  return value;
};

function parseRoute(body: unknown): Route {
  const route = body as Partial<{ target: string; flowId: string }>;
  if (route?.target === 'legacy') return { target: 'legacy' };
  if (route?.target === 'flow' && typeof route.flowId === 'string') return { target: 'flow', flowId: route.flowId };
  throw new Error('body must be {"target": "legacy"} or {"target": "flow", "flowId": "<id>"}');
}

/** Epoch seconds (as the AWS SDKs send) or ISO-8601. */
function awsTime(value: unknown, name: string): number {
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error(`${name} must be epoch seconds or ISO-8601`);
  return ms;
}

export function platformRoutes(center: ContactCenter, token?: string): Router {
  const { org } = center;
  const router = express.Router();
  router.use(express.json({ limit: '10mb' }), requireToken(token));

  router.get('/api/v2/flows', handle((req) => {
    const type = typeof req.query.type === 'string' ? req.query.type.toUpperCase() : undefined;
    if (type && !objectTypes.includes(type as ObjectType)) throw new Error(`unknown type ${type}`);
    return { entities: org.list(type as ObjectType | undefined) };
  }));
  router.get('/api/v2/flows/:id', handle((req) => org.get(String(req.params.id))));
  router.post('/api/v2/flows/actions/publish', handle((req) => org.publish(query(req, 'flow'))));
  router.post('/api/v2/flows/actions/revert', handle((req) => org.revert(query(req, 'flow'))));
  // Data tables are loaded, not published: an import job makes the rows live.
  router.post('/api/v2/flows/datatables/:id/import/jobs', handle((req) => {
    const table = org.get(String(req.params.id));
    if (table.type !== 'DATATABLE') throw new OrgError(400, 'bad.request', `${table.id} is not a data table`);
    return { id: `import-${table.id}`, status: 'Succeeded', datatable: org.publish(table.id) };
  }));
  router.get('/api/v2/architect/dependencytracking/consumedresources', handle((req) => ({ entities: org.consumedResources(query(req, 'id')) })));

  router.get('/api/v2/telephony/numbers', handle(() => ({ entities: Object.entries(org.numberList()).map(([dnis, route]) => ({ dnis, route })) })));
  router.put('/api/v2/telephony/numbers/:dnis/route', handle((req) => {
    const dnis = String(req.params.dnis);
    org.routeOf(dnis); // 404 for an unknown number, before anything changes
    org.route(dnis, parseRoute(req.body));
    center.routingChanged();
    return { dnis, route: org.routeOf(dnis) };
  }));

  router.post('/api/v2/analytics/conversations/aggregates/query', handle((req) => {
    const body = req.body as { interval?: unknown; metrics?: unknown };
    const { start, end } = parseInterval(body.interval);
    const metrics = Array.isArray(body.metrics) ? body.metrics.filter((m): m is string => typeof m === 'string') : [];
    return genesysAggregates(String(body.interval), center.aggregate(start, end), metrics);
  }));

  router.get('/api/v2/configuration/export', handle(() => org.exportConfiguration()));
  router.post('/api/v2/configuration/import', handle((req) => {
    const configuration = req.body as OrgConfiguration;
    if (!Array.isArray(configuration?.objects) || typeof configuration.numbers !== 'object' || configuration.numbers === null) {
      throw new Error('body must be an export: {"objects": [...], "numbers": {...}}');
    }
    org.importConfiguration(configuration);
    center.routingChanged();
    return { imported: configuration.objects.length };
  }));

  // Amazon Connect: AssociatePhoneNumberContactFlow / Disassociate, GetMetricDataV2, contact flow state.
  router.put('/phone-number/:phoneNumberId/contact-flow', handle((req) => {
    const { ContactFlowId } = req.body as { ContactFlowId?: unknown };
    if (typeof ContactFlowId !== 'string') throw new Error('ContactFlowId is required');
    org.route(String(req.params.phoneNumberId), { target: 'flow', flowId: ContactFlowId });
    center.routingChanged();
    return {};
  }));
  router.delete('/phone-number/:phoneNumberId/contact-flow', handle((req) => {
    org.route(String(req.params.phoneNumberId), { target: 'legacy' });
    center.routingChanged();
    return {};
  }));
  router.post('/contact-flows/:instanceId/:contactFlowId/metadata', handle((req) => {
    const { ContactFlowState } = req.body as { ContactFlowState?: unknown };
    const id = String(req.params.contactFlowId);
    if (ContactFlowState === 'ACTIVE') return org.publish(id);
    if (ContactFlowState === 'ARCHIVED') return org.revert(id);
    throw new Error('ContactFlowState must be ACTIVE or ARCHIVED');
  }));
  router.post('/metrics/data', handle((req) => {
    const body = req.body as { StartTime?: unknown; EndTime?: unknown; Metrics?: { Name?: unknown }[] };
    const start = awsTime(body.StartTime, 'StartTime');
    const end = awsTime(body.EndTime, 'EndTime');
    const names = (body.Metrics ?? []).map((metric) => metric?.Name).filter((name): name is string => typeof name === 'string');
    return connectMetricData(center.aggregate(start, end), names);
  }));
  return router;
}
