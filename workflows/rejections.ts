/**
 * Why an operator message is refused. An update validator throws these (nothing is written to
 * history); a signal handler records them as rejected. The API maps each code to an HTTP status.
 */
import { ApplicationFailure } from '@temporalio/workflow';

export const rejectionCodes = [
  'invalid-payload',
  'invalid-decision',
  'evidence-required',
  // Skipping a contingency or rollback step needs a reason on record.
  'reason-required',
  'unknown-gate',
  'unknown-step',
  'unknown-issue',
  // A message names a role the plan does not declare (an issue's owner).
  'unknown-role',
  'role-not-allowed',
  'gate-not-open',
  'already-counted',
  'criteria-not-met',
  'step-not-awaiting',
  'issue-resolved',
  'cutover-finished',
  'not-paused',
  'already-paused',
  'rolling-back',
  'expired',
  'limit-reached',
  // A claimed source the message cannot prove: `auto` from outside, api / cli without a valid attestation.
  'forged',
  // An unverified sender (a name typed in the Temporal UI) asking for what needs a verified one, or an attestation that could not be checked.
  'unverified',
] as const;

export type RejectionCode = (typeof rejectionCodes)[number];

export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }

  /** As the failure of an update: `type` carries the code to the client. */
  toFailure(): ApplicationFailure {
    return ApplicationFailure.create({ message: this.message, type: this.code, nonRetryable: true });
  }
}

export function reject(code: RejectionCode, message: string): never {
  throw new Rejection(code, message);
}
