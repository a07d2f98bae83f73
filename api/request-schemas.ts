/** zod schemas of request bodies and parameters (the plan itself is checked by plan/). */
import { z } from 'zod';
import { paramValue } from '../plan/params';
import { slug } from '../plan/schema';
import {
  answerStepPayload,
  completeStepPayload,
  controlPayload,
  decidePayload,
  reportIssuePayload,
  resolveIssuePayload,
} from '../workflows/message-schemas';
import { comms, cutoverMode, cutoverState, stepState } from '../workflows/status-document';
import { MAX_TIME_SCALE } from '../workflows/time-scale';
import { statusQueryOptions } from '../workflows/status-views';

/** Cutover ids become workflow ids and URL segments: keep them plain. */
export const cutoverId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected letters, digits, ".", "_" or "-", at most 128 characters');

/** Values for the plan's declared params (`${param:NAME}`); typed and checked against the plan's declarations. */
const planParams = z.record(z.string().max(64), paramValue);

export const startCutoverBody = z
  .object({
    plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    id: cutoverId.optional(),
    mode: cutoverMode.default('live'),
    params: planParams.optional(),
    /** Where notices go: off, the test sink, or the roster (default: rehearsal → test, live → on). */
    comms: comms.optional(),
    /** Rehearsals: how much faster than real time (3600: an hour takes a second). */
    timeScale: z.number().min(1).max(MAX_TIME_SCALE).optional(),
    /** A live start of a plan with `requireRehearsal` and no completed rehearsal: why it goes ahead anyway (recorded). */
    overrideRehearsal: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  // A live cutover runs on real time: a scaled clock would rush its waits and timeouts.
  .refine((body) => body.mode === 'rehearsal' || body.timeScale === undefined || body.timeScale === 1, {
    path: ['timeScale'],
    message: 'timeScale is for rehearsals (mode: rehearsal): a live cutover runs on real time',
  });

/** Plan time runs this many times faster in a rehearsal (3600: a plan hour takes a second). */
const rehearsalTimeScale = z.number().positive().max(1_000_000);

/** `POST /cutovers/:id/rehearse`: an edited plan instead of the recorded one, the rehearsal's id, its clock. */
export const rehearseBody = z
  .object({
    plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    id: cutoverId.optional(),
    timeScale: rehearsalTimeScale.optional(),
  })
  .strict();

/** `POST /rehearsals`: a history file's JSON (one run or `{runs: [...]}`) and what to call its source. */
export const rehearseHistoryBody = rehearseBody.extend({
  history: z.record(z.string(), z.unknown()),
  source: z.string().min(1).max(200).optional(),
});

/** `GET /cutovers/:id/compare?with=other`. */
export const compareQuery = z.object({ with: cutoverId }).strict();

export const validatePlanBody = z.object({ plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]), params: planParams.optional() }).strict();

/** Query values that repeat or take commas (`state=a,b` or `state=a&state=b`). */
const listed = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter(Boolean));

/**
 * `GET /cutovers`: `pageSize` (`limit` is its older name; pageSize wins) and `cursor`, a previous
 * page's nextCursor; `state`, `mode`, `plan` filter through golive's search attributes.
 */
const listPageSize = z.coerce.number().int().min(1).max(1000);
export const listQuery = z
  .object({
    pageSize: listPageSize.optional(),
    limit: listPageSize.optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'expected the nextCursor of a previous page')
      .optional(),
    state: listed
      .pipe(z.array(cutoverState).min(1, 'expected at least one state'))
      .describe(`cutover states, repeated or comma-separated: ${cutoverState.options.join(', ')}`)
      .optional(),
    mode: cutoverMode.optional(),
    plan: slug.describe('a plan name').optional(),
  })
  .strict()
  .transform(({ pageSize, limit, cursor, state, mode, plan }) => ({ pageSize: pageSize ?? limit ?? 100, cursor, filters: { states: state, mode, plan } }));

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

/** `GET /cutovers/:id` and `…/steps`: the status query's options as a query string; `state` and `id` repeat or take commas. */
export const statusQueryString = z
  .object({
    view: z.enum(['full', 'summary']).optional(),
    cursor: statusQueryOptions.shape.cursor,
    limit: statusQueryOptions.shape.limit,
    id: listed.pipe(statusQueryOptions.shape.ids.unwrap()).optional(),
    state: listed
      .pipe(z.array(stepState))
      .describe(`step states, repeated or comma-separated: ${stepState.options.join(', ')}`)
      .optional(),
  })
  .strict()
  .transform(({ id, state, ...rest }) => ({ ...rest, ...(id ? { ids: id } : {}), ...(state ? { states: state } : {}) }));

/** `GET /cutovers/:id/events`: EventSource cannot send headers, so the bearer token may come as `access_token`. */
export const eventsQuery = z.object({ access_token: z.string().min(1).optional() }).strict();
