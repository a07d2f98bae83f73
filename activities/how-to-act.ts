/**
 * How to act on what a notice says waits: the exact `golive` commands (cli/commands/operate.ts)
 * and, when the worker is configured with GOLIVE_CONSOLE_URL, a link to the cutover in the
 * operator console. Built here, in the activity, so the console's address is worker
 * configuration and never part of a workflow's history. Pure.
 */
import { checkpointDecisions, goNoGoDecisions } from '../workflows/message-schemas';
import type { NoticeInput, WaitingRef } from './contract';
import { setting } from '../workers/settings';

const REASON = '--reason "<why>"';

/** A word as a POSIX shell reads it back (ids are plain already; anything else is single-quoted). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._:/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The commands that answer `waiting` in cutover `cutoverId`, one per possible answer. */
export function actCommands(cutoverId: string, waiting: WaitingRef): string[] {
  const [cutover, target] = [shellWord(cutoverId), shellWord(waiting.id)];
  const decide = (decisions: readonly string[]) => decisions.map((decision) => `golive decide ${cutover} ${target} ${decision} ${REASON}`);
  const answer = (actions: readonly string[]) => actions.map((action) => `golive ${action} ${cutover} ${target} ${REASON}`);
  switch (waiting.expects) {
    case 'go-no-go':
      return decide(goNoGoDecisions);
    case 'checkpoint':
      return decide(checkpointDecisions);
    case 'completion':
      return [`golive complete ${cutover} ${target} --evidence "<what was done, where to see it>"`];
    case 'retry-skip':
      return answer(['retry', 'skip']);
    case 'retry-skip-rollback':
      // A rollback answer rolls the whole cutover back: the cutover-wide command does that.
      return [...answer(['retry', 'skip']), `golive rollback ${cutover} ${REASON}`];
  }
}

/** The console page of the cutover, when the worker knows the console's address (http or https). */
export function consoleLink(cutoverId: string, base: string | undefined): string | undefined {
  if (!base) return undefined;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.searchParams.set('cutover', cutoverId);
  return url.toString();
}

/** The notice with how to act appended to its message and in its data (`act`); others unchanged. */
export function withHowToAct(notice: NoticeInput, env?: NodeJS.ProcessEnv): NoticeInput {
  if (!notice.waiting) return notice;
  const commands = actCommands(notice.cutoverId, notice.waiting);
  // Read per notice, like every notice setting (workers/settings.ts).
  const link = consoleLink(notice.cutoverId, setting('GOLIVE_CONSOLE_URL', env));
  const lines = [notice.message, `To act (roles: ${notice.waiting.roles.join(', ')}):`, ...commands.map((command) => `  ${command}`)];
  if (link) lines.push(`Console: ${link}`);
  const act = { commands, ...(link ? { console: link } : {}) };
  return { ...notice, message: lines.join('\n'), data: { ...notice.data, waiting: notice.waiting, act } };
}
