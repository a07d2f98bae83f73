/**
 * Read-only views the console needs beside the status document: who the token is (to offer only
 * the actions its roles allow; the workflow still decides) and the plan's dependency graph.
 */
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { requestActor } from '../auth';
import { parseRequest } from '../errors';
import { cutoverId } from '../request-schemas';
import { planGraphView } from '../views/plan-graph-view';
import { readStartInput } from '../views/start-input';

/** GET /me. */
export const whoAmI = z.object({ operator: z.string(), roles: z.array(z.string()) });

export function consoleViewsRouter(client: Client): Router {
  const router = Router();

  /** `{operator, roles}` of the bearer token (`roles: ["*"]` on an open API). */
  router.get('/me', (_req, res) => {
    const { operator, roles } = requestActor(res);
    res.json({ operator, roles } satisfies z.infer<typeof whoAmI>);
  });

  /** `{phases: [{id, title, waves}], criticalPath: {steps, estimateMs}, steps: {<id>: {estimateMs, notes, instructions, evidenceRequired}}}`. */
  router.get('/cutovers/:id/graph', async (req, res) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    const { plan } = await readStartInput(client, id);
    res.json(planGraphView(plan));
  });

  return router;
}
