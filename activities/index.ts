/** The activity registry: one activity per step kind that touches the outside world. */
import type { StepActivities } from './contract';
import { http } from './http';
import { noop } from './noop';

export function createActivities(): StepActivities {
  return { noop, http };
}
