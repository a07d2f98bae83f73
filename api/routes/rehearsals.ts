/**
 * Rehearsal routes: rehearse a recorded cutover (by id, or from its history file) with its own plan
 * or an edited one, and compare two runs step by step.
 */
import { Router } from 'express';
import { requestActor } from '../auth';
import { parseRequest } from '../errors';
import type { RehearsalService } from '../rehearsal/rehearsal-service';
import { compareQuery, cutoverId, rehearseBody, rehearseHistoryBody } from '../request-schemas';

export function rehearsalsRouter(rehearsals: RehearsalService): Router {
  const router = Router();

  /** Rehearses the recorded cutover `:id`: `{plan?, id?, timeScale?}` → 201 `{id, rehearsalOf, scripted, unfit, recorded}`. */
  router.post('/cutovers/:id/rehearse', async (req, res) => {
    const of = parseRequest(cutoverId, req.params.id, 'cutover id');
    const body = parseRequest(rehearseBody, req.body ?? {}, 'request body');
    const recorded = await rehearsals.recordedRun(of);
    const started = await rehearsals.rehearse(recorded, of, { ...body, startedBy: requestActor(res).operator });
    res.status(201).location(`/api/v1/cutovers/${encodeURIComponent(started.id)}`).json(started);
  });

  /** Rehearses a history file (as `golive history` writes it): `{history, source?, plan?, id?, timeScale?}`. */
  router.post('/rehearsals', async (req, res) => {
    const { history, source, ...body } = parseRequest(rehearseHistoryBody, req.body ?? {}, 'request body');
    const recorded = await rehearsals.recordedRunFromFile(history);
    const started = await rehearsals.rehearse(recorded, source ?? recorded.input.plan.name, { ...body, startedBy: requestActor(res).operator });
    res.status(201).location(`/api/v1/cutovers/${encodeURIComponent(started.id)}`).json(started);
  });

  /** `:id` (a) beside `with` (b): durations planned / a / b, critical paths, divergences (the first named). */
  router.get('/cutovers/:id/compare', async (req, res) => {
    const a = parseRequest(cutoverId, req.params.id, 'cutover id');
    const { with: b } = parseRequest(compareQuery, req.query, 'query');
    res.json(await rehearsals.compare(a, b));
  });

  return router;
}
