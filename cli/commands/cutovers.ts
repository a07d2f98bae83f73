/** `golive start` and `golive status`: talk to the golive API (`--api` or GOLIVE_API). */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { CutoverPage } from '../../api/cutover-service';
import { cutoverStates, type StatusDocument } from '../../workflows/status-document';
import { formatCutoverPage, listQueryString, type ListOptions } from '../cutover-list';
import { formatStatus } from '../status-format';
import { paramValues, withParamOption, type ParamOptions } from '../params-option';
import { callApi, withApi, withApiOptions, type ApiTarget } from '../api-client';
import { watchStatus } from '../status-watch';

/** A number as a number; anything else as typed, so the API's refusal names the field and the value. */
function numberOrText(text: string | undefined): number | string | undefined {
  return text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

export function registerCutovers(program: Command): void {
  withApiOptions(
    withParamOption(program.command('start <plan>'))
      .description('start a cutover from a plan file through the API')
      .option('--id <id>', 'cutover id (default: <plan name>-<UTC timestamp>)')
      .option('--mode <mode>', 'live or rehearsal', 'live')
      .option('--comms <comms>', 'where notices go: off, test (a test sink) or on (the roster); default rehearsal → test, live → on')
      .option('--time-scale <n>', 'rehearsals: run N times faster than real time (3600: an hour takes a second)')
      .option('--override-rehearsal <reason>', 'a live start of a plan with requireRehearsal and no completed rehearsal: go ahead anyway, for this reason (recorded)'),
  ).action(async (file: string, options: ApiTarget & ParamOptions & { id?: string; mode: string; comms?: string; timeScale?: string; overrideRehearsal?: string }) => {
    const params = paramValues(options);
    if (!params) return;
    let plan: string;
    try {
      plan = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`golive: cannot read ${file}: ${(err as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    const rehearsal = { comms: options.comms, timeScale: numberOrText(options.timeScale), overrideRehearsal: options.overrideRehearsal };
    await withApi(options, async (api) => (await callApi<{ id: string }>(api, 'POST', '/cutovers', { plan, id: options.id, mode: options.mode, params, ...rehearsal })).id);
  });

  withApiOptions(
    program
      .command('status [id]')
      .description('show one cutover (what it waits for, latest evaluations, open issues, params, rollback, steps) or list cutovers, one page at a time')
      .option('--json', 'print the raw JSON document')
      .option('--watch', 'with an id: print a line per change (live, from the API\'s event stream) until the cutover ends')
      .option('--page-size <n>', 'without an id: cutovers per page, 1..1000 (default 100)')
      .option('--cursor <cursor>', 'without an id: the page after the one that printed this cursor')
      .option('--state <states>', `without an id: only cutovers in these states (comma-separated): ${cutoverStates.join(', ')}`)
      .option('--mode <mode>', 'without an id: only live or rehearsal cutovers')
      .option('--plan <name>', 'without an id: only cutovers of this plan'),
  ).action(async (id: string | undefined, options: ApiTarget & ListOptions & { json?: boolean; watch?: boolean }) => {
    await withApi(options, async (api) => {
      if (id && options.watch) return void (await watchStatus(api, id, options.json === true));
      if (id) {
        const doc = await callApi<StatusDocument>(api, 'GET', `/cutovers/${encodeURIComponent(id)}`);
        return options.json ? JSON.stringify(doc, null, 2) : formatStatus(doc);
      }
      const page = await callApi<CutoverPage>(api, 'GET', `/cutovers${listQueryString(options)}`);
      return options.json ? JSON.stringify(page, null, 2) : formatCutoverPage(page, options);
    });
  });
}
