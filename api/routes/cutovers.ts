/** Cutover routes: start, list, status, history. Operator actions are in operations.ts. */
import { Router } from 'express';
import type { Plan } from '../../plan/schema';
import { hasRole } from '../../workflows/roles';
import { requestActor, type RequestActor } from '../auth';
import { ApiError, parseRequest } from '../errors';
import type { CutoverOperations } from '../cutover-operations';
import type { CutoverService } from '../cutover-service';
import { contentLength } from '../body-limits';
import type { PlanValidator } from '../plan-validation';
import type { RehearsalService } from '../rehearsal/rehearsal-service';
import { cutoverId, listQuery, startCutoverBody, statusQueryString } from '../request-schemas';

/** `<plan name>-<UTC yyyymmdd-hhmmss>`: readable in the Temporal UI and sortable. */
export function defaultCutoverId(planName: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${planName}-${stamp}`;
}

/** Only the plan's starters (`settings.starters`, default cutover-lead) start it: a plan's http steps run with the worker's secrets. */
function requireStarter(plan: Plan, actor: RequestActor): void {
  const { starters } = plan.settings;
  if (!hasRole(actor.roles, starters)) {
    throw new ApiError(403, 'role-not-allowed', `${actor.operator} (roles: ${actor.roles.join(', ') || 'none'}) may not start a cutover of plan ${plan.name}; starters: ${starters.join(', ')}`);
  }
}

export function cutoversRouter(service: CutoverService, operations: CutoverOperations, validator: PlanValidator, rehearsals: RehearsalService): Router {
  const router = Router();

  router.post('/cutovers', async (req, res) => {
    const body = parseRequest(startCutoverBody, req.body ?? {}, 'request body');
    const { plan, params } = await validator.validate(body.plan, contentLength(req), body.params);
    const actor = requestActor(res);
    requireStarter(plan, actor);
    await rehearsals.checkRequired(plan, body.mode, body.overrideRehearsal);
    const id = body.id ?? defaultCutoverId(plan.name, new Date());
    // Going ahead without the rehearsal the plan requires is on record: who, why.
    const overrides = plan.requireRehearsal && body.mode === 'live' && body.overrideRehearsal;
    const override = overrides ? { rehearsalOverride: { reason: body.overrideRehearsal!, operator: actor.operator, roles: actor.roles, source: actor.source } } : {};
    const started = await service.start(plan, id, body.mode, actor.operator, { params, comms: body.comms, timeScale: body.timeScale, ...override });
    res.status(201).location(`/api/v1/cutovers/${encodeURIComponent(id)}`).json(started);
  });

  /**
   * One page of cutovers: `pageSize` (1..1000, default 100; `limit` too), `cursor` → `{cutovers, nextCursor}`;
   * `state` (one or a comma list), `mode`, `plan` filter by golive's search attributes.
   */
  router.get('/cutovers', async (req, res) => {
    const { pageSize, cursor, filters } = parseRequest(listQuery, req.query, 'query');
    res.json(await service.list({ pageSize, cursor, filters }));
  });

  router.get('/cutovers/:id', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    const { view, ...options } = parseRequest(statusQueryString, req.query, 'query');
    if (view === 'summary') {
      res.json(await service.summary(id));
      return;
    }
    const doc = await service.status(id, options);
    // A live run of a rehearsed plan: how it stands against the last completed rehearsal.
    const forecast = await rehearsals.forecast(doc);
    res.json(forecast ? { ...doc, forecast } : doc);
  });

  /** One page of steps (`cursor`, `limit`), or those with given `id`s or `state`s. */
  router.get('/cutovers/:id/steps', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    const query = parseRequest(statusQueryString, req.query, 'query');
    const doc = await service.status(id, { cursor: query.cursor, limit: query.limit, ids: query.ids, states: query.states });
    res.json({ steps: doc.steps, stepsPage: doc.stepsPage ?? { total: doc.steps.length, offset: 0, returned: doc.steps.length, nextCursor: null }, stepCounts: doc.stepCounts });
  });

  router.get('/cutovers/:id/history', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    res.type('application/json').send(await operations.history(id));
  });

  return router;
}
