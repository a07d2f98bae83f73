/** GET /healthz: the API process is alive; says whether Temporal answers too. */
import type { Client } from '@temporalio/client';
import { Router } from 'express';

export function healthRouter(client: Client): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let temporal = 'up';
    try {
      await client.workflowService.getSystemInfo({});
    } catch {
      temporal = 'down';
    }
    res.json({ status: 'ok', temporal });
  });
  return router;
}
