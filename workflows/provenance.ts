/**
 * Who sent an operator message, and whether that is proven. A message claiming `api` or `cli`
 * carries the API's attestation, checked by the `verifyAttestation` local activity (the key
 * stays out of workflow code; the verdict is in history, so replays never need it). `auto` is
 * golive itself and never comes from outside. A name typed in the Temporal UI is unverified:
 * under the plan's `settings.temporalUi: observe` (the default) it may only report issues.
 * Workflow code (deterministic).
 */
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { AttestationActivities } from '../activities/contract';
import type { CutoverRun } from './cutover-run';
import { INTERNAL_SOURCES, messageClaim, type Attestation, type MessageSource } from './message-schemas';
import type { OperatorMessage } from './messages';
import { reject } from './rejections';
import type { Actor } from './run-state';

/** What an unverified sender may do under `temporalUi: observe`: raise the alarm, nothing that decides. */
export const OBSERVE_PERMITS: readonly OperatorMessage[] = ['reportIssue'];

const checkOptions = { summary: 'verify attestation', startToCloseTimeout: '10s', retry: { maximumAttempts: 3, initialInterval: '100ms' } } as const;
/** Histories from before 'attestation-activity' checked with a local activity. */
const localAttestations = proxyLocalActivities<AttestationActivities>(checkOptions);
/**
 * A local activity awaited in an update handler is not replay-safe here: when its result comes
 * back while other work completes in the same workflow task, the original run answers the update
 * one task later than a replay does (a nondeterminism error at the next command, seen when an
 * issue was reported while publish steps ended). A regular activity's result is an event of its own.
 */
const attestations = proxyActivities<AttestationActivities>(checkOptions);

/** The attestation to check, or null for a Temporal UI message this plan lets through unverified. Throws a Rejection. */
export function checkClaim(run: CutoverRun, message: OperatorMessage, raw: unknown): { attestation: Attestation; expiresAt: string } | null {
  const parsed = messageClaim.safeParse(raw);
  if (!parsed.success) return null; // a malformed claim: the message's own validation names it
  const { source, attestation, expiresAt } = parsed.data;
  if (INTERNAL_SOURCES.includes(source)) reject('forged', `source "${source}" is golive itself; no message from outside may claim it`);
  if (source === 'temporal-ui') {
    const mode = run.plan.settings.temporalUi ?? 'observe';
    if (mode === 'observe' && !OBSERVE_PERMITS.includes(message)) {
      reject(
        'unverified',
        `${message} needs a verified operator: a name typed in the Temporal UI is not verified, and this plan's settings.temporalUi is observe ` +
          `(the Temporal UI may only ${OBSERVE_PERMITS.join(', ')}). Use the golive API, CLI or console, or set settings.temporalUi: act`,
      );
    }
    return null;
  }
  if (!attestation) reject('forged', `source "${source}" must carry the golive API's attestation; send it through the API, or state source "temporal-ui"`);
  if (!expiresAt) reject('forged', 'an attested message carries expiresAt (set by the API)');
  return { attestation, expiresAt };
}

/** Checks the attestation (local activity) and that it was not used before in this run. Throws a Rejection. */
export async function proveClaim(run: CutoverRun, message: OperatorMessage, raw: unknown, claim: { attestation: Attestation; expiresAt: string }): Promise<void> {
  let verdict;
  try {
    const verifier = patched('attestation-activity') ? attestations : localAttestations;
    verdict = await verifier.verifyAttestation({ workflowId: run.id, message, payload: raw as Record<string, unknown>, attestation: claim.attestation });
  } catch (err) {
    // Never let a failed check escape a handler: thrown from a signal handler it would fail the cutover.
    reject('unverified', `${message}: the attestation could not be checked (${err instanceof Error ? err.message : String(err)}); send it again`);
  }
  if (!verdict.ok) reject('forged', `${message} is not attested by the golive API: ${verdict.detail}`);
  if (!run.proofs.use(claim.attestation.mac, claim.expiresAt)) reject('forged', `this attestation was already used by an earlier ${message} message; the API attests each message once`);
}

/**
 * Attested messages seen in this run, until they expire (an expired one is refused anyway): an
 * attested payload copied from history and sent again is not applied twice.
 */
export class UsedProofs {
  private readonly used = new Map<string, number>();

  use(mac: string, expiresAt: string): boolean {
    const now = Date.now();
    for (const [seen, until] of this.used) if (until < now) this.used.delete(seen);
    if (this.used.has(mac)) return false;
    this.used.set(mac, Date.parse(expiresAt));
    return true;
  }
}

/** The actor a message puts on record. */
export function actorOf(payload: { operator: string; roles: string[]; source: MessageSource }, verified: boolean): Actor {
  return { operator: payload.operator, roles: payload.roles, source: payload.source, verified };
}
