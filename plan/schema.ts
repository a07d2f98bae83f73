/**
 * The cutover plan (apiVersion golive/v1) as zod schemas: the one place its shape is written.
 * Every type of the plan is inferred from here. Cross-references (ids, owners, the DAG) are
 * checked by plan/references.ts, which needs the whole plan.
 */
import { z } from 'zod';
import { formatDuration, isDuration, parseDuration } from './duration';
import { parseExpression } from './metric-expression';
import { unknownPlaceholders } from './metric-window';
import { paramDeclarations } from './params';
import { RELATIVE_THRESHOLD } from './relative-threshold';
import { parseValuePath } from './value-path';
import { MAX_BODY_DEPTH, MAX_DURATION_MS, MAX_QUORUM, MAX_RETRY_INTERVAL_MS, nestingDepth, RECORD_LIMITS, type RecordLimit } from './limits';

/**
 * A duration string, within `maxMs` (and above zero when `positive`). Custom issues carry their
 * golive error code in params.code (see plan/errors.ts); a malformed one is only `bad-duration`.
 */
function durationWithin(options: { positive?: boolean; maxMs: number }) {
  return z.string().superRefine((text, ctx) => {
    if (!isDuration(text)) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 90s, 10m or 4h', params: { code: 'bad-duration' } });
      return;
    }
    const ms = parseDuration(text);
    if (options.positive && ms <= 0) ctx.addIssue({ code: 'custom', message: 'must be longer than zero', params: { code: 'out-of-range' } });
    else if (!(ms <= options.maxMs)) ctx.addIssue({ code: 'custom', message: `must be at most ${formatDuration(options.maxMs)}`, params: { code: 'out-of-range' } });
  });
}

/** Any duration (zero allowed), at most a year. */
export const duration = durationWithin({ maxMs: MAX_DURATION_MS });
/** Timeouts and intervals: Temporal cannot use zero, and a zero checkpoint interval would never sleep. */
export const positiveDuration = durationWithin({ positive: true, maxMs: MAX_DURATION_MS });
const retryInterval = durationWithin({ positive: true, maxMs: MAX_RETRY_INTERVAL_MS });

export const slug = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/, 'expected a slug: lowercase letters, digits and dashes, at most 64');

/** Step, phase and gate ids: letters, digits, dashes, underscores, dots. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected an id: letters, digits, ".", "_" or "-", at most 100');

export const priority = z.enum(['low', 'medium', 'high', 'critical']);
export const severity = priority;

export const retryPolicy = z
  .object({
    maximumAttempts: z.number().int().min(1).max(100).optional(),
    initialInterval: retryInterval.optional(),
    backoffCoefficient: z.number().min(1).max(10).optional(),
    maximumInterval: retryInterval.optional(),
  })
  .strict();

/**
 * An http(s) URL. `${secret:NAME}` may stand anywhere in it, the host included: it is resolved
 * only inside the activity, so the check here reads each reference as a placeholder word.
 */
export const templatedUrl = z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    const probe = text.replace(/\$\{secret:[A-Za-z0-9_]+\}/g, 'secret');
    if (!URL.canParse(probe) || !/^https?:$/.test(new URL(probe).protocol)) {
      ctx.addIssue({ code: 'custom', message: 'expected an http(s) URL', params: { code: 'invalid-format' } });
    }
  });

const httpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const expectStatus = z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]);

