/**
 * A rehearsal's script: the recorded operator messages of a past cutover, made again by the
 * workflow itself at the same times after the start (scaled like every plan duration). Each goes
 * through the same validation and effect as an operator's message, on record with source
 * `rehearsal-script` under the recorded operator's name and roles. A message whose gate or step
 * is not there yet (a checkpoint that has not breached, a step not yet waiting) waits for it; one
 * refused for any other reason is recorded as rejected; one still pending when the cutover ends
 * is recorded as not applied (with what it waited for). What became of each entry is in the run aggregate, so a run that
 * continues as new goes on with the entries still pending. Workflow code (deterministic).
 */
import { condition, sleep } from '@temporalio/workflow';
import type { CutoverRun } from './cutover-run';
import type { RehearsalScriptEntry } from './cutover-input';
import type { MessageSpecs } from './handlers';
import { Rejection, type RejectionCode } from './rejections';

/** Refusals that only mean "not yet": the gate has not opened, the step does not wait, the cutover is not paused. */
const NOT_YET: readonly RejectionCode[] = ['gate-not-open', 'unknown-gate', 'step-not-awaiting', 'unknown-issue', 'not-paused', 'already-paused', 'criteria-not-met'];

type Verdict = { kind: 'ready'; payload: unknown } | { kind: 'wait' | 'refused'; reason: string };

/** The entry's plan time after the start, in workflow time (the same scaling as every plan duration). */
function dueAt(run: CutoverRun, at: number): string {
  const startedAt = Date.parse(run.state.document.startedAt);
  return new Date(startedAt + Math.round(at * run.timeScale)).toISOString();
}

function judge(specs: MessageSpecs, entry: RehearsalScriptEntry): Verdict {
  try {
    return { kind: 'ready', payload: specs[entry.message].validate({ ...entry.payload, source: 'rehearsal-script' }) };
  } catch (err) {
    if (!(err instanceof Rejection)) throw err;
    return { kind: NOT_YET.includes(err.code) ? 'wait' : 'refused', reason: `${err.code}: ${err.message}` };
  }
}

/** Makes one entry: at its time, once it fits the cutover's state, or never (rejected; the cutover ending first marks it not applied). */
async function play(run: CutoverRun, specs: MessageSpecs, entry: RehearsalScriptEntry, n: number): Promise<void> {
  await sleep(run.until(dueAt(run, entry.at)), { summary: `rehearsal script #${n}: ${entry.message}` });
  let verdict = judge(specs, entry);
  if (verdict.kind === 'wait') {
    run.state.scriptEntryWaiting(n, verdict.reason, run.now());
    run.changed();
    await condition(() => run.state.finished || (verdict = judge(specs, entry)).kind !== 'wait');
  }
  if (run.state.finished) return;
  if (verdict.kind === 'ready') {
    run.state.scriptEntryEnded(n, 'applied', run.now());
    specs[entry.message].apply(verdict.payload, true);
  } else {
    run.state.scriptEntryEnded(n, 'rejected', run.now(), verdict.reason);
  }
  run.changed();
}

/** Plays every entry still pending (all of them at the start; the rest after a continue-as-new). */
export function playRehearsalScript(run: CutoverRun, specs: MessageSpecs, script: readonly RehearsalScriptEntry[]): void {
  for (const pending of run.state.pendingScript()) void play(run, specs, script[pending.n - 1], pending.n);
}
