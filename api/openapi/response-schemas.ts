/**
 * zod schemas of the API's answers that have no workflow schema of their own (the status document,
 * the summary and the acknowledgement do: workflows/status-*.ts). Used by the OpenAPI document.
 */
import { z } from 'zod';
import { paramValue } from '../../plan/params';
import { statusDocument } from '../../workflows/status-document';

/** `{error: {code, message, details?}}`: every 4xx and 5xx (api/errors.ts). */
export const errorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** One row of `GET /cutovers` (api/cutover-service.ts CutoverSummary). */
export const listedCutover = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** The plan's name, from the GolivePlan search attribute (else the memo). */
  plan: z.string().nullable(),
  mode: z.string().nullable(),
  state: z.string().nullable(),
  /** The phase under way or last reached (GolivePhase); null on a namespace without golive's search attributes. */
  phase: z.string().nullable(),
  temporalStatus: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const cutoverPage = z.object({ cutovers: z.array(listedCutover), nextCursor: z.string().nullable() });

export const startedCutover = z.object({ id: z.string(), runId: z.string() });

/** `POST /plans/validate` (plan/analyze.ts PlanAnalysis). */
export const planValidation = z.object({
  valid: z.literal(true),
  name: z.string(),
  analysis: z.object({
    order: z.array(z.string()),
    phases: z.array(z.object({ id: z.string(), waves: z.array(z.array(z.string())) })),
    criticalPath: z.object({ steps: z.array(z.string()), estimateMs: z.number() }),
    stepCount: z.number().int(),
  }),
  params: z.record(z.string(), paramValue),
});

export const stepsAnswer = statusDocument.pick({ steps: true, stepCounts: true }).extend({ stepsPage: statusDocument.shape.stepsPage.unwrap().unwrap() });

export const health = z.object({ status: z.literal('ok'), temporal: z.enum(['up', 'down']) });

/** `GET /readyz`: 200 when Temporal answers and a worker polls the task queue, else 503 with the same body. */
export const readiness = z.object({
  ready: z.boolean(),
  temporal: z.object({ up: z.boolean(), message: z.string().optional() }),
  worker: z.object({ taskQueue: z.string(), pollers: z.number().int(), message: z.string().optional() }),
});
