/** POST /api/v1/plans/validate: 200 with the analysis, or 422 with every error and its path. */
import { Router } from 'express';
import { parseRequest } from '../errors';
import { contentLength } from '../body-limits';
import type { PlanValidator } from '../plan-validation';
import { validatePlanBody } from '../request-schemas';

export function plansRouter(validator: PlanValidator): Router {
  const router = Router();
  router.post('/plans/validate', async (req, res) => {
    // A raw YAML/text body arrives as a string; a JSON body wraps the plan in {plan}.
    const body = typeof req.body === 'string' ? { plan: req.body } : parseRequest(validatePlanBody, req.body ?? {}, 'request body');
    const { plan, analysis, params } = await validator.validate(body.plan, contentLength(req), body.params);
    res.json({ valid: true, name: plan.name, analysis, params });
  });
  return router;
}