/** A request body (JSON, or text), nested at most MAX_BODY_DEPTH deep. */
const requestBody = z.unknown().superRefine((body, ctx) => {
  if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_BODY_DEPTH} levels`, params: { code: 'out-of-range' } });
});

/** An HTTP request. Header values may reference secrets as `${secret:NAME}`, resolved only inside the activity. */
export const httpRequest = z
  .object({
    method: httpMethod.default('GET'),
    url: templatedUrl,
    headers: z.record(z.string(), z.string()).optional(),
    body: requestBody.optional(),
    expectStatus: expectStatus.optional(),
  })
  .strict();

/** A `path` into a JSON answer (plan/value-path.ts), refused at validation when malformed. */
const answerPath = z.string().min(1).superRefine((path, ctx) => {
  try {
    parseValuePath(path);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message, params: { code: 'bad-expression' } });
  }
});

/** A `value` expression over paths of a JSON answer (plan/metric-expression.ts), refused at validation when malformed. */
const answerExpression = z.string().min(1).superRefine((text, ctx) => {
  try {
    parseExpression(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `bad expression: ${(err as Error).message}`, params: { code: 'bad-expression' } });
  }
});

/** Exactly one of `path` and `value` says where the number is in the answer. */
function onePathOrValue(reading: { path?: string; value?: string }, ctx: z.RefinementCtx): void {
  if ((reading.path === undefined) === (reading.value === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'give either `path` (one number) or `value` (an expression over paths), not both or neither', params: { code: 'required' } });
  }
}

/** `{{window.start}}` and `{{window.end}}` are the only placeholders a source may template. */
function knownPlaceholders(source: { url: string; body?: unknown }, ctx: z.RefinementCtx): void {
  const texts: [string, string][] = [['url', source.url], ...(source.body === undefined ? [] : [['body', JSON.stringify(source.body)] as [string, string]])];
  for (const [field, text] of texts) {
    const unknown = unknownPlaceholders(text);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: [field], message: `unknown placeholder {{${unknown[0]}}}; known: {{window.start}}, {{window.end}}`, params: { code: 'invalid-format' } });
  }
}

/**
 * A number read from somewhere: a static value, or a JSON HTTP endpoint (GET, or POST with a
 * `body`) and where in its answer the number is: one `path`, or a `value` expression over paths.
 * URL and body may template the evaluation window (plan/metric-window.ts), `window` long.
 */
export const valueSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: z.number() }).strict(),
  z
    .object({
      kind: z.literal('http'),
      method: z.enum(['GET', 'POST']).optional(),
      url: templatedUrl,
      headers: z.record(z.string(), z.string()).optional(),
      body: requestBody.optional(),
      path: answerPath.optional(),
      value: answerExpression.optional(),
      window: positiveDuration.optional(),
    })
    .strict()
    .superRefine((source, ctx) => {
      onePathOrValue(source, ctx);
      knownPlaceholders(source, ctx);
      if (source.body !== undefined && source.method !== 'POST') ctx.addIssue({ code: 'custom', path: ['body'], message: 'a body needs method: POST', params: { code: 'invalid' } });
    }),
]);

/** Absolute (0.08), relative to a baseline in percent of it ("+15%", "-5%") or in percentage points ("-5pp", see `scale`). */
export const threshold = z.union([
  z.number(),
  z.string().regex(RELATIVE_THRESHOLD, 'expected a number, a percentage of the baseline such as "+15%", or percentage points such as "-5pp"'),
]);

/** A baseline read from a step's recorded answer (an `http` step of an earlier phase): one `path`, or a `value` expression. */
export const baselineFromStep = z
  .object({ fromStep: identifier, path: answerPath.optional(), value: answerExpression.optional() })
  .strict()
  .superRefine(onePathOrValue);

/**
 * How a step behaves in a rehearsal (`mode: rehearsal`): `real` touches its target as in a live
 * run; otherwise it is simulated (nothing is called) for `duration` (default: its `estimate`,
 * else 0) and ends as `outcome` says. `answer`: what a simulated http step "answered" (a
 * baseline `fromStep` reads it; without one, such a baseline is unreadable).
 */
export const stepRehearsal = z.union([
  z.literal('real'),
  z.object({ outcome: z.enum(['succeed', 'fail']).default('succeed'), duration: duration.optional(), answer: requestBody.optional() }).strict(),
]);

/** How a metric source reads in a rehearsal: `real` reads it; else a simulated `value` (default: within its limits). */
export const metricRehearsal = z.union([z.literal('real'), z.object({ value: z.number() }).strict()]);

/** Roles an escalation goes to (someone other than those who did not act). */
const escalateTo = z.array(z.string().min(1)).min(1);

const stepCommon = {
  id: identifier,
  title: z.string().min(1).max(200).optional(),
  owner: z.string().min(1).optional(),
  priority: priority.default('medium'),
  notes: z.string().optional(),
  dependsOn: z.array(identifier).default([]),
  /** Expected duration, for the critical path and forecasts; defaults to a wait's own duration, else 0. */
  estimate: duration.optional(),
  timeout: positiveDuration.optional(),
  retry: retryPolicy.optional(),
  /** After the retries: ask an operator (pause), roll back, carry on (continue), or stop the cutover as failed (fail). */
  onFailure: z.enum(['pause', 'rollback', 'continue', 'fail']).default('pause'),
  /** Roles told when a manual step is still not done after its `timeout` (default: settings.escalateTo, else its owner). */
  escalateTo: escalateTo.optional(),
  rehearse: stepRehearsal.optional(),
};

/** Each step kind's `with`. */
const withByKind = {
  noop: z.object({}).strict().optional(),
  wait: z.object({ duration }).strict(),
  manual: z.object({ instructions: z.string().min(1), evidenceRequired: z.boolean().default(true) }).strict(),
  http: httpRequest,
  check: z.object({ source: valueSource, min: z.number().optional(), max: z.number().optional(), equals: z.number().optional() }).strict(),
  snapshot: z.object({ request: httpRequest, label: z.string().min(1) }).strict(),
  restore: z.object({ request: httpRequest, snapshotStep: identifier }).strict(),
  notify: z.object({ message: z.string().min(1), roles: z.array(z.string()).optional() }).strict(),
};

/** A union over the step kinds, each variant carrying the `extra` fields too (steps vs compensations). */
function actionUnion<S extends z.ZodRawShape>(extra: S) {
  const variant = <K extends keyof typeof withByKind>(kind: K) =>
    z.object({ ...extra, kind: z.literal(kind), with: withByKind[kind] }).strict();
  return z.discriminatedUnion('kind', [
    variant('noop'),
    variant('wait'),
    variant('manual'),
    variant('http'),
    variant('check'),
    variant('snapshot'),
    variant('restore'),
    variant('notify'),
  ]);
}

/** A compensation is an action without id or dependencies: it inherits those of its step. */
export const compensation = actionUnion({ timeout: positiveDuration.optional(), retry: retryPolicy.optional() });

export const step = actionUnion({ ...stepCommon, compensate: compensation.optional() });

/** A procedure step runs only when every forward step it names succeeded (checked as it would start). */
export const stepCondition = z.object({ stepsSucceeded: z.array(identifier).min(1) }).strict();

/** A step of the contingency or the rollback procedure: a step that may carry `when`. */
export const procedureStep = actionUnion({ ...stepCommon, compensate: compensation.optional(), when: stepCondition.optional() });
const procedureSteps = z.array(procedureStep).default([]);

/**
 * The rollback procedure: `first` runs before compensations (e.g. numbers back to legacy), `then`
 * after them. `steps` is the older name of `then`; a plan gives one or the other.
 */
export const rollbackProcedure = z
  .object({ first: procedureSteps, then: z.array(procedureStep).optional(), steps: z.array(procedureStep).optional() })
  .strict()
  .superRefine((rollback, ctx) => {
    if (rollback.steps !== undefined && rollback.then !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['then'], message: '`steps` and `then` are the same list (steps after compensations); give only one', params: { code: 'invalid' } });
    }
  });

/** What a no-go runs: nothing has moved yet, so no compensation and no rollback procedure. */
export const contingency = z.object({ steps: procedureSteps }).strict();

export const gate = z
  .object({
    id: identifier,
    kind: z.literal('go-no-go'),
    approvers: z.object({ roles: z.array(z.string().min(1)).min(1), quorum: z.number().int().min(1).max(MAX_QUORUM).default(1) }).strict(),
    criteria: z
      .object({ stepsSucceeded: z.array(identifier).default([]), noOpenIssuesAtOrAbove: severity.optional() })
      .strict()
      .optional(),
    timeout: positiveDuration.optional(),
    onTimeout: z.enum(['no-go', 'go', 'escalate']).default('no-go'),
    /** Roles told when `onTimeout: escalate` fires (default: settings.escalateTo, else the approvers). */
    escalateTo: escalateTo.optional(),
  })
  .strict();

const metricAction = z.enum(['decide', 'pause', 'rollback', 'notify']);

export const metric = z
  .object({
    id: identifier,
    title: z.string().optional(),
    source: valueSource,
    /** In a rehearsal: read the source for real, or the value to simulate (see metricRehearsal). */
    rehearse: metricRehearsal.optional(),
    baseline: z.union([z.number(), baselineFromStep]).optional(),
    /** `ratio` (default, 0–1: 1pp is 0.01) or `percent` (0–100: 1pp is 1), for "pp" thresholds. */
    scale: z.enum(['ratio', 'percent']).optional(),
    min: threshold.optional(),
    max: threshold.optional(),
    /** Watches: what a breach does (default decide); `notify` tells the approvers and goes on. */
    onBreach: metricAction.optional(),
    /** Watches: consecutive breaches tolerated before acting (default 1: act on the first). */
    breachesBeforeAction: z.number().int().min(1).max(1000).optional(),
    /** Watches: an unreadable reading is inconclusive, not a breach; `limit` in a row trigger `action`. */
    inconclusive: z
      .object({ limit: z.number().int().min(1).max(1000).default(1), action: metricAction.default('decide') })
      .strict()
      .optional(),
  })
  .strict();

/** Metric fields only a watch acts on: checkpoints judge every breach by their own `onBreach`. */
const WATCH_ONLY_METRIC_FIELDS = ['onBreach', 'breachesBeforeAction', 'inconclusive'] as const;

export const checkpoints = z
  .object({
    every: positiveDuration,
    count: z.number().int().min(1).max(10_000).optional(),
    until: positiveDuration.optional(),
    metrics: z.array(metric).min(1),
    onBreach: z.enum(['decide', 'pause', 'rollback']).default('decide'),
    decideTimeout: positiveDuration.optional(),
    /** Who decides a breached checkpoint (one decision suffices). */
    approvers: z.object({ roles: z.array(z.string().min(1)).min(1) }).strict().default({ roles: ['cutover-lead'] }),
    /** Roles told when a breached checkpoint is undecided after `decideTimeout` (default: settings.escalateTo, else the approvers). */
    escalateTo: escalateTo.optional(),
  })
  .strict()
  .refine((c) => c.count !== undefined || c.until !== undefined, { message: 'checkpoints need `count` or `until`', path: ['count'], params: { code: 'required' } })
  .superRefine((c, ctx) => {
    c.metrics.forEach((m, k) => {
      for (const field of WATCH_ONLY_METRIC_FIELDS) {
        if (m[field] !== undefined) ctx.addIssue({ code: 'custom', message: `only a phase's \`watch\` acts on ${field}; checkpoints use their own onBreach`, path: ['metrics', k, field], params: { code: 'invalid' } });
      }
    });
  });

