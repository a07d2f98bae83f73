/**
 * Operator routes: gate decisions, manual completions, answers to failed steps, pause / resume /
 * rollback and issues. Each sends one workflow update as the token's operator (never the body's);
 * the workflow validates it, so a refusal is a 4xx that changed nothing, and an acceptance
 * answers the update's acknowledgement (what was recorded, the cutover's state, what it waits
 * for): small whatever the plan's size. The whole document is GET /cutovers/:id.
 */
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import type { OperatorMessage } from '../../workflows/messages';
import { requestActor, type RequestActor } from '../auth';
import type { CutoverOperations, OperatorPayload } from '../cutover-operations';
import { parseRequest } from '../errors';
import { answerBody, completionBody, controlBody, cutoverId, decisionBody, issueReportBody, issueResolutionBody } from '../request-schemas';

interface Operation<M extends OperatorMessage, B extends z.ZodType> {
  message: M;
  body: B;
  /** The payload without the actor: the body plus what the URL names. */
  payload(body: z.infer<B>, params: Record<string, string>): Omit<OperatorPayload<M>, keyof RequestActor>;
}

export function operationsRouter(operations: CutoverOperations): Router {
  const router = Router();

  /** Sends the update; the acknowledgement it answers. */
  const send = async <M extends OperatorMessage, B extends z.ZodType>(op: Operation<M, B>, req: Request, res: Response) => {
    const id = parseRequest(cutoverId, req.params.id, 'cutover id');
    const body = parseRequest(op.body, req.body ?? {}, 'request body');
    const payload = { ...op.payload(body, req.params as Record<string, string>), ...requestActor(res) } as OperatorPayload<M>;
    return operations.sendUpdate(id, op.message, payload);
  };
  const route = <M extends OperatorMessage, B extends z.ZodType>(path: string, op: Operation<M, B>) =>
    router.post(path, async (req, res) => {
      res.json(await send(op, req, res));
    });

  route('/cutovers/:id/gates/:gate/decisions', { message: 'decide', body: decisionBody, payload: (body, { gate }) => ({ ...body, gate }) });
  route('/cutovers/:id/steps/:step/complete', { message: 'completeStep', body: completionBody, payload: (body, { step }) => ({ ...body, step }) });
  for (const action of ['retry', 'skip'] as const) {
    route(`/cutovers/:id/steps/:step/${action}`, { message: 'answerStep', body: answerBody, payload: (body, { step }) => ({ ...body, step, action }) });
  }
  for (const action of ['pause', 'resume', 'rollback'] as const) {
    route(`/cutovers/:id/${action}`, { message: action, body: controlBody, payload: (body) => body });
  }
  route('/cutovers/:id/issues/:issue/resolve', { message: 'resolveIssue', body: issueResolutionBody, payload: (body, { issue }) => ({ ...body, issue }) });

  router.post('/cutovers/:id/issues', async (req, res) => {
    const ack = await send({ message: 'reportIssue', body: issueReportBody, payload: (body) => body }, req, res);
    res.status(201).json({ issue: ack.issue, status: ack });
  });

  return router;
}
