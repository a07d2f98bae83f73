/**
 * Plan parameters: one plan for rehearsal and live. A plan declares `params` (type, default) and
 * writes `${param:NAME}` anywhere in its values; the values are set when a cutover starts
 * (`--param k=v`, the API's `params`) and substituted before anything else looks at the plan, so
 * the schema, the cross-references and the workflow all see the concrete plan. A reference the
 * plan does not declare, a value of the wrong type, an unknown or a missing param is a plan error
 * naming its path. Params are not secrets (they are shown in the status): use `${secret:NAME}`.
 */
import { z } from 'zod';
import { planError, type PathSegment, type PlanError } from './errors';

export const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const REFERENCE = /\$\{param:([^}]*)\}/g;
const WHOLE_REFERENCE = /^\$\{param:([^}]*)\}$/;

export const paramValue = z.union([z.string().max(2048), z.number(), z.boolean()]);
export type ParamValue = z.infer<typeof paramValue>;
export type ParamValues = Record<string, ParamValue>;

export const paramSpec = z
  .object({
    /** `url`: an http(s) URL (a platform's API root, a test org's address). */
    type: z.enum(['string', 'number', 'boolean', 'url']).default('string'),
    default: paramValue.optional(),
    description: z.string().max(500).optional(),
    /** The values allowed, when there are only a few (e.g. `[test-org, production]`). */
    allowed: z.array(paramValue).min(1).max(100).optional(),
  })
  .strict();
export type ParamSpec = z.infer<typeof paramSpec>;

export const paramDeclarations = z.record(z.string().regex(PARAM_NAME, 'param names are letters, digits and "_", starting with a letter'), paramSpec);

/** What a value given as text (`--param k=v`, a query string) or JSON means for its declared type. */
function coerce(spec: ParamSpec, value: ParamValue): { ok: true; value: ParamValue } | { ok: false; message: string } {
  switch (spec.type) {
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: `expected a number, got ${JSON.stringify(value)}` };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, message: `expected true or false, got ${JSON.stringify(value)}` };
    case 'url': {
      const text = String(value);
      return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol) ? { ok: true, value: text } : { ok: false, message: `expected an http(s) URL, got ${JSON.stringify(text)}` };
    }
    default:
      return { ok: true, value: String(value) };
  }
}

function allowedError(spec: ParamSpec, value: ParamValue): string | undefined {
  if (!spec.allowed || spec.allowed.some((allowed) => allowed === value)) return undefined;
  return `must be one of ${spec.allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}`;
}

/** The value of every declared param: given, else its default; errors for unknown, missing and ill-typed ones. */
export function resolveParamValues(declared: Record<string, ParamSpec>, given: Record<string, ParamValue>): { values: ParamValues; errors: PlanError[] } {
  const values: ParamValues = {};
  const errors: PlanError[] = [];
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) errors.push(planError('unknown-param', ['params', name], `no param ${name} is declared in the plan's params (declared: ${Object.keys(declared).join(', ') || 'none'})`));
  }
  for (const [name, spec] of Object.entries(declared)) {
    const raw = Object.hasOwn(given, name) ? given[name] : spec.default;
    if (raw === undefined) {
      errors.push(planError('required', ['params', name], `param ${name} has no default: set it when starting (--param ${name}=…, or the API's params)`));
      continue;
    }
    const coerced = coerce(spec, raw);
    const problem = coerced.ok ? allowedError(spec, coerced.value) : coerced.message;
    if (problem || !coerced.ok) errors.push(planError('invalid-value', ['params', name], `param ${name}: ${problem}`));
    else values[name] = coerced.value;
  }
  return { values, errors };
}

/** `text` with every `${param:NAME}` replaced; a sole reference keeps its value's type (a number stays a number). */
interface Substitution {
  declared: Record<string, ParamSpec>;
  values: ParamValues;
  errors: PlanError[];
}

function substituteText(text: string, path: PathSegment[], { declared, values, errors }: Substitution): unknown {
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole && Object.hasOwn(values, whole[1])) return values[whole[1]];
  return text.replace(REFERENCE, (reference, name: string) => {
    if (Object.hasOwn(values, name)) return String(values[name]);
    // A declared param without a usable value is reported once, at params.NAME.
    if (!Object.hasOwn(declared, name)) errors.push(planError('unknown-param', path, `${reference} names no declared param (declare it under params)`));
    return reference;
  });
}

/**
 * Substitutes in a copy. YAML anchors make the parsed input a graph, not a tree: each shared node
 * is copied once (an alias bomb stays small), and a node met again on its own path (a cyclic
 * alias) is left as it is for the schema to refuse, rather than recursing without end.
 */
function substitute(value: unknown, path: PathSegment[], context: Substitution, copies = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return value.includes('${param:') ? substituteText(value, path, context) : value;
  if (value === null || typeof value !== 'object') return value;
  if (copies.has(value)) return copies.get(value);
  copies.set(value, value);
  let copy: unknown;
  if (Array.isArray(value)) copy = value.map((item, i) => substitute(item, [...path, i], context, copies));
  // fromEntries defines own properties: a "__proto__" key stays data, never a prototype.
  else copy = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, [...path, key], context, copies)]));
  copies.set(value, copy);
  return copy;
}

export interface AppliedParams {
  /** The plan with every reference replaced (the input itself when it declares and uses none). */
  input: unknown;
  values: ParamValues;
  errors: PlanError[];
}

/**
 * Substitutes the plan's params. An ill-formed `params` section is left to the schema to report
 * (nothing is substituted then, and references stay as they are).
 */
export function applyParams(input: unknown, given: Record<string, ParamValue> = {}): AppliedParams {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { input, values: {}, errors: [] };
  const { params, ...rest } = input as Record<string, unknown>;
  const declared = paramDeclarations.safeParse(params ?? {});
  if (!declared.success) return { input, values: {}, errors: [] };
  const { values, errors } = resolveParamValues(declared.data, given);
  const substituted = substitute(rest, [], { declared: declared.data, values, errors }) as Record<string, unknown>;
  return { input: params === undefined ? substituted : { params, ...substituted }, values, errors };
}

/** `NAME=value` pairs (CLI `--param`) as given values; text, to be typed by the plan's declarations. */
export function parseParamArguments(pairs: readonly string[]): { values: Record<string, string>; errors: string[] } {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at) : '';
    if (!PARAM_NAME.test(name)) errors.push(`--param ${pair}: expected NAME=value`);
    else values[name] = pair.slice(at + 1);
  }
  return { values, errors };
}
