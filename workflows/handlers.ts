/**
 * Wires every operator message to its validator and handler: the update's validator rejects
 * bad input and unprovable claims before anything is written (the API answers 4xx synchronously);
 * the handler proves an attested claim (a local activity), validates again and applies. The
 * signal of the same name runs the same checks and records a rejection instead of acting. An accepted
 * update answers a small acknowledgement; the status and summary queries answer the record.
 */
import { condition, patched, setHandler } from '@temporalio/workflow';
import { applyAnswer, applyCompletion, applyControl, validateAnswer, validateCompletion, validateControl } from './controls';
import type { CutoverRun } from './cutover-run';
import { applyDecision, validateDecision } from './gates';
import { applyReport, applyResolve, validateReport, validateResolve } from './issues';
import { handlerDescriptions, operatorMessages, statusQuery, summaryQuery, type OperatorMessage } from './messages';
import { checkClaim, proveClaim } from './provenance';
import { reject, Rejection } from './rejections';
import type { UpdateAck } from './status-summary';
import { ackOf, statusQueryOptions, statusView, summaryOf, type StatusQueryOptions } from './status-views';

/** What applying a message did, for its acknowledgement. */
export interface Applied {
  target: string | null;
  effect: string;
  extra?: Pick<UpdateAck, 'gate' | 'issue'>;
  /**
   * When the message's effect happens later in the run (a checkpoint's rollback or pause is acted
   * on by the checkpoint): true once it has, so the acknowledgement shows the state after it.
   */
  settled?: () => boolean;
}

export interface MessageSpec<P> {
  validate(raw: unknown): P;
  /** `verified`: the sender is proven (attested, see provenance.ts); false for a typed name. */
  apply(payload: P, verified: boolean): Applied;
}

/** A message whose sender gave up (its `expiresAt` is past, in workflow time) is never applied. */
function refuseExpired(raw: unknown): void {
  const expiresAt = raw && typeof raw === 'object' ? (raw as { expiresAt?: unknown }).expiresAt : undefined;
  if (typeof expiresAt === 'string' && Date.parse(expiresAt) < Date.now()) {
    reject('expired', `this message expired at ${expiresAt} (its sender stopped waiting) before a worker took it; send it again`);
  }
}

const asFailure = (err: unknown) => (err instanceof Rejection ? err.toFailure() : err);

/** Runs a validator (`claim` first: who may not send learns nothing of the state); a Rejection leaves as a Temporal failure carrying its code as `type`. */
function validated<P>(spec: MessageSpec<P>, raw: unknown, claim?: () => unknown): P {
  try {
    refuseExpired(raw);
    claim?.();
    return spec.validate(raw);
  } catch (err) {
    throw asFailure(err);
  }
}

/**
 * Histories from before attestation applied every claim as stated (and recorded it unverified);
 * since, a claim is checked and an attested one proven before the message is validated again.
 */
function attestedMessages(): boolean {
  return patched('attested-messages');
}

/** Whether the sender is proven; throws a Rejection for a claim that fails. Awaits only when there is an attestation to check. */
function proven(run: CutoverRun, name: OperatorMessage, raw: unknown): boolean | Promise<boolean> {
  const claim = checkClaim(run, name, raw);
  return claim ? proveClaim(run, name, raw, claim).then(() => true) : false;
}

function register<P>(run: CutoverRun, name: OperatorMessage, spec: MessageSpec<P>): void {
  const { update, signal } = operatorMessages[name];
  const description = handlerDescriptions[name];
  setHandler(
    update,
    async (raw: unknown) => {
      let verified = false;
      if (attestedMessages()) {
        try {
          verified = await proven(run, name, raw);
        } catch (err) {
          throw asFailure(err);
        }
      }
      // Validated again: the state may have moved since the validator ran (and while the proof was checked).
      const applied = spec.apply(validated(spec, raw), verified);
      // Histories from before answered at once, with the state before the effect ("running" after a rollback decision).
      if (applied.settled && patched('ack-after-effect')) await condition(applied.settled);
      return ackOf(run.state, name, applied.target, applied.effect, applied.extra, run.plan.stakeholders);
    },
    { description, validator: (raw: unknown) => void validated(spec, raw, () => checkClaim(run, name, raw)) },
  );
  setHandler(
    signal,
    async (raw: unknown) => {
      let payload: P;
      let verified = false;
      try {
        if (attestedMessages()) {
          const proof = proven(run, name, raw);
          verified = typeof proof === 'boolean' ? proof : await proof;
        }
        refuseExpired(raw);
        payload = spec.validate(raw);
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        run.state.recordRejected(name, err.code, err.message, raw, run.now());
        run.changed();
        return;
      }
      spec.apply(payload, verified);
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

/** Each operator message's validation and effect; a rehearsal's script makes its messages through these too. */
export type MessageSpecs = Record<OperatorMessage, MessageSpec<unknown>>;

/** A message's validator and effect, its payload type erased so that every message fits one table. */
function spec<P>(validate: (raw: unknown) => P, apply: (payload: P, verified: boolean) => Applied): MessageSpec<unknown> {
  return { validate, apply: apply as (payload: unknown, verified: boolean) => Applied };
}

export function messageSpecs(run: CutoverRun): MessageSpecs {
  const control = (action: 'pause' | 'resume' | 'rollback') => spec((raw) => validateControl(run, raw, action), (p, verified) => applyControl(run, p, action, verified));
  return {
    decide: spec((raw) => validateDecision(run, raw), (p, verified) => applyDecision(run, p, verified)),
    completeStep: spec((raw) => validateCompletion(run, raw), (p, verified) => applyCompletion(run, p, verified)),
    answerStep: spec((raw) => validateAnswer(run, raw), (p, verified) => applyAnswer(run, p, verified)),
    pause: control('pause'),
    resume: control('resume'),
    rollback: control('rollback'),
    reportIssue: spec((raw) => validateReport(run, raw), (p, verified) => applyReport(run, p, verified)),
    resolveIssue: spec((raw) => validateResolve(run, raw), (p, verified) => applyResolve(run, p, verified)),
  };
}

export function registerHandlers(run: CutoverRun): MessageSpecs {
  setHandler(statusQuery, (options) => statusView(run.state, run.runNumber, parseQueryOptions(options), run.plan.stakeholders), { description: handlerDescriptions.status });
  setHandler(summaryQuery, () => summaryOf(run.state, run.runNumber, run.plan.stakeholders), { description: handlerDescriptions.summary });
  const specs = messageSpecs(run);
  for (const name of Object.keys(specs) as OperatorMessage[]) register(run, name, specs[name]);
  return specs;
}
