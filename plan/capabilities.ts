/**
 * What this version of the engine can execute. The schema describes the whole plan language; a plan that
 * uses a part the workflow does not implement yet is refused up front rather than half-run.
 * When the engine learns a feature, edit the two lists below (and nothing else).
 */
import { planError, type PlanError } from './errors';
import { stepKinds, type StepKind } from './schema';

/** Step kinds with an activity and workflow support today. */
export const SUPPORTED_STEP_KINDS: readonly StepKind[] = stepKinds;

/** Fields the engine ignores today; using them is an error. `on` says which object holds the field. */
export const UNSUPPORTED_FIELDS: readonly { on: 'plan' | 'phase' | 'step'; field: string; feature: string }[] = [];

type Path = (string | number)[];
type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `not-yet-supported` errors for the raw plan (best effort: parts that are not even shaped right are skipped). */
export function unsupportedFeatures(input: unknown): PlanError[] {
  if (!isRaw(input)) return [];
  const errors = fieldErrors('plan', input, []);
  const visitSteps = (steps: unknown, path: Path) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((step, j) => {
      if (!isRaw(step)) return;
      errors.push(...kindErrors(step, [...path, j]), ...fieldErrors('step', step, [...path, j]));
      if (isSupported('step', 'compensate') && isRaw(step.compensate)) errors.push(...kindErrors(step.compensate, [...path, j, 'compensate']));
    });
  };
  if (Array.isArray(input.phases)) {
    input.phases.forEach((phase, i) => {
      if (!isRaw(phase)) return;
      errors.push(...fieldErrors('phase', phase, ['phases', i]));
      visitSteps(phase.steps, ['phases', i, 'steps']);
    });
  }
  if (isSupported('plan', 'rollback') && isRaw(input.rollback)) visitSteps(input.rollback.steps, ['rollback', 'steps']);
  return errors;
}

function isSupported(on: 'plan' | 'phase' | 'step', field: string): boolean {
  return !UNSUPPORTED_FIELDS.some((u) => u.on === on && u.field === field);
}

function fieldErrors(on: 'plan' | 'phase' | 'step', raw: Raw, path: Path): PlanError[] {
  return UNSUPPORTED_FIELDS.filter((u) => u.on === on && raw[u.field] !== undefined).map((u) =>
    planError('not-yet-supported', [...path, u.field], `${u.field}: the engine does not support ${u.feature} yet`),
  );
}

/** Only kinds the schema knows: an unknown kind is the schema's error, not ours. */
function kindErrors(action: Raw, path: Path): PlanError[] {
  const kind = action.kind;
  if (!stepKinds.includes(kind as StepKind) || SUPPORTED_STEP_KINDS.includes(kind as StepKind)) return [];
  return [
    planError(
      'not-yet-supported',
      [...path, 'kind'],
      `kind "${String(kind)}" is not supported by the engine yet; supported kinds: ${SUPPORTED_STEP_KINDS.join(', ')}`,
    ),
  ];
}