/** Metric readings a watch keeps in the status document (evaluations × metrics). */
const MAX_KEPT_WATCH_READINGS = 2000;
const MAX_KEEP_EVALUATIONS = 1000;

/**
 * Watching while a phase runs: from the phase's start, every `every`, its metrics are read beside the
 * steps, until `untilPhaseEnds` (default this phase) ends, or after `count` readings / `until`.
 */
export const watch = z
  .object({
    every: positiveDuration,
    count: z.number().int().min(1).max(10_000).optional(),
    until: positiveDuration.optional(),
    /** The phase (this one or a later one) whose end stops the watch. */
    untilPhaseEnds: identifier.optional(),
    metrics: z.array(metric).min(1),
    decideTimeout: positiveDuration.optional(),
    approvers: z.object({ roles: z.array(z.string().min(1)).min(1) }).strict().default({ roles: ['cutover-lead'] }),
    /** Roles told when a watch's decision is not made within `decideTimeout` (default: settings.escalateTo, else the approvers). */
    escalateTo: escalateTo.optional(),
    /** Evaluations kept in the status document; older ones are dropped and counted. */
    keepEvaluations: z.number().int().min(1).max(MAX_KEEP_EVALUATIONS).default(50),
  })
  .strict()
  // Judged only within the field's own bound, so one mistake is one error.
  .refine((w) => w.keepEvaluations > MAX_KEEP_EVALUATIONS || w.keepEvaluations * w.metrics.length <= MAX_KEPT_WATCH_READINGS, {
    message: `keepEvaluations × metrics must be at most ${MAX_KEPT_WATCH_READINGS} (the status document and every continue-as-new carry them); keep fewer evaluations`,
    path: ['keepEvaluations'],
    params: { code: 'out-of-range' },
  });

