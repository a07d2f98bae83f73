/** The lines golive's pino logger writes (after its hooks), kept for a test while still written out. */
import pino from 'pino';
import { logger } from '../../workers/logger';

type Stream = { write(line: string): unknown };

export function captureLogLines(level: pino.Level = 'info'): { lines: string[]; stop(): void } {
  const stream = (logger as unknown as Record<symbol, Stream>)[pino.symbols.streamSym];
  const write = stream.write;
  const previousLevel = logger.level;
  const lines: string[] = [];
  logger.level = level;
  stream.write = function (line: string) {
    lines.push(line);
    return write.call(this, line);
  };
  return {
    lines,
    stop() {
      stream.write = write;
      logger.level = previousLevel;
    },
  };
}
