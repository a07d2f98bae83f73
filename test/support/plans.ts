/** Small plans for workflow tests, with the roles every test uses. */
import type { PlanInput } from '../../plan/schema';

export const roles = { 'cutover-lead': 'Dana', network: 'Sam', ivr: 'Ivy', agent: 'Ana' };

export function testPlan(name: string, phases: unknown[], extra: Record<string, unknown> = {}): PlanInput {
  return {
    apiVersion: 'golive/v1',
    name,
    roles,
    stakeholders: [
      { name: 'Dana', role: 'cutover-lead' },
      { name: 'Sam', role: 'network' },
    ],
    phases,
    ...extra,
  } as PlanInput;
}

/** A step calling `url` (POST), optionally with a compensation calling `compensateUrl`. */
export function httpStep(id: string, url: string, dependsOn: string[] = [], extra: Record<string, unknown> = {}) {
  return { id, kind: 'http', dependsOn, with: { method: 'POST', url }, retry: { maximumAttempts: 1 }, ...extra };
}

export function compensated(step: ReturnType<typeof httpStep>, compensateUrl: string) {
  return { ...step, compensate: { kind: 'http', with: { method: 'POST', url: compensateUrl }, retry: { maximumAttempts: 1 } } };
}
