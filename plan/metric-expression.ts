/**
 * A metric's `value`: arithmetic over paths of a JSON answer, so a source can compute what the
 * platform only reports in parts, e.g. average handle time from Genesys Cloud's aggregates:
 * `sum(results[*].data[*].metrics[metric=tHandle].stats.sum) / sum(results[*].data[*].metrics[metric=tHandle].stats.count)`.
 * Grammar: numbers, paths (plan/value-path.ts), + - * /, parentheses, unary minus, and the functions
 * sum, count, avg, min, max over any number of arguments. Parsed at plan validation (errors give the
 * character), evaluated by the activity (or the workflow, for baselines). Pure.
 */
import { asNumber, describePath, parseValuePath, readOne, readPath, selectAll, type PathSegment } from './value-path';

const FUNCTIONS = ['sum', 'count', 'avg', 'min', 'max'] as const;
type FunctionName = (typeof FUNCTIONS)[number];

/** Every node keeps its source text, so an error can quote the part that failed. */
export type Expression = { text: string } & (
  | { kind: 'number'; value: number }
  | { kind: 'path'; segments: PathSegment[] }
  | { kind: 'call'; fn: FunctionName; args: Expression[] }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
);

/** Longer expressions and deeper nesting are typos or attacks, not metrics. */
export const MAX_EXPRESSION_CHARS = 2000;
const MAX_NESTING = 32;

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): Expression {
    if (this.text.length > MAX_EXPRESSION_CHARS) throw new Error(`longer than ${MAX_EXPRESSION_CHARS} characters`);
    const expression = this.sum();
    this.skipSpace();
    if (this.at < this.text.length) this.fail(`unexpected "${this.text[this.at]}"`);
    return expression;
  }

  private fail(what: string): never {
    throw new Error(`${what} at character ${this.at + 1}`);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at])) this.at++;
  }

  /** The next operator if it is one of `ops` (consumed), else undefined. */
  private operator<T extends string>(ops: readonly T[]): T | undefined {
    this.skipSpace();
    const op = ops.find((candidate) => this.text[this.at] === candidate);
    if (op) this.at++;
    return op;
  }

  private binaryChain(ops: readonly ('+' | '-' | '*' | '/')[], operand: () => Expression): Expression {
    const start = this.at;
    let left = operand();
    for (let op = this.operator(ops); op; op = this.operator(ops)) {
      const right = operand();
      left = { kind: 'binary', op, left, right, text: this.text.slice(start, this.at).trim() };
    }
    return left;
  }

  private sum(): Expression {
    if (++this.depth > MAX_NESTING) this.fail(`nested deeper than ${MAX_NESTING} levels`);
    const expression = this.binaryChain(['+', '-'], () => this.binaryChain(['*', '/'], () => this.factor()));
    this.depth--;
    return expression;
  }

  private factor(): Expression {
    this.skipSpace();
    const start = this.at;
    const char = this.text[this.at];
    if (char === undefined) this.fail('expected a number, a path or "(", found the end');
    if (char === '-') {
      this.at++;
      const operand = this.factor();
      return { kind: 'negate', operand, text: this.text.slice(start, this.at) };
    }
    if (char === '(') {
      this.at++;
      const inner = this.sum();
      this.expect(')');
      return inner;
    }
    const number = /\d+(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = this.at;
    const digits = number.exec(this.text);
    if (digits) {
      this.at = number.lastIndex;
      return { kind: 'number', value: Number(digits[0]), text: digits[0] };
    }
    const call = /([A-Za-z_$][\w$]*)\s*\(/y;
    call.lastIndex = this.at;
    const name = call.exec(this.text);
    if (name) return this.call(name[1], call.lastIndex, start);
    if (!/[A-Za-z_$[]/.test(char)) this.fail(`unexpected "${char}"`);
    const { segments, end } = this.path();
    this.at = end;
    return { kind: 'path', segments, text: this.text.slice(start, end) };
  }

  private path(): ReturnType<typeof readPath> {
    try {
      return readPath(this.text, this.at, 'identifier');
    } catch (err) {
      throw new Error(`${(err as Error).message} (expression character ${this.at + 1})`, { cause: err });
    }
  }

  private call(name: string, argsAt: number, start: number): Expression {
    if (!(FUNCTIONS as readonly string[]).includes(name)) this.fail(`unknown function "${name}" (known: ${FUNCTIONS.join(', ')})`);
    this.at = argsAt;
    const args = [this.sum()];
    while (this.operator([','])) args.push(this.sum());
    this.expect(')');
    return { kind: 'call', fn: name as FunctionName, args, text: this.text.slice(start, this.at) };
  }

  private expect(char: string): void {
    if (!this.operator([char])) this.fail(`expected "${char}"`);
  }
}

/** The expression's tree; a malformed one throws a message with the character it stopped at. */
export function parseExpression(text: string): Expression {
  return new Parser(text).parse();
}

/** What a node stands for: a list of numbers (a path may match many); arithmetic needs exactly one. */
function values(node: Expression, document: unknown): number[] {
  switch (node.kind) {
    case 'number':
      return [node.value];
    case 'path':
      return selectAll(document, node.segments).map((value) => {
        try {
          return asNumber(value);
        } catch (err) {
          throw new Error(`${(err as Error).message} at ${describePath(node.segments)}`, { cause: err });
        }
      });
    case 'negate':
      return [-single(node.operand, document)];
    case 'call':
      return [apply(node.fn, node.args, document)];
    case 'binary':
      return [arithmetic(node.op, single(node.left, document), node.right, document)];
  }
}

function single(node: Expression, document: unknown): number {
  const list = values(node, document);
  if (list.length !== 1) throw new Error(`${node.text} matches ${list.length} values; wrap it in sum(), avg(), min(), max() or count()`);
  return list[0];
}

function arithmetic(op: '+' | '-' | '*' | '/', left: number, rightNode: Expression, document: unknown): number {
  const right = single(rightNode, document);
  if (op === '+') return left + right;
  if (op === '-') return left - right;
  if (op === '*') return left * right;
  // No value is a reading too: 0 calls answered has no average handle time, not an infinite one.
  if (right === 0) throw new Error(`division by zero: ${rightNode.text} is 0`);
  return left / right;
}

function apply(fn: FunctionName, args: Expression[], document: unknown): number {
  // count counts matches, whatever they hold; the others need numbers.
  if (fn === 'count') return args.reduce((total, arg) => total + (arg.kind === 'path' ? selectAll(document, arg.segments).length : values(arg, document).length), 0);
  const all = args.flatMap((arg) => values(arg, document));
  if (fn === 'sum') return all.reduce((total, value) => total + value, 0);
  if (fn === 'avg') return all.reduce((total, value) => total + value, 0) / all.length;
  return all.reduce((best, value) => (fn === 'min' ? Math.min(best, value) : Math.max(best, value)));
}

/** The expression's number for this answer; unreadable (throws) when a path matches nothing, on division by zero, or when the result is not finite. */
export function evaluateExpression(expression: Expression, document: unknown): number {
  const result = single(expression, document);
  if (!Number.isFinite(result)) throw new Error(`${expression.text} is not a finite number (${result})`);
  return result;
}

/** Where a number is in an answer: one `path`, or a `value` expression over several. */
export interface AnswerReading {
  path?: string;
  value?: string;
}

/** The number `reading` finds in `document` (a JSON answer); throws why there is none. */
export function readAnswer(reading: AnswerReading, document: unknown): number {
  if (reading.value !== undefined) return evaluateExpression(parseExpression(reading.value), document);
  if (reading.path === undefined) throw new Error('neither path nor value');
  return readOne(document, parseValuePath(reading.path));
}

/** The path, or the expression, for messages. */
export function describeReading(reading: AnswerReading): string {
  return reading.value ?? reading.path ?? '?';
}
