/**
 * How golive's log reads: JSON lines for machines (log shippers, tests, a pipe), or one short line
 * per entry for a person at a terminal: `08:12:03 WARN  message  key=value …`. JSON unless stdout
 * is a TTY; GOLIVE_LOG_FORMAT=json|pretty decides either way. Pure, so the switch and the line are
 * testable without a terminal.
 */
export type LogFormat = 'json' | 'pretty';

export function logFormat(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): LogFormat {
  const chosen = env.GOLIVE_LOG_FORMAT?.trim().toLowerCase();
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return stdoutIsTty ? 'pretty' : 'json';
}

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '90' },
  30: { name: 'INFO', color: '32' },
  40: { name: 'WARN', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '35' },
};

/** Fields every line has, or that a person does not need on each line. */
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'err']);
/** A field value longer than this is cut: the JSON format keeps it whole. */
const MAX_VALUE_CHARS = 120;

function fieldText(value: unknown): string {
  const text = typeof value === 'string' ? (/\s/.test(value) || value === '' ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

function clock(time: unknown): string {
  const date = new Date(typeof time === 'number' ? time : Date.now());
  return date.toTimeString().slice(0, 8);
}

/** One pino JSON line as a person reads it (a line that is not JSON passes through unchanged). */
export function prettyLine(jsonLine: string, options: { color?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine.endsWith('\n') ? jsonLine : `${jsonLine}\n`;
  }
  const level = LEVELS[entry.level as number] ?? { name: String(entry.level), color: '0' };
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key))
    .map(([key, value]) => `${paint('2', `${key}=`)}${fieldText(value)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const parts = [paint('2', clock(entry.time)), paint(level.color, level.name.padEnd(5)), String(entry.msg ?? ''), ...fields];
  if (err?.message && !String(entry.msg ?? '').includes(err.message)) parts.push(paint(level.color, `(${err.message})`));
  // A stack only where something broke: the first frames say where.
  const stack = err?.stack && (entry.level as number) >= 50 ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : '';
  return `${parts.join('  ')}${stack}\n`;
}
