/**
 * Where notices to the roster go: always the log; a webhook (JSON POST with a Slack-compatible
 * `text`) when the worker has GOLIVE_NOTIFY_WEBHOOK_URL (GOLIVE_NOTIFY_WEBHOOK_FORMAT=slack: a
 * Block Kit message instead), and the plan's `settings.noticeWebhooks`. A webhook gets the
 * notice's key as Idempotency-Key, so a retried delivery can be recognised by the receiver.
 * A rehearsal's notices with `comms: test` go to the log and the test sink (GOLIVE_TEST_SINK_URL,
 * when set) instead: never the worker's or the plan's webhooks.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from '../workers/logger';
import { pickSettings } from '../workers/settings';
import type { NoticeWebhook } from '../plan/schema';
import type { NoticeInput, NoticeSink as NoticeSinkName } from './contract';
import { sendRequest } from './http';
import { scrubValue } from './secret-scrub';
import { slackMessage } from './slack-message';

export interface NoticeSink {
  readonly name: string;
  deliver(notice: NoticeInput, signal?: AbortSignal): Promise<void>;
}

/** The recipients a notice addresses: those holding one of its roles, or everyone when it names none. */
export function addressees(notice: NoticeInput): NoticeInput['recipients'] {
  if (notice.roles.length === 0) return notice.recipients;
  return notice.recipients.filter((recipient) => notice.roles.includes(recipient.role));
}

export function logSink(log: Logger): NoticeSink {
  return {
    name: 'log',
    async deliver(notice) {
      const recipients = addressees(notice).map((recipient) => `${recipient.name} (${recipient.role})`);
      const fields = { cutoverId: notice.cutoverId, event: notice.event, key: notice.key, roles: notice.roles, recipients };
      // A step's logger already binds cutoverId; pino would write the key twice.
      const bound = log.bindings();
      log.info(Object.fromEntries(Object.entries(fields).filter(([name]) => !(name in bound))), notice.message);
    },
  };
}

/** golive's own JSON notice: a Slack-compatible `text` plus the fields a receiver may route on. */
function jsonPayload(notice: NoticeInput): unknown {
  const { cutoverId, event, roles, data } = notice;
  return { text: `[golive] ${cutoverId}: ${notice.message}`, event, cutoverId, roles, recipients: addressees(notice), data };
}

/** A webhook sink; `url` may hold `${secret:…}` references, resolved by sendRequest at delivery. */
export function webhookSink(url: string, format: NoticeWebhook['format'] = 'json', name = 'webhook'): NoticeSink {
  return {
    name,
    async deliver(notice, signal) {
      const payload = format === 'slack' ? slackMessage(notice) : jsonPayload(notice);
      // Sent as is: a message quoting `${secret:…}` must not pull a secret into a chat channel.
      const body = { text: JSON.stringify(payload), contentType: 'application/json' };
      const { status } = await sendRequest({ method: 'POST', url }, notice.key, signal, body);
      // The URL is not in the message: webhook URLs are credentials themselves.
      if (status < 200 || status >= 300) throw ApplicationFailure.retryable(`notice ${name} answered ${status}`, 'NoticeNotDelivered', { status });
    },
  };
}

/** The sinks this worker is configured with, log first, then the plan's webhooks (named webhook-1, webhook-2, …; `slack-1` for Slack ones). */
export function noticeSinks(log: Logger, planWebhooks: readonly NoticeWebhook[] = [], sink?: NoticeSinkName, env?: NodeJS.ProcessEnv): NoticeSink[] {
  // Read per delivery: the sinks may change while the worker runs (tests, `golive dev`).
  const settings = pickSettings(['GOLIVE_TEST_SINK_URL', 'GOLIVE_NOTIFY_WEBHOOK_URL', 'GOLIVE_NOTIFY_WEBHOOK_FORMAT'], env);
  if (sink === 'test') return settings.GOLIVE_TEST_SINK_URL ? [logSink(log), webhookSink(settings.GOLIVE_TEST_SINK_URL, 'json', 'test-sink')] : [logSink(log)];
  const url = settings.GOLIVE_NOTIFY_WEBHOOK_URL;
  const worker = url ? [webhookSink(url, settings.GOLIVE_NOTIFY_WEBHOOK_FORMAT)] : [];
  const plan = planWebhooks.map((hook, i) => webhookSink(hook.url, hook.format, `${hook.format === 'slack' ? 'slack' : 'webhook'}-${i + 1}`));
  return [logSink(log), ...worker, ...plan];
}

/**
 * Delivers to every sink in turn; any failure fails the delivery, so the activity retries it.
 * The roster never gets a worker secret, whatever text (a failure, an operator's reason) it quotes.
 */
export async function deliverNotice(notice: NoticeInput, sinks: NoticeSink[], signal?: AbortSignal): Promise<string[]> {
  const scrubbed = scrubValue(notice);
  for (const sink of sinks) await sink.deliver(scrubbed, signal);
  return sinks.map((sink) => sink.name);
}
