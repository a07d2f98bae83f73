/**
 * Payloads of the operator messages (updates and signals of the same names), as zod schemas:
 * the workflow validates with them, the API builds them, the Temporal UI user types them.
 */
import { z } from 'zod';
import { severity } from '../plan/schema';

/**
 * Where a message came from, for the audit log. Signals without a source came from the Temporal UI.
 * `api` and `cli` must be proven by an attestation; `auto` (golive itself) and `rehearsal-script`
 * (a rehearsal making a recorded decision again) are never accepted from outside.
 */
export const messageSource = z.enum(['api', 'temporal-ui', 'cli', 'auto', 'rehearsal-script']);

/** Sources only golive itself uses: a message from outside claiming one is forged. */
export const INTERNAL_SOURCES: readonly string[] = ['auto', 'rehearsal-script'];

/** The API's proof of `operator`, `roles` and `source`: an HMAC-SHA256 over the message (activities/attestation.ts). */
export const attestation = z.object({ keyId: z.string().min(1).max(64), mac: z.string().min(1).max(128) }).strict();

/** Who acts. Through the API the token decides this (and attests it); from the Temporal UI the operator states it. */
const actor = {
  operator: z.string().min(1).max(100),
  roles: z.array(z.string().min(1).max(100)).max(50).default([]),
  source: messageSource.default('temporal-ui'),
  /** Set by the API: past this instant the sender has given up, and the message is refused. */
  expiresAt: z.iso.datetime().optional(),
  attestation: attestation.optional(),
};

/** A gate, step or issue id named in a message (plan ids are far shorter). */
const targetId = z.string().min(1).max(200);

/** Screenshots attached to one issue report: links (a presigned URL fits), not images. */
export const MAX_SCREENSHOTS = 10;
export const MAX_SCREENSHOT_URL_CHARS = 2048;

/** The claim part of any operator message, read before the message itself is validated. */
export const messageClaim = z.object({ source: actor.source, expiresAt: actor.expiresAt, attestation: actor.attestation });

export const goNoGoDecisions = ['go', 'no-go'] as const;
export const checkpointDecisions = ['continue', 'pause', 'rollback'] as const;

export const decidePayload = z
  .object({ gate: targetId, decision: z.enum([...goNoGoDecisions, ...checkpointDecisions]), reason: z.string().max(2000).default(''), ...actor })
  .strict();

export const completeStepPayload = z.object({ step: targetId, evidence: z.string().max(10_000).default(''), ...actor }).strict();

/** Answers to a step waiting for an operator: a failed step (retry/skip/rollback) or a failed compensation (retry/skip). */
export const answerStepPayload = z
  .object({ step: targetId, action: z.enum(['retry', 'skip', 'rollback']), reason: z.string().max(2000).default(''), ...actor })
  .strict();

/** pause / resume / rollback of the whole cutover. */
export const controlPayload = z.object({ reason: z.string().min(1).max(2000), ...actor }).strict();

/** The agents' and supervisors' issue template. */
export const reportIssuePayload = z
  .object({
    severity,
    summary: z.string().min(1).max(500),
    details: z.string().max(10_000).default(''),
    callTime: z.string().max(64).optional(),
    callerAni: z.string().max(64).optional(),
    csrUsername: z.string().max(100).optional(),
    screenshots: z.array(z.url().max(MAX_SCREENSHOT_URL_CHARS)).max(MAX_SCREENSHOTS).default([]),
    /** The role that owns the issue (a role of the plan). */
    owner: z.string().min(1).max(100).optional(),
    /** The step the issue is about (a step of the plan). */
    step: targetId.optional(),
    ...actor,
  })
  .strict();

export const resolveIssuePayload = z.object({ issue: targetId, resolution: z.string().min(1).max(5000), ...actor }).strict();

export type MessageSource = z.infer<typeof messageSource>;
export type Attestation = z.infer<typeof attestation>;
export type MessageClaim = z.infer<typeof messageClaim>;
export type DecidePayload = z.input<typeof decidePayload>;
export type CompleteStepPayload = z.input<typeof completeStepPayload>;
export type AnswerStepPayload = z.input<typeof answerStepPayload>;
export type ControlPayload = z.input<typeof controlPayload>;
export type ReportIssuePayload = z.input<typeof reportIssuePayload>;
export type ResolveIssuePayload = z.input<typeof resolveIssuePayload>;
export type Decision = z.infer<typeof decidePayload>['decision'];
