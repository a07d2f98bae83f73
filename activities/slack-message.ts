/**
 * A notice as a Slack Block Kit message for an incoming webhook: the text, a button per answer
 * when something waits (the buttons post back to the API's Slack route), the console link.
 * Answers that end or undo something (no-go, rollback) ask Slack for a confirmation first. Pure.
 */
import type { NoticeInput } from './contract';
import { slackActionId, slackAnswers, type SlackActionValue, type SlackAnswer } from './slack-action';

/** Slack refuses a section text over 3000 characters. */
const MAX_SECTION_TEXT = 3000;

const LABELS: Record<SlackAnswer, string> = { go: 'Go', 'no-go': 'No-go', continue: 'Continue', pause: 'Pause', rollback: 'Roll back', retry: 'Retry', skip: 'Skip', complete: 'Done' };
const PRIMARY = new Set<SlackAnswer>(['go', 'continue', 'retry', 'complete']);
const CONFIRMED = new Set<SlackAnswer>(['no-go', 'rollback']);

/** Slack's mrkdwn reads &, < and > as markup. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const plain = (text: string) => ({ type: 'plain_text', text, emoji: false });

function button(value: SlackActionValue): Record<string, unknown> {
  const what = `${value.kind} ${value.id} of ${value.cutover}`;
  return {
    type: 'button',
    text: plain(LABELS[value.answer]),
    action_id: slackActionId(value),
    value: JSON.stringify(value),
    ...(PRIMARY.has(value.answer) ? { style: 'primary' } : {}),
    ...(CONFIRMED.has(value.answer)
      ? { style: 'danger', confirm: { title: plain(`${LABELS[value.answer]}?`), text: plain(`${LABELS[value.answer]} ${what}.`), confirm: plain(LABELS[value.answer]), deny: plain('Cancel') } }
      : {}),
  };
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

export function slackMessage(notice: NoticeInput): SlackMessage {
  const text = `[golive] ${notice.cutoverId}: ${notice.message}`;
  const section = escapeMrkdwn(text);
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: section.length > MAX_SECTION_TEXT ? `${section.slice(0, MAX_SECTION_TEXT - 1)}…` : section } },
  ];
  const { waiting } = notice;
  if (waiting) {
    const values = slackAnswers(waiting.expects).map((answer): SlackActionValue => ({ cutover: notice.cutoverId, kind: waiting.kind, id: waiting.id, answer }));
    blocks.push({ type: 'actions', block_id: `golive-${waiting.kind}-${waiting.id}`.slice(0, 255), elements: values.map(button) });
  }
  const link = (notice.data?.act as { console?: string } | undefined)?.console;
  if (link) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${link}|Open ${escapeMrkdwn(notice.cutoverId)} in the console>` }] });
  return { text, blocks };
}
