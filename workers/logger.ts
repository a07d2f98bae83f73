/** The one pino logger; modules take child loggers carrying cutoverId / stepId. */
import pino from 'pino';

export const logger = pino({
  name: 'golive',
  level: process.env.GOLIVE_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info',
});

export type Logger = pino.Logger;