/** Platform objects to publish in the order their dependencies demand (expanded into steps by plan/deploy.ts). */
export const deployBlock = z
  .object({
    platform: z.enum(['genesys-cloud', 'amazon-connect']).default('genesys-cloud'),
    /** The platform's API root, e.g. https://api.mypurecloud.com or `${param:platformUrl}`. */
    baseUrl: z.string().min(1).max(2048),
    headers: z.record(z.string(), z.string()).optional(),
    /** Amazon Connect: the instance the contact flows belong to. */
    instanceId: z.string().min(1).optional(),
    /** What to publish; with `discover`, also every flow, module and data table they consume. */
    objects: z.array(identifier).min(1).max(1000),
    discover: z.boolean().default(true),
    /** Each object's type and what it consumes: filled in from the platform at start, or written by hand. */
    graph: z
      .record(identifier, z.object({ type: z.string().min(1), name: z.string().optional(), consumes: z.array(identifier).default([]) }).strict())
      .optional(),
    /** Extra order on top of the platform's (`{ib-billing: [ib-main]}`: billing after main); never against it. */
    after: z.record(identifier, z.array(identifier)).optional(),
    /** Steps every publish step waits for (e.g. the night-before export). */
    dependsOn: z.array(identifier).default([]),
    stepPrefix: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/).default('publish-'),
    owner: z.string().min(1).optional(),
    priority: priority.optional(),
    timeout: positiveDuration.optional(),
    retry: retryPolicy.optional(),
    onFailure: z.enum(['pause', 'rollback', 'continue', 'fail']).optional(),
  })
  .strict();

