/** Cutover routes: start, list, status, history. Operator actions are in operations.ts. */
import { Router } from 'express';
import { requestActor } from '../auth';
import type { CutoverOperations } from '../cutover-operations';
import type { CutoverService } from '../cutover-service';
import { parseRequest } from '../errors';
import { planFromRequestValue } from '../plan-body';
import { cutoverId, listQuery, startCutoverBody } from '../request-schemas';

/** `<plan name>-<UTC yyyymmdd-hhmmss>`: readable in the Temporal UI and sortable. */
export function defaultCutoverId(planName: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${planName}-${stamp}`;
}

export function cutoversRouter(service: CutoverService, operations: CutoverOperations): Router {
  const router = Router();

  router.post('/cutovers', async (req, res) => {
    const body = parseRequest(startCutoverBody, req.body ?? {}, 'request body');
    const { plan } = planFromRequestValue(body.plan);
    const id = body.id ?? defaultCutoverId(plan.name, new Date());
    const started = await service.start(plan, id, body.mode, requestActor(res).operator);
    res.status(201).location(`/api/v1/cutovers/${encodeURIComponent(id)}`).json(started);
  });

  router.get('/cutovers', async (req, res) => {
    const { limit } = parseRequest(listQuery, req.query, 'query');
    res.json({ cutovers: await service.list(limit) });
  });

  router.get('/cutovers/:id', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    res.json(await service.status(id));
  });

  router.get('/cutovers/:id/history', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    res.type('application/json').send(await operations.history(id));
  });

  return router;
}
