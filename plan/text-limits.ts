/**
 * Limits on plan text, checked on the lexer's tokens before anything is built. yaml's parser slows
 * down with depth (a 2 MB body of "[" took 28 s and 1.8 GB) and its composer recurses (past ~800
 * levels every level reports "Maximum call stack size exceeded"); resolving an alias scans every
 * anchor and alias before it, so thousands of aliases cost seconds (5,000 took 17 s). A plan
 * nests a few dozen levels and shares a few blocks. Not in plan/index.ts: workflows never lex.
 */
import { Lexer } from 'yaml';

/** Far above any plan (its structure ~10 levels, an http body at most 32), far below trouble. */
export const MAX_TEXT_NESTING = 256;
/** Aliases (`*name`) in one text; each anchor may also be used at most 100 times (plan/load.ts). */
export const MAX_TEXT_ALIASES = 500;

const SCALAR = '\x1f';
const isNewline = (token: string) => token === '\n' || token === '\r\n';
/** The lexer's own markers (document start, scalar, flow error…) are control characters, not source. */
const isMarker = (token: string) => token.length === 1 && token < ' ' && token !== '\t';

/**
 * Why `text` is beyond the limits, or undefined. Nesting is bounded from above at every token: open
 * flow collections (`[`, `{`), the line's indentation in columns, and the block indicators (`-`,
 * `?`, `:`) on the line outside flow collections. Stops at the first token past a limit, so a
 * hostile text costs no more than a plan-sized one.
 */
export function textLimitExceeded(text: string): string | undefined {
  let flow = 0;
  let indent = 0;
  let inline = 0;
  let aliases = 0;
  let lineStart = true;
  let previous = '';
  for (const token of new Lexer().lex(text)) {
    const afterMarker = previous === SCALAR;
    previous = token;
    if (isNewline(token)) {
      lineStart = true;
      indent = 0;
      inline = 0;
      continue;
    }
    if (isMarker(token)) continue;
    if (lineStart && /^ +$/.test(token)) indent = token.length;
    lineStart = false;
    if (token === '[' || token === '{') flow++;
    else if (token === ']' || token === '}') flow = Math.max(0, flow - 1);
    else if (flow === 0 && (token === '-' || token === '?' || token === ':')) inline++;
    else if (token.startsWith('*') && !afterMarker && ++aliases > MAX_TEXT_ALIASES) return `the text has more than ${MAX_TEXT_ALIASES} aliases (*name)`;
    if (flow + indent + inline > MAX_TEXT_NESTING) return `the text nests deeper than ${MAX_TEXT_NESTING} levels; a plan needs a few dozen`;
  }
  return undefined;
}