export const phase = z
  .object({
    id: identifier,
    title: z.string().optional(),
    gate: gate.optional(),
    steps: z.array(step).default([]),
    deploy: deployBlock.optional(),
    checkpoints: checkpoints.optional(),
    watch: watch.optional(),
  })
  .strict();

/**
 * A rollback criterion: an open issue at or above `severity` older than `olderThan`. It fires when
 * the issue crosses that age (a timer per issue), in any phase: `decide` opens a gate
 * (continue / pause / rollback, escalating past `decideTimeout`), `rollback` rolls back at once.
 */
export const unresolvedIssueCriterion = z
  .object({
    severity,
    olderThan: duration,
    action: z.enum(['decide', 'rollback']).default('decide'),
    /** Who decides (one decision suffices); the cutover lead by default. */
    approvers: z.object({ roles: z.array(z.string().min(1)).min(1) }).strict().optional(),
    decideTimeout: positiveDuration.optional(),
  })
  .strict();

export const stakeholder = z
  .object({ name: z.string().min(1), role: z.string().min(1), org: z.string().optional(), contact: z.string().optional() })
  .strict();

/**
 * A channel the workflow's notices also go to: `json` posts golive's notice JSON, `slack` a Block
 * Kit message (with decision buttons when something waits) to a Slack incoming webhook. The URL
 * is a credential: give it as `${secret:NAME}`, resolved only by the activity.
 */
export const noticeWebhook = z
  .object({ url: templatedUrl, format: z.enum(['json', 'slack']).default('json') })
  .strict();

