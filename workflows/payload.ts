/** Parses a message payload with its zod schema; a bad payload is a Rejection naming each field. */
import type { z } from 'zod';
import { reject } from './rejections';

export function parsePayload<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    reject('invalid-payload', problems.join('; '));
  }
  return result.data;
}
