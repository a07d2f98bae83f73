/**
 * The activity registry: one activity per step kind that touches the outside world, plus the
 * workflow's support activities; what any of them returns or throws leaves scrubbed of secrets.
 */
import { check } from './check';
import type { StepActivities, SupportActivities } from './contract';
import { http } from './http';
import { readMetrics } from './metrics';
import { noop } from './noop';
import { notify, sendNotice } from './notify';
import { restore } from './restore';
import { scrubbedActivities } from './scrubbed-activities';
import { snapshot } from './snapshot';

export function createActivities(): StepActivities & SupportActivities {
  return scrubbedActivities({ noop, http, check, snapshot, restore, notify, sendNotice, readMetrics });
}
