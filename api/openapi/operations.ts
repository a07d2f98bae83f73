/**
 * Every route the API mounts, described by the zod schemas the routes themselves parse with
 * (api/request-schemas.ts) and answer with (workflows/status-*.ts, response-schemas.ts). The
 * OpenAPI document is built from this list (document.ts); a test checks it against the router.
 */
import { z } from 'zod';
import { statusDocument } from '../../workflows/status-document';
import { cutoverSummary, updateAck } from '../../workflows/status-summary';
import { issueRecord } from '../../workflows/status-document';
import { wirePayloads } from '../routes/codec';
import { reportQuery } from '../routes/report';
import { SLACK_ACTIONS_PATH } from '../routes/slack-actions';
import {
  answerBody,
  completionBody,
  controlBody,
  compareQuery,
  cutoverId,
  decisionBody,
  eventsQuery,
  issueReportBody,
  issueResolutionBody,
  listQuery,
  rehearseBody,
  rehearseHistoryBody,
  startCutoverBody,
  statusQueryString,
  validatePlanBody,
} from '../request-schemas';
import { whoAmI } from '../routes/console-views';
import { planGraphViewSchema } from '../views/plan-graph-view';
import { cutoverPage, health, planValidation, readiness, startedCutover, stepsAnswer } from './response-schemas';

/** bearer: Authorization header; query: also `?access_token=`; cookie: also the codec cookie; slack: Slack's request signature; none: public. */
export type Security = 'bearer' | 'bearer-or-query' | 'bearer-or-cookie' | 'slack-signature' | 'none';

