/**
 * The log format switch: JSON unless stdout is a terminal, GOLIVE_LOG_FORMAT overriding either
 * way; the pretty line a person reads; and the logger itself writing pretty lines when asked,
 * secrets scrubbed as in JSON.
 */
import { logFormat, prettyLine } from '../../workers/log-format';

describe('logFormat', () => {
  it.each([
    [{}, true, 'pretty'],
    [{}, false, 'json'],
    [{ GOLIVE_LOG_FORMAT: 'json' }, true, 'json'],
    [{ GOLIVE_LOG_FORMAT: 'pretty' }, false, 'pretty'],
    [{ GOLIVE_LOG_FORMAT: ' Pretty ' }, false, 'pretty'],
    [{ GOLIVE_LOG_FORMAT: 'yaml' }, false, 'json'],
  ])('%j with a TTY %s is %s', (env, tty, expected) => {
    expect(logFormat(env as NodeJS.ProcessEnv, tty)).toBe(expected);
  });
});

describe('prettyLine', () => {
  const time = new Date(2026, 11, 4, 8, 12, 3).getTime();
  const line = (entry: Record<string, unknown>) => JSON.stringify({ level: 30, time, pid: 1, hostname: 'vm', name: 'golive', ...entry });

  it('writes time, level, message and the fields that matter, quoting values with spaces', () => {
    expect(prettyLine(line({ msg: 'API listening', url: 'http://127.0.0.1:4680', auth: 'bearer tokens from x' }))).toBe(
      '08:12:03  INFO   API listening  url=http://127.0.0.1:4680  auth="bearer tokens from x"\n',
    );
  });

  it('cuts long values, shows an error message, and a few stack frames for errors', () => {
    const err = { type: 'Error', message: 'connection refused', stack: 'Error: connection refused\n    at a (x.ts:1)\n    at b (y.ts:2)\n    at c (z.ts:3)\n    at d (w.ts:4)' };
    const text = prettyLine(line({ level: 50, msg: 'API request failed', err, body: 'x'.repeat(500) }));
    const [first, ...frames] = text.trimEnd().split('\n');
    expect(first).toMatch(/^08:12:03 {2}ERROR {2}API request failed {2}body=x{119}… {2}\(connection refused\)$/);
    expect(frames).toEqual(['    at a (x.ts:1)', '    at b (y.ts:2)', '    at c (z.ts:3)']);
  });

  it('colours the level only when asked, and passes a line that is not JSON through', () => {
    expect(prettyLine(line({ level: 40, msg: 'careful' }), { color: true })).toContain('\u001b[33mWARN \u001b[0m');
    expect(prettyLine(line({ level: 40, msg: 'careful' }))).not.toContain('\u001b[');
    expect(prettyLine('not json')).toBe('not json\n');
  });
});

describe('the logger', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
    jest.restoreAllMocks();
  });

  /** Lines a freshly loaded logger writes to stdout with `env`. */
  function linesWith(env: Record<string, string>, log: (logger: typeof import('../../workers/logger').logger) => void): string[] {
    Object.assign(process.env, env, { GOLIVE_LOG_LEVEL: 'info' });
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    jest.isolateModules(() => {
      log((jest.requireActual('../../workers/logger') as typeof import('../../workers/logger')).logger);
    });
    return written.join('').split('\n').filter(Boolean);
  }

  it('writes pretty lines when GOLIVE_LOG_FORMAT=pretty, scrubbed of worker secrets', () => {
    const lines = linesWith({ GOLIVE_LOG_FORMAT: 'pretty', GOLIVE_SECRET_PRETTY_TEST: 'hunter2-secret-value' }, (logger) => {
      logger.child({ cutoverId: 'acme-1' }).info({ stepId: 'export' }, 'step started with hunter2-secret-value');
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}INFO {3}step started with \S+ {2}cutoverId=acme-1 {2}stepId=export$/);
    expect(lines[0]).not.toContain('hunter2-secret-value');
  });

  it('writes JSON lines when GOLIVE_LOG_FORMAT=json (and, as here, when stdout is no terminal)', () => {
    for (const env of [{ GOLIVE_LOG_FORMAT: 'json' }, {}] as Record<string, string>[]) {
      const lines = linesWith(env, (logger) => logger.info({ cutoverId: 'acme-1' }, 'hello'));
      expect(JSON.parse(lines[0])).toMatchObject({ level: 30, name: 'golive', cutoverId: 'acme-1', msg: 'hello' });
    }
  });
});
