/**
 * Reading plan text (YAML 1.2, which also reads JSON) into a plain document for validatePlan.
 * The only plan/ module that touches the file system: not imported by plan/index.ts, so the
 * workflow bundle never sees it.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { PlanError } from './errors';
import { textLimitExceeded } from './text-limits';

export type ParsedPlanText = { ok: true; value: unknown } | { ok: false; errors: PlanError[] };

/** The file could not be read at all (missing, a directory, no permission): not a plan error. */
export class PlanIoError extends Error {
  readonly file: string;

  constructor(file: string, cause: unknown) {
    super(`cannot read plan file ${file}: ${describeIoError(cause)}`, { cause });
    this.name = 'PlanIoError';
    this.file = file;
  }
}

/**
 * Parse YAML or JSON; syntax errors come back as `syntax` plan errors with their line and column,
 * a text beyond the limits of plan/text-limits.ts (nesting, aliases) as one `out-of-range` error.
 */
export function parsePlanText(text: string, source?: string): ParsedPlanText {
  const where = source ? `${source}: ` : '';
  // Before parsing: a text nested too deep, or with thousands of aliases, costs seconds and gigabytes to parse.
  const beyond = textLimitExceeded(text);
  if (beyond) return { ok: false, errors: [{ code: 'out-of-range', path: '', message: `${where}${beyond}` }] };
  // uniqueKeys: a key written twice is an error, not a silent override; alias limits stop "billion laughs".
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { code: 'syntax', path: '', message: `${where}line ${line}, column ${col}: ${e.message}` };
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    // e.g. an alias to an anchor that does not exist, or too many alias expansions.
    return { ok: false, errors: [{ code: 'syntax', path: '', message: `${where}${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/** Read and parse a plan file. Throws PlanIoError when the file cannot be read. */
export async function loadPlanFile(file: string): Promise<ParsedPlanText> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PlanIoError(file, err);
  }
  return parsePlanText(text, file);
}

function describeIoError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