export interface Answer {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface DocumentedOperation {
  method: 'get' | 'post' | 'delete';
  /** Express-style, as mounted (`/api/v1/cutovers/:id`). */
  path: string;
  tag: string;
  summary: string;
  security: Security;
  query?: z.ZodType;
  body?: { schema: z.ZodType; contentTypes?: string[]; examples?: Record<string, unknown> };
  responses: Record<number, Answer>;
  /** Statuses answered in the error envelope. */
  errors: number[];
}

/** Path parameters by name: what the routes parse them with. */
export const pathParameters: Record<string, z.ZodType> = {
  id: cutoverId,
  gate: z.string().describe('a gate id of the plan (e.g. go-no-go-1)'),
  step: z.string().describe('a step id of the plan'),
  issue: z.string().describe('an issue id (ISS-1, ISS-2…)'),
};

const json = (description: string, schema: z.ZodType): Answer => ({ description, schema });
const ack = json('accepted: what was recorded and where the cutover stands', updateAck);
/** Refusals of operator messages: validation (422), role (403), wrong state (409), no worker (504). */
const operatorErrors = [401, 403, 404, 409, 422, 504];
const examplePlan = `apiVersion: golive/v1
name: example
roles: {cutover-lead: Dana}
phases:
  - id: cutover
    steps:
      - {id: switch, kind: noop, owner: cutover-lead}
`;

function operatorRoute(path: string, summary: string, body: z.ZodType, example: unknown): DocumentedOperation {
  return { method: 'post', path: `/api/v1/cutovers/:id${path}`, tag: 'operate', summary, security: 'bearer', body: { schema: body, examples: { example } }, responses: { 200: ack }, errors: operatorErrors };
}

export const documentedOperations: DocumentedOperation[] = [
  { method: 'get', path: '/healthz', tag: 'health', summary: 'The API process is alive (and whether Temporal answers)', security: 'none', responses: { 200: json('alive', health) }, errors: [] },
  {
    method: 'get',
    path: '/readyz',
    tag: 'health',
    summary: 'Ready to serve: Temporal reachable and a worker polling the task queue',
    security: 'none',
    responses: { 200: json('ready', readiness), 503: json('not ready (the same body, saying what is missing)', readiness) },
    errors: [],
  },
  { method: 'get', path: '/metrics', tag: 'health', summary: 'Prometheus metrics (text exposition format)', security: 'none', responses: { 200: { description: 'metrics', contentType: 'text/plain' } }, errors: [] },
  { method: 'get', path: '/api/v1/openapi.json', tag: 'meta', summary: 'This document', security: 'none', responses: { 200: { description: 'OpenAPI 3.1 document' } }, errors: [] },
  {
    method: 'post',
    path: '/api/v1/plans/validate',
    tag: 'plans',
    summary: 'Validate a plan (JSON {plan, params} or a raw YAML body); 422 lists every error with its path',
    security: 'bearer',
    body: { schema: validatePlanBody, contentTypes: ['application/json', 'application/yaml'], examples: { yaml: { plan: examplePlan }, withParams: { plan: examplePlan, params: { region: 'eu' } } } },
    responses: { 200: json('valid, with its analysis', planValidation) },
    errors: [400, 401, 413, 422],
  },
  {
    method: 'post',
    path: '/api/v1/cutovers',
    tag: 'cutovers',
    summary: 'Start a cutover (the plan\'s starters only)',
    security: 'bearer',
    body: { schema: startCutoverBody, examples: { rehearsal: { plan: examplePlan, id: 'example-rehearsal-1', mode: 'rehearsal' } } },
    responses: { 201: json('started; Location names the cutover', startedCutover) },
    errors: [400, 401, 403, 409, 413, 422],
  },
  { method: 'get', path: '/api/v1/cutovers', tag: 'cutovers', summary: 'One page of cutovers (running first, then the most recently closed); state, mode and plan filter through golive\'s search attributes (409 search-attributes-missing on a namespace without them: run golive setup)', security: 'bearer', query: listQuery, responses: { 200: json('a page', cutoverPage) }, errors: [401, 409, 422] },
  {
    method: 'get',
    path: '/api/v1/cutovers/:id',
    tag: 'cutovers',
    summary: 'The status document (view=summary: the small summary); steps paged or selected by cursor, limit, id, state',
    security: 'bearer',
    query: statusQueryString,
    responses: { 200: { description: 'the status document, or the summary with view=summary', schema: z.union([statusDocument, cutoverSummary]) } },
    errors: [401, 404, 422, 503],
  },
  {
    method: 'get',
    path: '/api/v1/cutovers/:id/events',
    tag: 'cutovers',
    summary: 'Live status as Server-Sent Events: `status` (the document) on connect and on every change, `end` once ended, `unavailable` (error envelope) when a read failed; `: heartbeat` comments',
    security: 'bearer-or-query',
    query: eventsQuery,
    responses: { 200: { description: 'an event stream; each status event\'s data is a StatusDocument', contentType: 'text/event-stream', schema: statusDocument } },
    errors: [401, 404, 422, 503],
  },
  { method: 'get', path: '/api/v1/cutovers/:id/steps', tag: 'cutovers', summary: 'One page of steps, or those with given ids or states', security: 'bearer', query: statusQueryString, responses: { 200: json('steps', stepsAnswer) }, errors: [401, 404, 422, 503] },
  { method: 'get', path: '/api/v1/cutovers/:id/history', tag: 'cutovers', summary: 'The event history (proto JSON; {runs: [...]} after continue-as-new)', security: 'bearer', responses: { 200: { description: 'Temporal history JSON' } }, errors: [401, 404] },
  // The console's views (api/routes/console-views.ts).
  { method: 'get', path: '/api/v1/me', tag: 'console', summary: 'Who the token is: operator and roles (["*"] on an open API)', security: 'bearer', responses: { 200: json('the token\'s operator and roles', whoAmI) }, errors: [401] },
  {
    method: 'get',
    path: '/api/v1/cutovers/:id/graph',
    tag: 'console',
    summary: "The plan's dependency graph: waves per phase, the critical path by estimate, each step's estimate, notes and instructions",
    security: 'bearer',
    responses: { 200: json('the graph', planGraphViewSchema) },
    errors: [401, 404],
  },
  {
    method: 'get',
    path: '/api/v1/cutovers/:id/report',
    tag: 'cutovers',
    summary: 'The run report: one self-contained HTML page (default) or Markdown; rehearsal=<id> adds its step durations as a column',
    security: 'bearer',
    query: reportQuery,
    responses: { 200: { description: 'the report', contentType: 'text/html' } },
    errors: [400, 401, 404, 503],
  },
  {
    method: 'post',
    path: SLACK_ACTIONS_PATH,
    tag: 'integrations',
    summary: "Slack interactivity: a gate or step button pressed in Slack, verified by Slack's request signature and sent as the mapped operator (tokens document slackUserId)",
    security: 'slack-signature',
    body: { schema: z.object({ payload: z.string().describe("Slack's block_actions payload (JSON text)") }), contentTypes: ['application/x-www-form-urlencoded'] },
    responses: { 200: { description: "Slack's ephemeral reply to the person who pressed the button" } },
    errors: [401, 503],
  },
  // Rehearsals (api/routes/rehearsals.ts).
  {
    method: 'post',
    path: '/api/v1/cutovers/:id/rehearse',
    tag: 'rehearsals',
    summary: "Rehearse a recorded cutover: its plan (or an edited one), its steps' recorded outcomes and durations, its decisions replayed by the workflow at scaled times",
    security: 'bearer',
    body: { schema: rehearseBody, examples: { scaled: { timeScale: 3600 } } },
    responses: { 201: { description: 'started: {id, rehearsalOf, scripted, unfit[], recorded}' } },
    errors: [401, 403, 404, 409, 422],
  },
  {
    method: 'post',
    path: '/api/v1/rehearsals',
    tag: 'rehearsals',
    summary: 'Rehearse a history file (as `golive history` writes it; one run or {runs: [...]})',
    security: 'bearer',
    body: { schema: rehearseHistoryBody },
    responses: { 201: { description: 'started: {id, rehearsalOf, scripted, unfit[], recorded}' } },
    errors: [401, 403, 409, 413, 422],
  },
  {
    method: 'get',
    path: '/api/v1/cutovers/:id/compare',
    tag: 'rehearsals',
    summary: 'Compare two runs step by step: planned, a and b durations, critical paths, divergences and the first of them',
    security: 'bearer',
    query: compareQuery,
    responses: { 200: { description: '{a, b, steps[], gates[], divergences[], firstDivergence}' } },
    errors: [401, 404, 422, 503],
  },
  operatorRoute('/gates/:gate/decisions', 'Decide (or approve toward the quorum of) an open gate', decisionBody, { decision: 'go', reason: 'all criteria met' }),
  operatorRoute('/steps/:step/complete', 'Complete a manual step with evidence', completionBody, { evidence: 'CHG-1234 approved' }),
  operatorRoute('/steps/:step/retry', 'Retry a step waiting after a failure', answerBody, { reason: 'the carrier fixed the trunk' }),
  operatorRoute('/steps/:step/skip', 'Skip a step waiting after a failure', answerBody, { reason: 'done by hand' }),
  operatorRoute('/pause', 'Pause: no new step starts', controlBody, { reason: 'waiting for the carrier' }),
  operatorRoute('/resume', 'Resume a paused cutover', controlBody, { reason: 'carrier back' }),
  operatorRoute('/rollback', 'Roll back now', controlBody, { reason: 'call failures above the limit' }),
  operatorRoute('/issues/:issue/resolve', 'Resolve an issue', issueResolutionBody, { resolution: 'flow republished' }),
  {
    method: 'post',
    path: '/api/v1/cutovers/:id/issues',
    tag: 'operate',
    summary: 'Report an issue (the template fields)',
    security: 'bearer',
    body: {
      schema: issueReportBody,
      examples: {
        call: { severity: 'high', summary: 'Calls to the billing queue drop', details: 'Caller hears silence after the menu', callTime: '2026-12-04T08:15:00Z', callerAni: '+15551230000', csrUsername: 'ana', screenshots: ['https://example.com/s1.png'] },
      },
    },
    responses: { 201: json('reported', z.object({ issue: issueRecord.optional(), status: updateAck })) },
    errors: operatorErrors,
  },
  {
    method: 'post',
    path: '/codec/session',
    tag: 'codec',
    summary: 'Sign the Temporal UI in to the codec: sets the golive_codec cookie',
    security: 'bearer-or-cookie',
    responses: { 204: { description: 'cookie set' } },
    errors: [401],
  },
  { method: 'delete', path: '/codec/session', tag: 'codec', summary: 'Sign out of the codec: clears the cookie', security: 'none', responses: { 204: { description: 'cookie cleared' } }, errors: [] },
  ...(['encode', 'decode'] as const).map(
    (direction): DocumentedOperation => ({
      method: 'post',
      path: `/codec/${direction}`,
      tag: 'codec',
      summary: `Temporal remote codec: ${direction} payloads`,
      security: 'bearer-or-cookie',
      body: { schema: wirePayloads, examples: { one: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJhIjoxfQ==' }] } } },
      responses: { 200: json(`${direction}d payloads`, wirePayloads) },
      errors: [401, 422],
    }),
  ),
];
