/**
 * The simulator's own routes, for tests and the demo (no real platform has them): the event log,
 * calls by outcome, placing calls now, degrading the traffic, the health numbers neither platform
 * aggregates (trunk errors, agent login failures), publish validation, and reset.
 */
import express, { type Request, type Response, type Router } from 'express';
import { healthNumbers, parseInterval, parsePeriod } from './analytics';
import type { ContactCenter } from './simulator';
import { trafficSettings } from './traffic';

function respond(res: Response, fn: () => unknown): void {
  try {
    res.json(fn() ?? {});
  } catch (error) {
    res.status(400).json({ status: 400, code: 'bad.request', message: (error as Error).message });
  }
}

const since = (req: Request) => Number.parseInt(String(req.query.since ?? '0'), 10) || 0;

export function adminRoutes(center: ContactCenter): Router {
  const { org } = center;
  const router = express.Router();
  router.use(express.json());
  router.get('/admin/events', (req, res) => respond(res, () => ({ events: org.events(since(req)) })));
  router.get('/admin/calls', (req, res) => respond(res, () => org.callCounts(since(req))));
  // {test: true, flows?: [ids]}: the smoke test's calls on each flow's test number, not the live numbers.
  router.post('/admin/calls', (req, res) =>
    respond(res, () => {
      const body = (req.body ?? {}) as { test?: unknown; flows?: unknown };
      if (body.test !== true) return { calls: org.placeCalls() };
      if (body.flows !== undefined && !(Array.isArray(body.flows) && body.flows.every((id) => typeof id === 'string'))) throw new Error('flows must be a list of flow ids');
      return { calls: org.placeTestCalls(body.flows as string[] | undefined) };
    }),
  );
  router.get('/admin/configuration', (_req, res) => respond(res, () => org.configuration()));
  router.get('/admin/traffic', (_req, res) => respond(res, () => ({ ...center.traffic.current })));
  router.post('/admin/traffic', (req, res) =>
    respond(res, () => {
      const parsed = trafficSettings.partial().safeParse(req.body);
      if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      return center.degrade(parsed.data);
    }),
  );
  router.post('/admin/settings', (req, res) =>
    respond(res, () => {
      const mode = (req.body as { publishValidation?: unknown }).publishValidation;
      if (mode !== 'strict' && mode !== 'lenient') throw new Error('publishValidation must be strict or lenient');
      org.publishValidation = mode;
      return { publishValidation: mode };
    }),
  );
  router.post('/admin/reset', (_req, res) => respond(res, () => (center.reset(), { reset: true })));
  // Trunk errors and agent login failures: a real org reads them from its edge / CloudWatch metrics.
  router.post('/simulator/health/query', (req, res) =>
    respond(res, () => {
      const { start, end } = parseInterval((req.body as { interval?: unknown }).interval);
      return healthNumbers(center.aggregate(start, end));
    }),
  );
  // The legacy platform's reporting (PureConnect in the source runbook): the baseline a go-live is
  // judged against. It reports the seeded healthy traffic, whatever happens to the new platform.
  // `{interval: "start/end"}`, or `{period: "PT4H"}`: the last four (simulated) hours.
  router.post('/legacy/analytics/query', (req, res) =>
    respond(res, () => {
      const body = req.body as { interval?: unknown; period?: unknown };
      const { start, end } = body.period !== undefined ? center.lastPeriod(parsePeriod(body.period)) : parseInterval(body.interval);
      const totals = center.legacyAggregate(start, end);
      return { interval: `${new Date(start).toISOString()}/${new Date(end).toISOString()}`, ...healthNumbers(totals), aht: totals.answered ? totals.handleSeconds / totals.answered : 0, serviceLevel: totals.answered ? totals.serviceLevelMet / totals.answered : 0 };
    }),
  );
  return router;
}
