/** The one pino logger; modules take child loggers carrying cutoverId / stepId. */
import pino from 'pino';
import { scrubText } from '../activities/secret-scrub';
import { prettyLine } from './log-format';
import { logSettings } from './settings';

/** Read once, as the logger is made at import time. */
const settings = logSettings(process.stdout.isTTY === true);

/** Pretty lines for a person at a terminal (workers/log-format.ts), written synchronously like pino's own stdout. */
function destination(): pino.DestinationStream | undefined {
  if (settings.format === 'json') return undefined;
  return { write: (line: string) => process.stdout.write(prettyLine(line, { color: settings.color })) };
}

const options: pino.LoggerOptions = {
  name: 'golive',
  level: settings.level,
  // Every line, whatever logged it (errors with their causes, the Temporal SDK), leaves without worker secrets.
  hooks: { streamWrite: (line) => scrubText(line) },
};
const stream = destination();

export const logger = stream ? pino(options, stream) : pino(options);

export type Logger = pino.Logger;
