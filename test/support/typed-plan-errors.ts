/**
 * "Never an untyped error": what every plan validation must answer, whatever it is given. Either a
 * plan, or plan errors each with a documented code, a message and a well-formed path that leads
 * into the input (the offending value, or the object where a missing field belongs).
 */
import { PLAN_ERROR_CODES, type PlanError, type PlanValidation } from '../../plan';

const SEGMENT = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;

/** `phases[0].roles["cutover-lead"]` → `["phases", 0, "roles", "cutover-lead"]`; undefined when malformed. */
export function parsePath(path: string): PropertyKey[] | undefined {
  const segments: PropertyKey[] = [];
  for (let rest = path; rest.length > 0; ) {
    const match = SEGMENT.exec(rest);
    if (!match || (match[0].startsWith('.') && segments.length === 0)) return undefined;
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : JSON.parse(match[3])));
    rest = rest.slice(match[0].length);
  }
  return segments;
}

function has(value: unknown, key: PropertyKey): boolean {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, key);
}

/** Does the path lead to the input's offending value, or at least to the object that should hold it? */
function leadsIntoInput(input: unknown, segments: PropertyKey[]): boolean {
  let value = input;
  for (let i = 0; i < segments.length; i++) {
    if (!has(value, segments[i])) return i === segments.length - 1 && value !== null && typeof value === 'object';
    value = (value as Record<PropertyKey, unknown>)[segments[i]];
  }
  return true;
}

/** Why `error` is not a proper plan error for `input`, or undefined when it is. */
export function planErrorDefect(error: PlanError, input: unknown): string | undefined {
  if (!Object.hasOwn(PLAN_ERROR_CODES, error.code)) return `undocumented code ${JSON.stringify(error.code)}`;
  if (typeof error.message !== 'string' || error.message.length === 0) return 'empty message';
  if (typeof error.path !== 'string') return 'path is not a string';
  const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
  // Only a document that is not even an object is named by the empty path.
  if (error.path === '') return isObject && error.code !== 'syntax' ? 'empty path on an object document' : undefined;
  const segments = parsePath(error.path);
  if (!segments) return `malformed path ${JSON.stringify(error.path)}`;
  if (!leadsIntoInput(input, segments)) return `path ${error.path} leads nowhere in the input`;
  return undefined;
}

/** Throws (for fast-check to report) unless `result` is a plan or a non-empty list of proper plan errors. */
export function assertTypedValidation(result: PlanValidation, input: unknown): void {
  if (result.ok) return;
  if (result.errors.length === 0) throw new Error('refused without any error');
  for (const error of result.errors) {
    const defect = planErrorDefect(error, input);
    if (defect) throw new Error(`${defect}: ${JSON.stringify(error)}`);
  }
}