const recordLimits = z
  .object(Object.fromEntries(Object.entries(RECORD_LIMITS).map(([key, { min, max }]) => [key, z.number().int().min(min).max(max).optional()])) as {
    [K in RecordLimit]: z.ZodOptional<z.ZodNumber>;
  })
  .strict();

export const settings = z
  .object({
    maxParallel: z.number().int().min(1).max(256).default(4),
    defaultTimeout: positiveDuration.default('10m'),
    defaultRetry: retryPolicy.default({ maximumAttempts: 3, initialInterval: '1s', backoffCoefficient: 2 }),
    /** Roles whose tokens may start a cutover of this plan (live or rehearsal). */
    starters: z.array(z.string().min(1)).min(1).default(['cutover-lead']),
    /** How far operator messages may grow the record (plan/limits.ts RECORD_LIMITS: defaults and ceilings). */
    limits: recordLimits.optional(),
    /**
     * What a name typed in the Temporal UI may do (it is not verified): `observe` (default) only
     * report issues; `act` everything its stated roles allow, counted toward quorums, recorded unverified.
     */
    temporalUi: z.enum(['act', 'observe']).default('observe'),
    /** Where escalations go when a gate, checkpoint or step names no `escalateTo` of its own. */
    escalateTo: escalateTo.optional(),
    /** Where notices go besides the log and the worker's GOLIVE_NOTIFY_WEBHOOK_URL. */
    noticeWebhooks: z.array(noticeWebhook).max(10).optional(),
  })
  .strict();

export const plan = z
  .object({
    apiVersion: z.literal('golive/v1'),
    name: slug,
    description: z.string().optional(),
    /** Values set at start (`--param k=v`, the API's `params`) and written `${param:NAME}` in the plan (plan/params.ts). */
    params: paramDeclarations.optional(),
    roles: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'role names are lowercase slugs'), z.string()).default({}),
    stakeholders: z.array(stakeholder).default([]),
    settings: settings.default({ maxParallel: 4, defaultTimeout: '10m', defaultRetry: { maximumAttempts: 3, initialInterval: '1s', backoffCoefficient: 2 }, starters: ['cutover-lead'], temporalUi: 'observe' }),
    phases: z.array(phase).min(1),
    contingency: contingency.optional(),
    rollback: rollbackProcedure.optional(),
    rollbackCriteria: z
      .object({ unresolvedIssue: unresolvedIssueCriterion.optional() })
      .strict()
      .optional(),
    /** A live start is refused unless a rehearsal of this plan (same content hash) completed, or an operator overrides with a reason. */
    requireRehearsal: z.boolean().optional(),
  })
  .strict();

export type Plan = z.infer<typeof plan>;
export type PlanInput = z.input<typeof plan>;
export type Phase = z.infer<typeof phase>;
export type Step = z.infer<typeof step>;
export type StepKind = Step['kind'];
export type ProcedureStep = z.infer<typeof procedureStep>;
export type StepCondition = z.infer<typeof stepCondition>;
export type Compensation = z.infer<typeof compensation>;
export type Gate = z.infer<typeof gate>;
export type Checkpoints = z.infer<typeof checkpoints>;
export type Watch = z.infer<typeof watch>;
export type MetricAction = z.infer<typeof metricAction>;
export type UnresolvedIssueCriterion = z.infer<typeof unresolvedIssueCriterion>;
export type DeployBlock = z.infer<typeof deployBlock>;
export type Metric = z.infer<typeof metric>;
export type StepRehearsal = z.infer<typeof stepRehearsal>;
export type RetryPolicy = z.infer<typeof retryPolicy>;
export type HttpRequest = z.infer<typeof httpRequest>;
export type ValueSource = z.infer<typeof valueSource>;
export type HttpValueSource = Extract<ValueSource, { kind: 'http' }>;
export type BaselineFromStep = z.infer<typeof baselineFromStep>;
export type Priority = z.infer<typeof priority>;
export type Stakeholder = z.infer<typeof stakeholder>;
export type NoticeWebhook = z.infer<typeof noticeWebhook>;
