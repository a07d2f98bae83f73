/**
 * Plan errors: a stable code, the path of the offending value and a message an operator can act on.
 * Also the translation of zod issues into plan errors, so no caller ever shows a raw zod message.
 */
import type { z } from 'zod';

export interface PlanError {
  /** One of PLAN_ERROR_CODES: stable, kebab-case, safe to match on. */
  code: string;
  /** JS-like path of the offending value, e.g. `phases[0].steps[2].dependsOn[1]`; "" is the plan itself. */
  path: string;
  message: string;
}

/** Every code a PlanError can carry, and what it means. Codes are a contract: add, never rename. */
export const PLAN_ERROR_CODES = {
  // The file
  syntax: 'the text is not valid YAML or JSON (the message has the line and column)',
  // The schema (zod)
  required: 'a required field is missing',
  'invalid-type': 'a value has the wrong type (a string where a list is expected, …)',
  'unknown-field': 'a field the schema does not know; the path ends with the field name',
  'unknown-kind': 'a step or source kind that does not exist',
  'invalid-value': 'a value outside a fixed set (enum or literal)',
  'invalid-format': 'a string of the wrong shape (slug, id, URL, threshold, …)',
  'out-of-range': 'a number, string or list too small or too big',
  'bad-duration': 'a duration that is not like 250ms, 90s, 10m, 4h or 2d',
  invalid: 'any other schema violation',
  // Cross-references (plan/references.ts)
  'duplicate-id': 'an id used twice: steps (phases, contingency and rollback together), phases, gates, metrics of one checkpoint or watch block',
  'unknown-dependency': 'dependsOn names no step of the plan',
  'self-dependency': 'a step depends on itself',
  'dependency-in-later-phase': 'a step (or a gate) needs a step that only runs later',
  'rollback-dependency': 'a dependency across the phases and the procedure sections (contingency, rollback.first, rollback.then), which run separately; or a `when` naming a procedure step',
  cycle: 'steps that depend on each other in a loop; the message names the loop',
  'unknown-owner': 'a step owner that is not a key of `roles`',
  'unknown-role': 'an approver, escalateTo, notify, stakeholder or starter role that is not a key of `roles`',
  'unknown-step': "a gate criterion, restore, `when` or baseline's fromStep names no step",
  'not-a-snapshot': "a restore's snapshotStep names a step that is not a snapshot",
  'missing-baseline': 'a relative threshold ("+15%", "-5pp") on a metric without a baseline',
  'bad-expression': "a metric source's `path` or `value` expression (or a baseline's) that does not parse; the message has the character",
  'not-an-http-step': "a baseline's fromStep names a step that records no answer (only http steps do)",
  'unknown-phase': "a watch's untilPhaseEnds names no phase, or a phase before the watch's own",
  // Deploy blocks (plan/deploy.ts)
  'unknown-object': 'a deploy block lists, or an object consumes, something the platform does not have',
  'contradicts-platform': "a deploy block's hand-written order reverses what the platform's dependency graph requires",
  // Params (plan/params.ts)
  'unknown-param': "a `${param:NAME}` the plan does not declare, or a value given for a param it does not declare",
  discovery: "a deploy block's platform could not be asked what its objects consume (unreachable, an error answer, a secret not set)",
} as const;

export type PlanErrorCode = keyof typeof PLAN_ERROR_CODES;

export type PathSegment = string | number;

export function planError(code: PlanErrorCode, path: readonly PropertyKey[], message: string): PlanError {
  return { code, path: formatPath(path), message };
}

/** `["phases", 0, "steps", 2]` → `phases[0].steps[2]`; keys that are not identifiers are quoted: `roles["cutover-lead"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** One line for a terminal: `path: message [code]`. */
export function formatPlanError(error: PlanError): string {
  return `${error.path || '(plan)'}: ${error.message} [${error.code}]`;
}

/** The value at `path` in `input`, if every step of the way exists. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    // Own properties only: a missing "constructor" field must not find Object.prototype's.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** How to name a field in a message: the last key with its indexes, e.g. `dependsOn[1]`. */
export function fieldName(path: readonly PropertyKey[], root = 'the document'): string {
  let indexes = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'number') indexes = `[${segment}]${indexes}`;
    else return `${String(segment)}${indexes}`;
  }
  return indexes ? `item ${indexes}` : root;
}

