/**
 * A plan's content hash: what "a rehearsal of the same plan" means. SHA-256 over the validated plan
 * as canonical JSON (keys sorted), leaving out what only shapes a rehearsal (`rehearse` on steps,
 * compensations and metrics) and deploy blocks (already expanded into the steps they publish), so
 * a live run and the rehearsal of its plan, with or without recorded step behaviour, hash alike.
 */
import { createHash } from 'node:crypto';
import type { Plan } from '../../plan/schema';

const IGNORED_KEYS = new Set(['rehearse']);

/** JSON with object keys in sorted order and `rehearse` fields left out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item)).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key, v]) => v !== undefined && !IGNORED_KEYS.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonical(v)}`).join(',')}}`;
}

export function planHash(plan: Plan): string {
  const { phases, ...rest } = plan;
  const withoutDeploy = { ...rest, phases: phases.map(({ deploy: _deploy, ...phase }) => phase) };
  return createHash('sha256').update(canonical(withoutDeploy)).digest('hex');
}
