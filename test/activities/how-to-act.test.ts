/** What a notice about a wait tells people to do: the exact CLI commands and, when configured, the console link. */
import type { NoticeInput, WaitingRef } from '../../activities/contract';
import { actCommands, consoleLink, withHowToAct } from '../../activities/how-to-act';

const ref = (expects: WaitingRef['expects'], id = 'go-no-go'): WaitingRef => ({ kind: 'gate', id, expects, since: '2026-12-04T02:00:00.000Z', deadline: null, roles: ['cutover-lead'] });

test.each([
  ['go-no-go', 'go-no-go', ['golive decide cut-1 go-no-go go --reason "<why>"', 'golive decide cut-1 go-no-go no-go --reason "<why>"']],
  ['checkpoint', 'hc-checkpoint-2', ['continue', 'pause', 'rollback'].map((d) => `golive decide cut-1 hc-checkpoint-2 ${d} --reason "<why>"`)],
  ['completion', 'verify-sso', ['golive complete cut-1 verify-sso --evidence "<what was done, where to see it>"']],
  ['retry-skip', 'revert', ['golive retry cut-1 revert --reason "<why>"', 'golive skip cut-1 revert --reason "<why>"']],
  ['retry-skip-rollback', 'publish', ['golive retry cut-1 publish --reason "<why>"', 'golive skip cut-1 publish --reason "<why>"', 'golive rollback cut-1 --reason "<why>"']],
] as const)('%s: the commands that answer it', (expects, id, commands) => {
  expect(actCommands('cut-1', ref(expects, id))).toEqual(commands);
});

test('a cutover id the shell would split is quoted', () => {
  expect(actCommands("it's here", ref('completion', 'a'))[0]).toBe(`golive complete 'it'\\''s here' a --evidence "<what was done, where to see it>"`);
});

test('the console link: the configured base with the cutover selected; nothing without a usable base', () => {
  expect(consoleLink('cut-1', 'https://golive.example.com/')).toBe('https://golive.example.com/?cutover=cut-1');
  expect(consoleLink('cut 1', 'https://ops.example.com/golive')).toBe('https://ops.example.com/golive?cutover=cut+1');
  expect(consoleLink('cut-1', undefined)).toBeUndefined();
  expect(consoleLink('cut-1', 'not a url')).toBeUndefined();
  expect(consoleLink('cut-1', 'javascript:alert(1)')).toBeUndefined();
});

const notice: NoticeInput = { cutoverId: 'cut-1', key: 'k', event: 'waiting', message: 'Go/no-go go-no-go is open.', roles: ['cutover-lead'], recipients: [], data: { gate: 'go-no-go' }, waiting: ref('go-no-go') };

test('a waiting notice gains the commands and the link, in its text and its data', () => {
  const out = withHowToAct(notice, { GOLIVE_CONSOLE_URL: 'https://golive.example.com' });
  expect(out.message.split('\n')).toEqual([
    'Go/no-go go-no-go is open.',
    'To act (roles: cutover-lead):',
    '  golive decide cut-1 go-no-go go --reason "<why>"',
    '  golive decide cut-1 go-no-go no-go --reason "<why>"',
    'Console: https://golive.example.com/?cutover=cut-1',
  ]);
  expect(out.data).toEqual({ gate: 'go-no-go', waiting: notice.waiting, act: { commands: actCommands('cut-1', notice.waiting!), console: 'https://golive.example.com/?cutover=cut-1' } });
});

test('without GOLIVE_CONSOLE_URL the notice gives the commands only; notices naming no wait are unchanged', () => {
  const out = withHowToAct(notice, {});
  expect(out.message).not.toContain('Console');
  expect(out.data?.act).toEqual({ commands: actCommands('cut-1', notice.waiting!) });
  const plain = { ...notice, event: 'decision' as const, waiting: undefined };
  expect(withHowToAct(plain, { GOLIVE_CONSOLE_URL: 'https://x.example' })).toBe(plain);
});
