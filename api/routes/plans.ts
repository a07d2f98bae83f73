/** POST /api/v1/plans/validate: 200 with the analysis, or 422 with every error and its path. */
import { Router } from 'express';
import { parseRequest } from '../errors';
import { planFromRequestValue } from '../plan-body';
import { validatePlanBody } from '../request-schemas';

export function plansRouter(): Router {
  const router = Router();
  router.post('/plans/validate', (req, res) => {
    // A raw YAML/text body arrives as a string; a JSON body wraps the plan in {plan}.
    const value = typeof req.body === 'string' ? req.body : parseRequest(validatePlanBody, req.body ?? {}, 'request body').plan;
    const { plan, analysis } = planFromRequestValue(value);
    res.json({ valid: true, name: plan.name, analysis });
  });
  return router;
}
