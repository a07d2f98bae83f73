/**
 * A history document as golive writes it (`GET …/history`, `golive history`, test/histories): one
 * run's proto JSON (the format of `temporal workflow show --output json`), or `{runs: [...]}`, the
 * chain of a cutover that continued as new, oldest first. Each run replays on its own.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

export type History = temporal.api.history.v1.IHistory;

/** The document is not a workflow history; the message says what is wrong with it. */
export class HistoryDocumentError extends Error {}

const STARTED = 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED';

function runOf(json: unknown, where: string): History {
  const events = (json as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || events.length === 0) throw new HistoryDocumentError(`${where}: no "events" list (not a workflow history)`);
  let history: History;
  try {
    history = historyFromJSON(json);
  } catch (err) {
    throw new HistoryDocumentError(`${where}: ${(err as Error).message}`);
  }
  const first = history.events?.[0];
  if (String(first?.eventType) !== STARTED && !first?.workflowExecutionStartedEventAttributes) {
    throw new HistoryDocumentError(`${where}: the first event is not WorkflowExecutionStarted`);
  }
  return history;
}

/** The runs of a parsed history document, oldest first. */
export function historyRuns(json: unknown): History[] {
  const runs = (json as { runs?: unknown } | null)?.runs;
  if (runs === undefined) return [runOf(json, 'history')];
  if (!Array.isArray(runs) || runs.length === 0) throw new HistoryDocumentError('"runs" must be a non-empty list of run histories');
  return runs.map((run, i) => runOf(run, `runs[${i}]`));
}

/** The runs of a history document's text. */
export function parseHistoryDocument(text: string): History[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HistoryDocumentError(`not JSON: ${(err as Error).message}`);
  }
  return historyRuns(json);
}
