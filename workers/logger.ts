/** The one pino logger; modules take child loggers carrying cutoverId / stepId. */
import pino from 'pino';
import { scrubText } from '../activities/secret-scrub';

export const logger = pino({
  name: 'golive',
  level: process.env.GOLIVE_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info',
  // Every line, whatever logged it (errors with their causes, the Temporal SDK), leaves without worker secrets.
  hooks: { streamWrite: (line) => scrubText(line) },
});

export type Logger = pino.Logger;
