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
    const value = typeof req.body === 'string' ? req.body : parseRequest(validatePlanBody, req.body ?? {}, 'request body').plan;
    const { plan, analysis } = await validator.validate(value, contentLength(req));
    res.json({ valid: true, name: plan.name, analysis });
  });
  return router;
}
