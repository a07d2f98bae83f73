/**
 * What the workflow sends to, and gets back from, activities. Shared by workflow code (as
 * types only) and the activity implementations.
 */
import type { MetricWindow } from '../plan/metric-window';
import type { HttpRequest, NoticeWebhook, Step, ValueSource } from '../plan/schema';
import type { Attestation } from '../workflows/message-schemas';

type WithOf<K extends Step['kind']> = Extract<Step, { kind: K }>['with'];

export interface StepActivityInput<W = unknown> {
  cutoverId: string;
  stepId: string;
  /** workflow id + step id + attempt kind (`run` | `compensate`): stable across retries and worker crashes. */
  idempotencyKey: string;
  with: W;
  /** http steps: record the JSON answer in the result's data (a checkpoint baseline reads it). */
  recordAnswer?: boolean;
}

export interface StepActivityResult {
  /** Temporal's attempt number of the activity that succeeded. */
  attempt: number;
  /** One line for the status document and the console. */
  summary: string;
  data?: Record<string, unknown>;
}

/** A restore step gets the reference of the snapshot its `snapshotStep` took. */
export type RestoreInput = WithOf<'restore'> & { snapshot: SnapshotRef };

export interface SnapshotRef {
  /** Opaque to the workflow: where the snapshot store keeps it (never the content itself). */
  ref: string;
  sha256: string;
  bytes: number;
}

/**
 * Something waiting for a person, as a notice names it: the sending activity turns it into the
 * exact CLI commands that act on it and a console link (its base URL is worker configuration).
 */
export interface WaitingRef {
  kind: 'gate' | 'step';
  id: string;
  /** What answers it: a go/no-go or checkpoint decision, a manual completion, a failed step's answer. */
  expects: 'go-no-go' | 'checkpoint' | 'completion' | 'retry-skip' | 'retry-skip-rollback';
  /** Since when it waits, and when it times out or escalates (workflow time). */
  since: string;
  deadline: string | null;
  /** Roles that may act on it. */
  roles: string[];
}

/**
 * A notice to the roster: phase start, gate opened, decision, escalation, rollback, notify steps,
 * and `waiting` (a gate, manual step or failed step waits for the roles that can act).
 */
export interface NoticeInput {
  cutoverId: string;
  /** Idempotency: one notice per key, however often the activity is retried. */
  key: string;
  event: 'phase-started' | 'gate-opened' | 'waiting' | 'decision' | 'escalation' | 'rollback' | 'step' | 'watch' | 'cutover-ended';
  message: string;
  /** Roles to address; empty means the whole roster. */
  roles: string[];
  recipients: { name: string; role: string; org?: string; contact?: string }[];
  data?: Record<string, unknown>;
  /** `waiting` and escalation notices: what waits, so the notice can say how to act on it. */
  waiting?: WaitingRef;
  /** The plan's `settings.noticeWebhooks` (URLs still `${secret:…}` references); absent when it has none. */
  webhooks?: NoticeWebhook[];
  /** A rehearsal with `comms: test`: only the test sink gets it, never the roster's webhook. */
  sink?: NoticeSink;
}

/** Where a rehearsal's notices go instead of the roster (GOLIVE_TEST_SINK_URL on the worker). */
export type NoticeSink = 'test';

export interface MetricReading {
  id: string;
  value: number | null;
  /** Why no value could be read (unreachable endpoint, path missing, not a number). */
  error?: string;
}

export interface StepActivities {
  noop(input: StepActivityInput<WithOf<'noop'>>): Promise<StepActivityResult>;
  http(input: StepActivityInput<HttpRequest>): Promise<StepActivityResult>;
  check(input: StepActivityInput<WithOf<'check'>>): Promise<StepActivityResult>;
  snapshot(input: StepActivityInput<WithOf<'snapshot'>>): Promise<StepActivityResult & { data: { snapshot: SnapshotRef } }>;
  restore(input: StepActivityInput<RestoreInput>): Promise<StepActivityResult>;
  notify(input: StepActivityInput<WithOf<'notify'>> & Pick<NoticeInput, 'recipients' | 'webhooks' | 'sink'>): Promise<StepActivityResult>;
}

export interface SupportActivities {
  sendNotice(input: NoticeInput): Promise<{ delivered: string[] }>;
  /** `window`: the evaluation window an http source may template (absent in runs recorded before windows). */
  readMetrics(input: { cutoverId: string; checkpoint: string; metrics: { id: string; source: ValueSource; window?: MetricWindow }[] }): Promise<MetricReading[]>;
}

/** An operator message whose `source` claim (api / cli) must be proven by its attestation. */
export interface AttestationCheck {
  workflowId: string;
  message: string;
  /** The payload as received, attestation included (the MAC covers every other field). */
  payload: Record<string, unknown>;
  attestation: Attestation;
}

/** Why an attestation failed: made with a key this worker lacks, or not matching the message. */
export type AttestationVerdict = { ok: true } | { ok: false; reason: 'unknown-key' | 'mismatch'; detail: string };

/** Local activities of the message handlers: they hold what workflow code must not (keys). */
export interface AttestationActivities {
  verifyAttestation(input: AttestationCheck): Promise<AttestationVerdict>;
}

/** Step kinds that run as an activity of the same name (`wait` and `manual` live in the workflow). */
export type ActivityStepKind = keyof StepActivities;
