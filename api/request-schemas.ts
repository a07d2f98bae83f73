/** zod schemas of request bodies and parameters (the plan itself is checked by plan/). */
import { z } from 'zod';
import {
  answerStepPayload,
  completeStepPayload,
  controlPayload,
  decidePayload,
  reportIssuePayload,
  resolveIssuePayload,
} from '../workflows/message-schemas';
import { cutoverMode } from '../workflows/status-document';

/** Cutover ids become workflow ids and URL segments: keep them plain. */
export const cutoverId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected letters, digits, ".", "_" or "-", at most 128 characters');

export const startCutoverBody = z
  .object({
    plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    id: cutoverId.optional(),
    mode: cutoverMode.default('live'),
  })
  .strict();

export const validatePlanBody = z.object({ plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]) }).strict();

export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict();

/*
 * Operator message bodies: the message payloads without the target (it is in the URL) and without
 * operator / roles / source, which the token decides. Strict: a body `operator` is an unknown field.
 */
export const decisionBody = decidePayload.pick({ decision: true, reason: true });
export const completionBody = completeStepPayload.pick({ evidence: true });
export const answerBody = answerStepPayload.pick({ reason: true });
export const controlBody = controlPayload.pick({ reason: true });
export const issueReportBody = reportIssuePayload.omit({ operator: true, roles: true, source: true });
export const issueResolutionBody = resolveIssuePayload.pick({ resolution: true });
