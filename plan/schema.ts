/**
 * The cutover plan (apiVersion golive/v1) as zod schemas: the one place its shape is written.
 * Every type of the plan is inferred from here. Cross-references (ids, owners, the DAG) are
 * checked by plan/references.ts, which needs the whole plan.
 */
import { z } from 'zod';
import { formatDuration, isDuration, parseDuration } from './duration';
import { paramDeclarations } from './params';
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

/** An HTTP request. Header values may reference secrets as `${secret:NAME}`, resolved only inside the activity. */
export const httpRequest = z
  .object({
    method: httpMethod.default('GET'),
    url: templatedUrl,
    headers: z.record(z.string(), z.string()).optional(),
    body: z
      .unknown()
      .superRefine((body, ctx) => {
        if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) ctx.addIssue({ code: 'custom', message: `nests deeper than ${MAX_BODY_DEPTH} levels`, params: { code: 'out-of-range' } });
      })
      .optional(),
    expectStatus: expectStatus.optional(),
  })
  .strict();

/** A number read from somewhere: a JSON HTTP endpoint and a dotted path into it, or a static value. */
export const valueSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: z.number() }).strict(),
  z
    .object({ kind: z.literal('http'), url: templatedUrl, path: z.string().min(1), headers: z.record(z.string(), z.string()).optional() })
    .strict(),
]);

/** Absolute (0.08) or relative to a baseline ("+15%", "-5%"). */
export const threshold = z.union([
  z.number(),
  z.string().regex(/^[+-]\d+(\.\d+)?%$/, 'expected a number or a percentage relative to the baseline such as "+15%"'),
]);

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

export const metric = z
  .object({
    id: identifier,
    title: z.string().optional(),
    source: valueSource,
    baseline: z.number().optional(),
    min: threshold.optional(),
    max: threshold.optional(),
  })
  .strict();

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
  .refine((c) => c.count !== undefined || c.until !== undefined, { message: 'checkpoints need `count` or `until`', path: ['count'], params: { code: 'required' } });

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
  })
  .strict();

export const stakeholder = z
  .object({ name: z.string().min(1), role: z.string().min(1), org: z.string().optional(), contact: z.string().optional() })
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
    rollback: z.object({ steps: z.array(step).default([]) }).strict().optional(),
    rollbackCriteria: z
      .object({ unresolvedIssue: z.object({ severity, olderThan: duration }).strict().optional() })
      .strict()
      .optional(),
  })
  .strict();

export type Plan = z.infer<typeof plan>;
export type PlanInput = z.input<typeof plan>;
export type Phase = z.infer<typeof phase>;
export type Step = z.infer<typeof step>;
export type StepKind = Step['kind'];
export type Compensation = z.infer<typeof compensation>;
export type Gate = z.infer<typeof gate>;
export type Checkpoints = z.infer<typeof checkpoints>;
export type DeployBlock = z.infer<typeof deployBlock>;
export type Metric = z.infer<typeof metric>;
export type RetryPolicy = z.infer<typeof retryPolicy>;
export type HttpRequest = z.infer<typeof httpRequest>;
export type ValueSource = z.infer<typeof valueSource>;
export type Priority = z.infer<typeof priority>;
export type Stakeholder = z.infer<typeof stakeholder>;
