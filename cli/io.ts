/**
 * What `validate` and `graph` share: read a plan file, validate it, and report failures with the exit
 * codes of the CLI contract (0 ok, 1 invalid plan, 2 usage or I/O). Output goes through process.stdout /
 * process.stderr writes so tests can capture it; exit codes go to process.exitCode, never process.exit.
 */
import { applyParams, formatPlanError, validatePlan, type ParamValues, type PlanAnalysis, type PlanError } from '../plan';
import { loadPlanFile, PlanIoError } from '../plan/load';
import type { Plan } from '../plan/schema';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function err(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Reports `message` as a usage error (stderr, exit code 2); undefined, for `return usageError(...)`. */
export function usageError(message: string): undefined {
  err(message);
  process.exitCode = EXIT_USAGE;
  return undefined;
}

/**
 * `read()`'s value, or undefined after reporting a configuration error of type `expected` as a
 * usage error (exit 2); any other error is a bug and propagates.
 */
export function configOrReport<T>(read: () => T, expected: new (...args: never[]) => Error, prefix = 'golive'): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    return usageError(`${prefix}: ${error.message}`);
  }
}

export interface ReadOptions {
  /** Report failures as one JSON document on stdout instead of lines on stderr. */
  json?: boolean;
  /** Applied to the parsed document before validation (deploy discovery); a thrown error with a `path` is reported as a plan error. */
  prepare?: (raw: unknown) => Promise<unknown>;
  /** Values for the plan's params (`--param`), filled in before `prepare` and validation. */
  params?: Record<string, string>;
}

/**
 * The validated plan and its analysis, or undefined after reporting why not (exit code 2 when the
 * file cannot be read, 1 when it is not a valid plan).
 */
export async function readValidPlan(file: string, options: ReadOptions = {}): Promise<{ plan: Plan; analysis: PlanAnalysis; params: ParamValues } | undefined> {
  try {
    const parsed = await loadPlanFile(file);
    let result: ReturnType<typeof validatePlan> | { ok: false; errors: PlanError[] } = parsed.ok ? { ok: false, errors: [] } : parsed;
    if (parsed.ok) {
      try {
        const filled = options.params ? applyParams(parsed.value, options.params).input : parsed.value;
        result = validatePlan(options.prepare ? await options.prepare(filled) : filled, { params: options.params });
      } catch (error) {
        const path = (error as { path?: unknown }).path;
        if (typeof path !== 'string') throw error;
        result = { ok: false, errors: [{ code: 'discovery', path, message: (error as Error).message }] };
      }
    }
    if (result.ok) return { plan: result.plan, analysis: result.analysis, params: result.params };
    reportErrors(file, result.errors, options);
    process.exitCode = EXIT_INVALID;
  } catch (error) {
    if (!(error instanceof PlanIoError)) throw error;
    if (options.json) out(JSON.stringify({ ok: false, file, errors: [{ code: 'io', path: '', message: error.message }] }, null, 2));
    else err(`golive: ${error.message}`);
    process.exitCode = EXIT_USAGE;
  }
  return undefined;
}

function reportErrors(file: string, errors: PlanError[], options: ReadOptions): void {
  if (options.json) {
    out(JSON.stringify({ ok: false, file, errors }, null, 2));
    return;
  }
  err(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  for (const error of errors) err(formatPlanError(error));
}
