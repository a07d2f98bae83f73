/**
 * `golive replay <history.json|dir…> [--cutover id]`: replays histories against this build's
 * workflow code. Exit 0: every run replayed; 1: one did not (the report names the event and what
 * differed); 2: usage (no history named, a file missing or not a history, the API unreachable).
 */
import type { Command } from 'commander';
import { ApiError } from '../../api/errors';
import { CodecKeysError } from '../../workers/codec-keys';
import { HistoryDocumentError } from '../../workers/history-document';
import { replayHistories, type HistorySource } from '../../workers/history-replay';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { installRuntime } from '../../workers/runtime';
import { withApiOptions, type ApiTarget } from '../api-client';
import { fetchDecodedHistory } from '../api-history';
import { configOrReport, EXIT_INVALID, out, usageError } from '../io';
import { HistoryInputError, readHistoryFiles } from '../history-files';
import { formatReplay } from '../replay-format';

interface ReplayOptions extends ApiTarget {
  cutover?: string[];
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The histories to replay, or undefined after reporting why not (exit 2). */
async function sources(paths: string[], options: ReplayOptions): Promise<HistorySource[] | undefined> {
  try {
    const found = await readHistoryFiles(paths);
    for (const id of options.cutover ?? []) found.push({ name: `cutover ${id}`, runs: await fetchDecodedHistory(options, id) });
    return found;
  } catch (err) {
    if (err instanceof HistoryInputError) return usageError(`golive: ${err.message}`);
    if (err instanceof ApiError) return usageError(`golive: cannot get the history: ${err.code}: ${err.message}`);
    if (err instanceof HistoryDocumentError) return usageError(`golive: the API's history is not a workflow history: ${err.message}`);
    throw err;
  }
}

export function registerReplay(program: Command): void {
  withApiOptions(
    program
      .command('replay [histories...]')
      .description('replay history files (or every *.json in a directory) and cutovers against this workflow code: ok, or the event that differs')
      .option('--cutover <id>', 'also replay this cutover, its history fetched and decoded through the API (repeatable)', collect)
      .option('--json', 'print the result as JSON'),
  ).action(async (paths: string[], options: ReplayOptions) => {
    if (paths.length === 0 && !options.cutover?.length) return usageError('golive replay: name history files or directories, or --cutover <id>');
    // Histories on disk may be encrypted (from GET …/history): then the keys are needed; decoded ones replay without.
    const protection = configOrReport(() => payloadProtectionFromEnv({ allowPlaintext: true }), CodecKeysError);
    if (!protection) return;
    const found = await sources(paths, options);
    if (!found) return;
    installRuntime({ quiet: true }); // deliberate failures (bisection) are reported here, not logged
    const outcomes = await replayHistories(found, { dataConverter: createDataConverter(protection) });
    out(options.json ? JSON.stringify({ ok: outcomes.every((o) => o.ok), histories: outcomes }, null, 2) : formatReplay(outcomes));
    if (outcomes.some((o) => !o.ok)) process.exitCode = EXIT_INVALID;
  });
}
