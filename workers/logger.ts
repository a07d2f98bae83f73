/** The one pino logger; modules take child loggers carrying cutoverId / stepId. */
import pino from 'pino';
import { scrubText } from '../activities/secret-scrub';
import { logFormat, prettyLine } from './log-format';

/** Pretty lines for a person at a terminal (workers/log-format.ts), written synchronously like pino's own stdout. */
function destination(): pino.DestinationStream | undefined {
  if (logFormat(process.env, process.stdout.isTTY === true) === 'json') return undefined;
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  return { write: (line: string) => process.stdout.write(prettyLine(line, { color })) };
}

const options: pino.LoggerOptions = {
  name: 'golive',
  level: process.env.GOLIVE_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info',
  // Every line, whatever logged it (errors with their causes, the Temporal SDK), leaves without worker secrets.
  hooks: { streamWrite: (line) => scrubText(line) },
};
const stream = destination();

export const logger = stream ? pino(options, stream) : pino(options);

export type Logger = pino.Logger;
