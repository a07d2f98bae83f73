/**
 * What a failed replay says, in fields. The SDK reports it as one message wrapping core's words
 * ("Workflow activation completion failed: Failure { failure: Some(Failure { message: \"[TMPRL1100]
 * Nondeterminism error: Activity type of scheduled event 'x' does not match …\" …"): the inner
 * message is what differed. The event is found by the replayer (history-replay.ts).
 */
export interface ReplayFailure {
  /** nondeterminism: the code no longer makes the commands the history recorded; failure: the replay failed otherwise (a malformed history, a workflow task error). */
  kind: 'nondeterminism' | 'failure';
  /** The first event the code disagrees with. */
  eventId?: number;
  /** Its type without the EVENT_TYPE_ prefix, e.g. ACTIVITY_TASK_SCHEDULED. */
  eventType?: string;
  /** What differed, as core words it. */
  message: string;
}

/** Core's own message inside the SDK's wrapping, else the SDK's message after "Details: ". */
export function whatDiffered(message: string): string {
  const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(message);
  if (inner) return inner[1].replace(/\\(.)/g, '$1').replace(/^\[TMPRL\d+\]\s*/, '');
  return message.replace(/^.*?Details: /s, '');
}

export function replayFailure(error: Error): ReplayFailure {
  return { kind: error.name === 'DeterminismViolationError' ? 'nondeterminism' : 'failure', message: whatDiffered(error.message) };
}
