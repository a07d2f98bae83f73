/**
 * What a golive button in a Slack message carries: the cutover, what waits (a gate or a step)
 * and the answer. The notice activity writes it into the button's `value`; the API's Slack route
 * (api/routes/slack-actions.ts) reads it back from the signed request. Pure.
 */
import { z } from 'zod';
import type { WaitingRef } from './contract';

export const slackAnswer = z.enum(['go', 'no-go', 'continue', 'pause', 'rollback', 'retry', 'skip', 'complete']);
export type SlackAnswer = z.infer<typeof slackAnswer>;

export const slackActionValue = z
  .object({ cutover: z.string().min(1).max(128), kind: z.enum(['gate', 'step']), id: z.string().min(1).max(100), answer: slackAnswer })
  .strict();
export type SlackActionValue = z.infer<typeof slackActionValue>;

/** The answers a button may give to what waits (a manual completion: "done", the workflow checks evidence rules). */
export function slackAnswers(expects: WaitingRef['expects']): SlackAnswer[] {
  switch (expects) {
    case 'go-no-go':
      return ['go', 'no-go'];
    case 'checkpoint':
      return ['continue', 'pause', 'rollback'];
    case 'completion':
      return ['complete'];
    case 'retry-skip':
      return ['retry', 'skip'];
    case 'retry-skip-rollback':
      return ['retry', 'skip', 'rollback'];
  }
}

/** The button's `action_id`: unique within its message, and says what it does at a glance in Slack's logs. */
export const slackActionId = (value: SlackActionValue): string => `golive-${value.kind}-${value.answer}`;
