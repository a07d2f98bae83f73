/**
 * Wires every operator message to its validator and handler: the update's validator rejects
 * bad input before anything is written (the API answers 4xx synchronously); the signal of the
 * same name runs the same validator and records a rejection instead of acting. An accepted
 * update answers a small acknowledgement; the status and summary queries answer the record.
 */
import { setHandler } from '@temporalio/workflow';
import { applyAnswer, applyCompletion, applyControl, validateAnswer, validateCompletion, validateControl } from './controls';
import type { CutoverRun } from './cutover-run';
import { applyDecision, validateDecision } from './gates';
import { applyReport, applyResolve, validateReport, validateResolve } from './issues';
import { handlerDescriptions, operatorMessages, statusQuery, summaryQuery, type OperatorMessage } from './messages';
import { reject, Rejection } from './rejections';
import type { UpdateAck } from './status-summary';
import { ackOf, statusQueryOptions, statusView, summaryOf, type StatusQueryOptions } from './status-views';

/** What applying a message did, for its acknowledgement. */
export interface Applied {
  target: string | null;
  effect: string;
  extra?: Pick<UpdateAck, 'gate' | 'issue'>;
}

interface MessageSpec<P> {
  validate(raw: unknown): P;
  apply(payload: P): Applied;
}

/** A message whose sender gave up (its `expiresAt` is past, in workflow time) is never applied. */
function refuseExpired(raw: unknown): void {
  const expiresAt = raw && typeof raw === 'object' ? (raw as { expiresAt?: unknown }).expiresAt : undefined;
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) < Date.now()) {
    reject('expired', `this message expired at ${expiresAt} (its sender stopped waiting) before a worker took it; send it again`);
  }
}

/** Runs a validator; a Rejection leaves as a Temporal failure carrying its code as `type`. */
function validated<P>(spec: MessageSpec<P>, raw: unknown): P {
  try {
    refuseExpired(raw);
    return spec.validate(raw);
  } catch (err) {
    throw err instanceof Rejection ? err.toFailure() : err;
  }
}

function register<P>(run: CutoverRun, name: OperatorMessage, spec: MessageSpec<P>): void {
  const { update, signal } = operatorMessages[name];
  const description = handlerDescriptions[name];
  setHandler(
    update,
    (raw: unknown) => {
      // Validated again: the state may have moved since the validator ran.
      const applied = spec.apply(validated(spec, raw));
      return ackOf(run.state, name, applied.target, applied.effect, applied.extra);
    },
    { description, validator: (raw: unknown) => void validated(spec, raw) },
  );
  setHandler(
    signal,
    (raw: unknown) => {
      let payload: P;
      try {
        refuseExpired(raw);
        payload = spec.validate(raw);
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        run.state.recordRejected(name, err.code, err.message, raw, run.now());
        run.changed();
        return;
      }
      spec.apply(payload);
    },
    { description },
  );
}

/** The status query's argument; a malformed one fails the query with every problem named. */
function parseQueryOptions(raw: unknown): StatusQueryOptions {
  if (raw === undefined || raw === null) return {};
  const parsed = statusQueryOptions.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid status options: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function registerHandlers(run: CutoverRun): void {
  setHandler(statusQuery, (options) => statusView(run.state, run.runNumber, parseQueryOptions(options)), { description: handlerDescriptions.status });
  setHandler(summaryQuery, () => summaryOf(run.state, run.runNumber), { description: handlerDescriptions.summary });
  register(run, 'decide', { validate: (raw) => validateDecision(run, raw), apply: (p) => applyDecision(run, p) });
  register(run, 'completeStep', { validate: (raw) => validateCompletion(run, raw), apply: (p) => applyCompletion(run, p) });
  register(run, 'answerStep', { validate: (raw) => validateAnswer(run, raw), apply: (p) => applyAnswer(run, p) });
  for (const action of ['pause', 'resume', 'rollback'] as const) {
    register(run, action, { validate: (raw) => validateControl(run, raw, action), apply: (p) => applyControl(run, p, action) });
  }
  register(run, 'reportIssue', { validate: (raw) => validateReport(run, raw), apply: (p) => applyReport(run, p) });
  register(run, 'resolveIssue', { validate: (raw) => validateResolve(run, raw), apply: (p) => applyResolve(run, p) });
}