/** A short, safe rendering of a value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return typeof value === 'string' ? shown : `${typeof value} ${shown}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  object: 'an object',
  record: 'an object (a map of names to values)',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

function expectedName(expected: string): string {
  return EXPECTED_NAMES[expected] ?? expected;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

type Issue = z.core.$ZodIssue;

/**
 * Zod issues → plan errors. `input` is the raw document, used to tell a missing field from a wrong one
 * and to quote the offending value; `schema` (optional) lets an unknown field be answered with the
 * allowed ones; `root` is how messages name the whole input.
 */
export function zodIssuesToPlanErrors(issues: readonly Issue[], input: unknown, schema?: z.ZodType, root = 'the document'): PlanError[] {
  return issues.flatMap((issue) => issueToErrors(issue, input, schema, root));
}

function issueToErrors(issue: Issue, input: unknown, schema: z.ZodType | undefined, root: string): PlanError[] {
  const path = issue.path;
  const field = fieldName(path, root);
  const value = valueAt(input, path);
  const got = describeValue(value);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? [planError('required', path, `${field} is required: expected ${expectedName(issue.expected)}`)]
        : [planError('invalid-type', path, `${field} must be ${expectedName(issue.expected)}, got ${got}`)];
    case 'unrecognized_keys': {
      const allowed = schema ? objectKeysAt(schema, input, path) : undefined;
      return issue.keys.map((key) =>
        planError('unknown-field', [...path, key], `unknown field "${key}" in ${field}${suggestKey(key, allowed)}`),
      );
    }
    case 'invalid_union':
      return unionToErrors(issue, path, field, value, got);
    case 'invalid_value': {
      const expected = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteList(issue.values)}`;
      return value === undefined
        ? [planError('required', path, `${field} is required: expected ${expected}`)]
        : [planError('invalid-value', path, `${field} must be ${expected}, got ${got}`)];
    }
    case 'invalid_format':
      return [planError('invalid-format', path, `${field}: ${formatExpectation(issue)}; got ${got}`)];
    case 'too_small':
    case 'too_big':
      return [planError('out-of-range', path, `${field} ${rangeText(issue)}, got ${sizeOf(value, issue.origin)}`)];
    case 'custom': {
      const code = issue.params?.code;
      const known = typeof code === 'string' && Object.hasOwn(PLAN_ERROR_CODES, code);
      return [planError(known ? (code as PlanErrorCode) : 'invalid', path, `${field}: ${issue.message}; got ${got}`)];
    }
    case 'invalid_key': {
      // A bad name in a map (e.g. a role): the path already ends with the name.
      const key = JSON.stringify(String(path[path.length - 1]));
      return issue.issues.map((inner) =>
        planError(inner.code === 'invalid_format' ? 'invalid-format' : 'invalid', path, `name ${key} in ${fieldName(path.slice(0, -1), root)}: ${inner.message}`),
      );
    }
    default:
      return [planError('invalid', path, `${field} is invalid: ${issue.message}`)];
  }
}

function unionToErrors(issue: z.core.$ZodIssueInvalidUnion, path: readonly PropertyKey[], field: string, value: unknown, got: string): PlanError[] {
  if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
    const expected = `one of ${issue.options.map(String).join(', ')}`;
    return value === undefined
      ? [planError('required', path, `${field} is required: expected ${expected}`)]
      : [planError('unknown-kind', path, `unknown ${field} ${got}: expected ${expected}`)];
  }
  // Zod already descends into the one branch whose type matched; what is left is a type mismatch on every branch.
  const expectedTypes = issue.errors.flatMap((branch) =>
    branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0 ? [expectedName(branch[0].expected)] : [],
  );
  if (expectedTypes.length === issue.errors.length && expectedTypes.length > 0) {
    const expected = expectedTypes.join(' or ');
    return value === undefined
      ? [planError('required', path, `${field} is required: expected ${expected}`)]
      : [planError('invalid-type', path, `${field} must be ${expected}, got ${got}`)];
  }
  return [planError('invalid', path, `${field} does not match any allowed form, got ${got}`)];
}

/** Schema-written messages already say what is expected; zod's own ("Invalid URL") do not. */
function formatExpectation(issue: z.core.$ZodIssueInvalidStringFormat): string {
  if (issue.format === 'regex' || !/^Invalid/.test(issue.message)) return issue.message;
  return issue.format === 'url' ? 'expected an http or https URL' : `expected a valid ${issue.format}`;
}

function rangeText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const unit = issue.origin === 'array' ? 'item' : issue.origin === 'string' ? 'character' : '';
  if (unit) {
    const count = `${bound} ${unit}${bound === 1 ? '' : 's'}`;
    if (issue.exact) return `must have exactly ${count}`;
    return small ? `must have at least ${count}` : `must have at most ${count}`;
  }
  const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
  return `must be ${op} ${bound}`;
}

function sizeOf(value: unknown, origin: string): string {
  if (origin === 'array' && Array.isArray(value)) return `${value.length}`;
  if (origin === 'string' && typeof value === 'string') return `${value.length}`;
  return describeValue(value);
}

/** `: did you mean "timeout"?` for a near miss, else the list of allowed fields. */
function suggestKey(key: string, allowed: readonly string[] | undefined): string {
  if (!allowed || allowed.length === 0) return '';
  const near = nearMisses(key, allowed);
  return near.length > 0 ? `: did you mean ${quoteList(near)}?` : `: expected one of ${allowed.join(', ')}`;
}

/** At most this many suggestions: a short id can be a typo away from hundreds of others (s1230, s1231, …). */
const MAX_NEAR_MISSES = 5;

/**
 * The candidates a typo away from `word` (case-insensitive edit distance ≤ a quarter of their length, at least 1),
 * in candidate order; when more than MAX_NEAR_MISSES are, the closest of them. Linear in the candidates: a length
 * check first, then an edit distance that stops as soon as it exceeds the allowed one.
 */
export function nearMisses(word: string, candidates: Iterable<string>): string[] {
  const target = word.toLowerCase();
  const near: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const allowed = Math.max(1, Math.floor(candidate.length / 4));
    if (Math.abs(candidate.length - target.length) > allowed) continue;
    const distance = editDistanceWithin(candidate.toLowerCase(), target, allowed);
    if (distance <= allowed) near.push({ candidate, distance });
  }
  if (near.length > MAX_NEAR_MISSES) near.sort((a, b) => a.distance - b.distance).splice(MAX_NEAR_MISSES);
  return near.map((n) => n.candidate);
}

/** The edit distance of `a` and `b` when it is at most `limit`, else some number above `limit` (found early). */
function editDistanceWithin(a: string, b: string, limit: number): number {
  // Two rows, swapped; no allocation per cell: this runs once per candidate of every "did you mean".
  let prev: number[] = [];
  let row: number[] = [];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      let best = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (prev[j] + 1 < best) best = prev[j] + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Every later row is at least this row's minimum: the distance can only grow from here.
    if (rowMin > limit) return rowMin;
    const done = prev;
    prev = row;
    row = done;
  }
  return prev[b.length];
}

/** The fields an object schema allows at `path`, following the input through wrappers and discriminated unions. */
function objectKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] | undefined {
  let candidates: z.core.$ZodType[] = [schema];
  for (let i = 0; i <= path.length; i++) {
    const here = valueAt(input, path.slice(0, i));
    candidates = candidates.flatMap((c) => unwrap(c, here));
    if (i === path.length) break;
    const segment = path[i];
    candidates = candidates.flatMap((c) => {
      const def = c._zod.def as unknown as Record<string, unknown>;
      if (def.type === 'object') {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        return Object.hasOwn(shape, segment) ? [shape[String(segment)]] : [];
      }
      if (def.type === 'array') return [def.element as z.core.$ZodType];
      if (def.type === 'record') return [def.valueType as z.core.$ZodType];
      return [];
    });
  }
  const object = candidates.find((c) => c._zod.def.type === 'object');
  return object ? Object.keys((object._zod.def as unknown as { shape: object }).shape) : undefined;
}

/** Strip optional/default/… wrappers; pick the union variants that match `value`'s discriminator. */
function unwrap(schema: z.core.$ZodType, value: unknown): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown>;
  if ('innerType' in def) return unwrap(def.innerType as z.core.$ZodType, value);
  if (def.type === 'pipe') return unwrap(def.in as z.core.$ZodType, value);
  if (def.type === 'lazy') return unwrap((def.getter as () => z.core.$ZodType)(), value);
  if (def.type !== 'union') return [schema];
  const options = def.options as z.core.$ZodType[];
  const discriminator = def.discriminator as string | undefined;
  const tag = discriminator === undefined ? undefined : valueAt(value, [discriminator]);
  return options
    .filter((option) => {
      if (discriminator === undefined) return true;
      const literal = (option._zod.def as unknown as { shape?: Record<string, z.core.$ZodType> }).shape?.[discriminator];
      const values = (literal?._zod.def as unknown as { values?: unknown[] } | undefined)?.values;
      return values?.includes(tag) ?? false;
    })
    .flatMap((option) => unwrap(option, value));
}
