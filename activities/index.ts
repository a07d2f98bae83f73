/** The activity registry: one activity per step kind that touches the outside world, plus the workflow's support activities. */
import { check } from './check';
import type { StepActivities, SupportActivities } from './contract';
import { http } from './http';
import { readMetrics } from './metrics';
import { noop } from './noop';
import { notify, sendNotice } from './notify';
import { restore } from './restore';
import { snapshot } from './snapshot';

export function createActivities(): StepActivities & SupportActivities {
  return { noop, http, check, snapshot, restore, notify, sendNotice, readMetrics };
}
