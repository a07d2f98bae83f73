/**
 * `golive replay <history.json|dir…> [--cutover id] [--open] [--bundle file]`: replays histories
 * against this build's workflow code (or a release's bundle). `--open`, the check before new
 * workers join a live cutover: every cutover running on the task queue, from Temporal. Exit 0:
 * every run replayed; 1: one did not (the report names the cutover or file, the event and what
 * differed); 2: usage (no history named, a file missing or not a history, the API or Temporal unreachable).
 */
import type { Command } from 'commander';
import { ApiError } from '../../api/errors';
import { CodecKeysError } from '../../workers/codec-keys';
import { HistoryDocumentError } from '../../workers/history-document';
import { replayHistories, type HistorySource } from '../../workers/history-replay';
import { readWorkflowBundle } from '../../workers/release-bundle';
import { temporalConfigFromEnv, type TemporalConfig } from '../../workers/temporal-config';
import { openCutoverHistories, TemporalUnreachableError } from '../open-cutovers';
import { createDataConverter, payloadProtectionFromEnv } from '../../workers/payload-codec';
import { installRuntime } from '../../workers/runtime';
import { withApiOptions, type ApiTarget } from '../api-client';
import { fetchDecodedHistory } from '../api-history';
import { configOrReport, EXIT_INVALID, out, usageError } from '../io';
import { HistoryInputError, readHistoryFiles } from '../history-files';
import { formatReplay } from '../replay-format';

interface ReplayOptions extends ApiTarget {
  cutover?: string[];
  open?: boolean;
  bundle?: string;
  plaintextPayloads?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The histories to replay, or undefined after reporting why not (exit 2). */
async function sources(paths: string[], options: ReplayOptions, temporal?: TemporalConfig): Promise<HistorySource[] | undefined> {
  try {
    const found = await readHistoryFiles(paths);
    for (const id of options.cutover ?? []) found.push({ name: `cutover ${id}`, runs: await fetchDecodedHistory(options, id) });
    if (temporal) found.push(...(await openCutoverHistories(temporal)));
    return found;
  } catch (err) {
    if (err instanceof TemporalUnreachableError) return usageError(`golive: ${err.message}`);
    if (err instanceof HistoryInputError) return usageError(`golive: ${err.message}`);
    if (err instanceof ApiError) return usageError(`golive: cannot get the history: ${err.code}: ${err.message}`);
    if (err instanceof HistoryDocumentError) return usageError(`golive: the API's history is not a workflow history: ${err.message}`);
    throw err;
  }
}

/** The bundle `--bundle` names, or undefined after reporting why it cannot be read (exit 2). */
function bundleOrReport(file: string): { code: string } | undefined {
  try {
    return readWorkflowBundle(file);
  } catch (err) {
    return usageError(`golive replay: cannot read the workflow bundle ${file}: ${(err as Error).message}`);
  }
}

export function registerReplay(program: Command): void {
  withApiOptions(
    program
      .command('replay [histories...]')
      .description('replay history files (or every *.json in a directory) and cutovers against this workflow code: ok, or the event that differs')
      .option('--cutover <id>', 'also replay this cutover, its history fetched and decoded through the API (repeatable)', collect)
      .option('--open', "also replay every cutover running on TEMPORAL_TASK_QUEUE, from Temporal (the worker's settings): the check before rolling out new workers")
      .option('--bundle <file>', "replay against this workflow bundle (a release's, .js or .js.gz) instead of this build's")
      .option('--plaintext-payloads', 'with --open: the workers run without GOLIVE_CODEC_KEYS (their --plaintext-payloads)')
      .option('--json', 'print the result as JSON'),
  ).action(async (paths: string[], options: ReplayOptions) => {
    if (paths.length === 0 && !options.cutover?.length && !options.open) return usageError('golive replay: name history files or directories, --cutover <id>, or --open');
    const workflowBundle = options.bundle === undefined ? undefined : bundleOrReport(options.bundle);
    if (options.bundle !== undefined && !workflowBundle) return;
    // Histories on disk may be encrypted (from GET …/history): then the keys are needed; decoded ones replay without.
    // --open reads Temporal's histories, encrypted like the workers write them: without the keys every
    // cutover would look as if it did not replay, so that is refused up front, as the workers refuse it.
    const allowPlaintext = !options.open || options.plaintextPayloads === true;
    const protection = configOrReport(() => payloadProtectionFromEnv({ allowPlaintext }), CodecKeysError);
    if (!protection) return;
    // --open reaches Temporal as the workers do; a bad TLS setting stops here, naming it.
    const temporal = options.open ? configOrReport(() => temporalConfigFromEnv(), Error, 'golive replay') : undefined;
    if (options.open && !temporal) return;
    const found = await sources(paths, options, temporal);
    if (!found) return;
    installRuntime({ quiet: true }); // deliberate failures (bisection) are reported here, not logged
    // Only --open finds nothing to replay: no cutover running, nothing a new worker could fail.
    const outcomes = found.length === 0 ? [] : await replayHistories(found, { dataConverter: createDataConverter(protection), workflowBundle });
    const nothing = `no open cutovers on task queue ${temporal?.taskQueue}: nothing to replay`;
    out(options.json ? JSON.stringify({ ok: outcomes.every((o) => o.ok), histories: outcomes }, null, 2) : found.length === 0 ? nothing : formatReplay(outcomes));
    if (outcomes.some((o) => !o.ok)) process.exitCode = EXIT_INVALID;
  });
}
