/** `noop`: a checklist item with nothing to execute; running it records that the step was reached. */
import { stepActivity } from './step-context';

export const noop = stepActivity<undefined | Record<string, never>>(async (_input, log) => {
  log.info('noop step done');
  return { summary: 'done' };
});
