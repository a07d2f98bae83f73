/**
 * Paths into a JSON answer: `data.results[0].aht`, and for answers with lists of groups,
 * `results[*].data[*].metrics[metric=tHandle].stats.sum` (`[*]` every item, `[key=value]` the items
 * whose `key` is `value`). A path selects every value it matches; nothing matched is an error naming
 * the part of the path that found nothing. Pure: the plan validates paths, the activity and the
 * workflow (baselines from a step's answer) follow them.
 */

/**
 * A name, an index, every item (`[*]`), or the items whose field `key` equals `value`
 * (`[metric=tHandle]`; `key` may be dotted, as Amazon Connect's `[Metric.Name=SERVICE_LEVEL]`).
 */
export type PathSegment = string | number | { all: true } | { key: string; value: string };

/** Names in a plain `path` may hold anything but `.`, `[` and `]` (`service level`); in an expression, only identifier characters. */
export type NameRule = 'plain' | 'identifier';

const NAME: Record<NameRule, RegExp> = { plain: /[^.[\]]+/y, identifier: /[A-Za-z_$][\w$]*/y };
/** `[0]`, `[*]`, `["any name"]` (a name an expression could not spell: `["service-level"]`), `[key=value]`. */
const BRACKET = /\[(?:(\d+)|(\*)|"([^"]*)"|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)=([^\]]+))\]/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * Reads a path starting at `start`; it ends where no `.name` or `[…]` follows. Returns the
 * segments and where it ended; a malformed path throws `at character N` (1-based).
 */
export function readPath(text: string, start: number, rule: NameRule): { segments: PathSegment[]; end: number } {
  const segments: PathSegment[] = [];
  let at = start;
  const fail = (): never => {
    throw new Error(`bad path "${text.slice(start)}" at character ${at - start + 1}`);
  };
  for (;;) {
    const first = segments.length === 0;
    if (text[at] === '[') {
      const bracket = matchAt(BRACKET, text, at) ?? fail();
      segments.push(bracket[1] !== undefined ? Number(bracket[1]) : bracket[2] ? { all: true } : bracket[3] !== undefined ? bracket[3] : { key: bracket[4], value: bracket[5].trim() });
      at = BRACKET.lastIndex;
      continue;
    }
    if (!first && text[at] !== '.') break;
    const nameAt = first ? at : at + 1;
    const name = matchAt(NAME[rule], text, nameAt);
    if (!name) {
      if (first || text[at] === '.') fail();
      break;
    }
    segments.push(name[0]);
    at = NAME[rule].lastIndex;
  }
  return { segments, end: at };
}

/** A whole `path` field: `a.b[0].c` → ['a', 'b', 0, 'c']; anything left over is an error. */
export function parseValuePath(path: string): PathSegment[] {
  const { segments, end } = readPath(path, 0, 'plain');
  if (end !== path.length || segments.length === 0) throw new Error(`bad path "${path}" at character ${end + 1}`);
  return segments;
}

/** The segments written back as a path, for messages. */
export function describePath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (typeof segment === 'string') return /^[^.[\]"]+$/.test(segment) ? (i === 0 ? segment : `.${segment}`) : `[${JSON.stringify(segment)}]`;
      return 'all' in segment ? '[*]' : `[${segment.key}=${segment.value}]`;
    })
    .join('');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of `item`'s (dotted) field `key`, if it has one. */
function fieldText(item: unknown, key: string): string | undefined {
  let current = item;
  for (const name of key.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, name)) return undefined;
    current = current[name];
  }
  return String(current);
}

function step(item: unknown, segment: PathSegment, into: unknown[]): void {
  if (typeof segment === 'string') {
    if (isObject(item) && Object.hasOwn(item, segment)) into.push(item[segment]);
  } else if (typeof segment === 'number') {
    if (Array.isArray(item) && segment < item.length) into.push(item[segment]);
  } else if (Array.isArray(item)) {
    // Selectors compare as text, so `[id=7]` finds the number 7 and the string "7".
    for (const child of item) if ('all' in segment || fieldText(child, segment.key) === segment.value) into.push(child);
  }
}

/** Every value the path matches, in document order; throws `nothing at <prefix>` when none. */
export function selectAll(document: unknown, segments: readonly PathSegment[]): unknown[] {
  let current = [document];
  for (const [index, segment] of segments.entries()) {
    const next: unknown[] = [];
    for (const item of current) step(item, segment, next);
    if (next.length === 0) throw new Error(`nothing at ${describePath(segments.slice(0, index + 1))}`);
    current = next;
  }
  return current;
}

/** A finite number, or a string holding one ("0.08"); never booleans, null or empty strings. */
export function asNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new Error(`not a finite number: ${JSON.stringify(value)?.slice(0, 80)}`);
  return number;
}

/** The one number a plain `path` names; several matches need a function (`sum(…)`) in `value`. */
export function readOne(document: unknown, segments: readonly PathSegment[]): number {
  const values = selectAll(document, segments);
  if (values.length !== 1) throw new Error(`${describePath(segments)} matches ${values.length} values; use value: "sum(${describePath(segments)})" or another function`);
  return asNumber(values[0]);
}
