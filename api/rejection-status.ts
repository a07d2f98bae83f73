/**
 * The HTTP status of each reason the workflow refuses an operator message (workflows/rejections.ts):
 * bad input 422, unknown target 404, missing role 403, not possible in the current state 409.
 * A Record over every code, so a new rejection code does not compile until it has a status.
 */
import { rejectionCodes, type RejectionCode } from '../workflows/rejections';

export const rejectionStatus: Record<RejectionCode, number> = {
  'invalid-payload': 422,
  'invalid-decision': 422,
  'evidence-required': 422,
  'reason-required': 422,
  'unknown-gate': 404,
  'unknown-step': 404,
  'unknown-issue': 404,
  'unknown-role': 422,
  'role-not-allowed': 403,
  'gate-not-open': 409,
  'already-counted': 409,
  'criteria-not-met': 409,
  'step-not-awaiting': 409,
  'issue-resolved': 409,
  'cutover-finished': 409,
  'not-paused': 409,
  'already-paused': 409,
  'rolling-back': 409,
  // The sender's deadline passed before a worker took the message: it was never applied.
  expired: 504,
  // The cutover's record is full for this kind of message (workflows/record-limits.ts).
  'limit-reached': 409,
  // Identity not proven: a forged source claim, or the Temporal UI where the plan only lets it observe.
  forged: 403,
  unverified: 403,
};

export function isRejectionCode(value: unknown): value is RejectionCode {
  return (rejectionCodes as readonly unknown[]).includes(value);
}
