/**
 * What a listed cutover says about itself: plan, state, mode and phase from golive's search
 * attributes (plain text, kept current by the workflow), else from its memo (cutovers started
 * before the attributes, or on a namespace without them). A memo this API cannot decode leaves null.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { modeAttribute, phaseAttribute, planNameAttribute, stateAttribute } from '../workflows/search-attributes';

export interface ListedFields {
  name: string | null;
  plan: string | null;
  mode: string | null;
  state: string | null;
  phase: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function listedFields(info: Pick<WorkflowExecutionInfo, 'memo' | 'typedSearchAttributes'>): ListedFields {
  const memo = (info.memo ?? {}) as Record<string, unknown>;
  const attributes = info.typedSearchAttributes;
  const plan = text(attributes.get(planNameAttribute)) ?? text(memo.name);
  return {
    name: plan,
    plan,
    mode: text(attributes.get(modeAttribute)) ?? text(memo.mode),
    state: text(attributes.get(stateAttribute)) ?? text(memo.state),
    phase: text(attributes.get(phaseAttribute)),
  };
}
