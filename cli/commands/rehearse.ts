/**
 * `golive rehearse <cutover-id | history.json>` and `golive compare <a> <b>`, through the API.
 * rehearse starts a rehearsal that makes the recorded decisions again (with the recorded plan, or
 * `--plan` an edited one), lists the recorded decisions that no longer fit, waits for it to end and
 * prints its report: the script's outcome and the comparison with the recorded cutover.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Comparison } from '../../api/rehearsal/compare';
import type { RehearsalStarted } from '../../api/rehearsal/rehearsal-service';
import { parseDuration } from '../../plan/duration';
import type { StatusDocument } from '../../workflows/status-document';
import { callApi, withApi, withApiOptions, type ApiTarget } from '../api-client';
import { formatComparison, formatScript } from '../compare-format';
import { usageError } from '../io';

interface RehearseOptions extends ApiTarget {
  plan?: string;
  timeScale?: string;
  id?: string;
  wait: boolean;
  timeout: string;
}

const POLL_MS = 500;
const cutoverPath = (id: string) => `/cutovers/${encodeURIComponent(id)}`;

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    return usageError(`golive: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The rehearsal's status once it ended, or null after `timeoutMs`. */
async function ended(api: ApiTarget, id: string, timeoutMs: number): Promise<StatusDocument | null> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, POLL_MS))) {
    const doc = await callApi<StatusDocument>(api, 'GET', cutoverPath(id));
    if (doc.endedAt) return doc;
  }
  return null;
}

function startedLines(started: RehearsalStarted): string[] {
  const lines = [`rehearsal ${started.id} of ${started.rehearsalOf} (recorded: ${started.recorded.state ?? 'not ended'}): ${started.scripted} recorded decision(s) and answer(s) scripted`];
  if (started.unfit.length > 0) lines.push(`${started.unfit.length} recorded message(s) no longer fit the plan (not sent):`);
  for (const entry of started.unfit) lines.push(`  #${entry.n} ${entry.message}${entry.target ? ` ${entry.target}` : ''}: ${entry.reason}`);
  return lines;
}

/** Two runs side by side, as `GET /cutovers/:a/compare?with=b` answers. */
function fetchComparison(api: ApiTarget, a: string, b: string): Promise<Comparison> {
  return callApi<Comparison>(api, 'GET', `${cutoverPath(a)}/compare?with=${encodeURIComponent(b)}`);
}

export function registerRehearse(program: Command): void {
  withApiOptions(
    program
      .command('rehearse')
      .description('rehearse a recorded cutover (its id, or a history file): the same decisions at the same times, steps as they ran')
      .argument('<source>', 'cutover id, or a history file (golive history --out)')
      .option('--plan <file>', 'rehearse with this (edited) plan instead of the recorded one')
      .option('--time-scale <n>', 'run N times faster than real time (3600: an hour takes a second)')
      .option('--id <id>', 'the rehearsal cutover id (default: <source>-rehearsal-<UTC timestamp>)')
      .option('--no-wait', 'start it and return; do not wait for its report')
      .option('--timeout <duration>', 'how long to wait for the rehearsal to end', '30m'),
  ).action(async (source: string, options: RehearseOptions) => {
    const plan = options.plan === undefined ? undefined : await readText(options.plan);
    if (options.plan !== undefined && plan === undefined) return;
    const isFile = source.endsWith('.json') && existsSync(source);
    const history = isFile ? await readText(source) : undefined;
    if (isFile && history === undefined) return;
    const timeScale = options.timeScale === undefined ? undefined : Number(options.timeScale);
    if (timeScale !== undefined && !(timeScale > 0)) return usageError(`golive: --time-scale takes a positive number, not ${options.timeScale}`);
    const body = { plan, id: options.id, timeScale };
    await withApi(options, async (api) => {
      let parsed: unknown;
      try {
        parsed = history === undefined ? undefined : JSON.parse(history);
      } catch (error) {
        return usageError(`golive: ${source} is not JSON: ${(error as Error).message}`);
      }
      const started = parsed
        ? await callApi<RehearsalStarted>(api, 'POST', '/rehearsals', { ...body, history: parsed, source: path.basename(source) })
        : await callApi<RehearsalStarted>(api, 'POST', `${cutoverPath(source)}/rehearse`, body);
      const lines = startedLines(started);
      if (!options.wait) return lines.join('\n');
      const doc = await ended(api, started.id, parseDuration(options.timeout));
      if (!doc) return [...lines, `the rehearsal has not ended after ${options.timeout}; see golive status ${started.id}`].join('\n');
      lines.push(`rehearsal ${started.id} ended ${doc.state} (recorded: ${started.recorded.state ?? 'not ended'})`, ...formatScript(doc), '');
      // A history file's cutover may live elsewhere: then there is nothing on this server to compare with.
      if (!isFile) lines.push(formatComparison(await fetchComparison(api, source, started.id)));
      return lines.join('\n');
    });
  });

  withApiOptions(
    program
      .command('compare')
      .description('compare two cutovers or rehearsals: durations planned vs a vs b, critical paths, the first divergence')
      .argument('<a>', 'cutover id (e.g. the recorded cutover)')
      .argument('<b>', 'cutover id (e.g. its rehearsal)')
      .option('--json', 'print the comparison as JSON'),
  ).action(async (a: string, b: string, options: ApiTarget & { json?: boolean }) => {
    await withApi(options, async (api) => {
      const comparison = await fetchComparison(api, a, b);
      return options.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison);
    });
  });
}
