/**
 * Notices to the roster: `sendNotice` for the workflow's own (phase start, gate opened, waiting,
 * decision, escalation, rollback; those naming what waits say how to act) and the `notify` step
 * kind for the plan's. Both use the same sinks.
 */
import { logger } from '../workers/logger';
import type { NoticeInput, StepActivities, SupportActivities } from './contract';
import { withHowToAct } from './how-to-act';
import { addressees, deliverNotice, noticeSinks } from './notice-sinks';
import { stepActivity, withHeartbeat } from './step-context';

export const sendNotice: SupportActivities['sendNotice'] = async (notice) => {
  const log = logger.child({ cutoverId: notice.cutoverId, activity: 'sendNotice' });
  const delivered = await withHeartbeat((signal) => deliverNotice(withHowToAct(notice), noticeSinks(log, notice.webhooks, notice.sink), signal));
  return { delivered };
};

export const notify: StepActivities['notify'] = stepActivity(async (input, log) => {
  const notice: NoticeInput = {
    cutoverId: input.cutoverId,
    key: input.idempotencyKey,
    event: 'step',
    message: input.with.message,
    roles: input.with.roles ?? [],
    recipients: input.recipients,
    data: { stepId: input.stepId },
  };
  const delivered = await withHeartbeat((signal) => deliverNotice(notice, noticeSinks(log, input.webhooks, input.sink), signal));
  const count = addressees(notice).length;
  return { summary: `notified ${count} recipient${count === 1 ? '' : 's'} via ${delivered.join(', ')}`, data: { delivered, recipients: count } };
});
