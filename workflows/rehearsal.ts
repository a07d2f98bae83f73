/**
 * What rehearsal mode changes, decided once when a cutover starts (patched 'rehearsal'; the
 * record's `comms` carries the answer to every later run): a rehearsal's notices are labelled
 * REHEARSAL and go where `comms` says (off: only recorded; test: the worker's test sink; on: the
 * roster); its effectful steps and metric sources are simulated unless they say `rehearse: real`
 * (workflows/rehearsal-steps.ts, workflows/rehearsal-metrics.ts). Pure.
 */
import type { Comms, CutoverMode } from './status-document';

export const REHEARSAL_LABEL = '[REHEARSAL]';

/** Rehearsals tell only the test sink unless asked otherwise; live runs tell the roster. */
export function defaultComms(mode: CutoverMode): Comms {
  return mode === 'rehearsal' ? 'test' : 'on';
}

/** What the record says about a run: its mode, and comms (absent for runs from before rehearsal mode). */
export interface RehearsalRecord {
  mode: CutoverMode;
  comms?: Comms;
}

/** Does this run simulate its effects? Only rehearsals started since rehearsal mode exists. */
export function simulatesEffects(record: RehearsalRecord): boolean {
  return record.mode === 'rehearsal' && record.comms !== undefined;
}

/** How a notice travels: its text (labelled in a rehearsal), and whether it goes out at all, to which sink. */
export interface NoticeRoute {
  message: string;
  /** false: comms off, the notice is only recorded. */
  send: boolean;
  /** Set when it goes to the test sink instead of the roster. */
  sink?: 'test';
  /** Whether the record keeps it (a notice kept from the roster). */
  record: boolean;
}

export function routeNotice(record: RehearsalRecord, message: string): NoticeRoute {
  const text = simulatesEffects(record) ? `${REHEARSAL_LABEL} ${message}` : message;
  if (record.comms === 'off') return { message: text, send: false, record: true };
  if (record.comms === 'test') return { message: text, send: true, sink: 'test', record: true };
  return { message: text, send: true, record: false };
}

/** How the mode reads in the status (CLI, Temporal UI): `rehearsal, comms test, time ×3600`; just the mode when nothing is special. */
export function modeLabel(doc: RehearsalRecord & { timeScale?: number }): string {
  const parts: string[] = [doc.mode];
  if (doc.comms !== undefined && doc.comms !== 'on') parts.push(`comms ${doc.comms}`);
  if (doc.timeScale !== undefined && doc.timeScale !== 1) parts.push(`time ×${doc.timeScale}`);
  return parts.join(', ');
}
