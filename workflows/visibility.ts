/**
 * Keeps golive's search attributes (plan, state, mode, phase) current on the running cutover, so
 * visibility queries find it by state. Workflow code (deterministic).
 *
 * Only a run that started with them upserts: upserting an attribute the namespace has not
 * registered fails every workflow task, and the API sets them at start only on a namespace that
 * has them. A value is upserted only when it changed, never once per event. Continue-as-new needs
 * nothing: the server copies the attributes to the new run, which therefore keeps them current too.
 */
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { searchAttributePairs, type VisibleValues } from './search-attribute-values';
import { stateAttribute } from './search-attributes';

export class VisibleAttributes {
  /** What the run started with is in its history: the same answer on replay. */
  private readonly startedWithThem = workflowInfo().typedSearchAttributes.get(stateAttribute) !== undefined;

  /** Upserts the values that differ from what the run's attributes say now. */
  update(values: VisibleValues): void {
    if (!this.startedWithThem) return;
    const current = workflowInfo().typedSearchAttributes;
    const changed = searchAttributePairs(values).filter(({ key, value }) => current.get(key) !== value);
    // Asked at each change, not once: a run that older workers began (no upserts in its history
    // so far) starts keeping them current, catching up every value, once this code runs it.
    if (changed.length > 0 && patched('search-attributes')) upsertSearchAttributes(changed);
  }
}
