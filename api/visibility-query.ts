/**
 * The visibility query of `GET /cutovers` and the cutover gauge: golive's workflow type, each
 * cutover's latest run only, narrowed by search attributes.
 * Values arrive validated (api/request-schemas.ts listQuery: states and modes from their enums,
 * plan names as slugs) and are quoted here all the same, so no input is ever pasted as query text.
 */
import { modeAttribute, planNameAttribute, stateAttribute } from '../workflows/search-attributes';
import type { CutoverMode, CutoverState } from '../workflows/status-document';

export interface CutoverFilters {
  states?: CutoverState[];
  mode?: CutoverMode;
  plan?: string;
}

/** A string literal of Temporal's SQL-like list filter. */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function isFiltered(filters: CutoverFilters): boolean {
  return (filters.states?.length ?? 0) > 0 || filters.mode !== undefined || filters.plan !== undefined;
}

/**
 * One row per cutover: a run that continued as new is listed by visibility as a closed execution
 * of its own (its search attributes and memo frozen at the hand-over, still "running"), so a
 * long cutover would otherwise appear once per run, and a state filter would find its past runs.
 */
const CURRENT_RUNS = "ExecutionStatus != 'ContinuedAsNew'";

export function cutoverListQuery(workflowType: string, filters: CutoverFilters = {}): string {
  const clauses = [`WorkflowType = ${quoted(workflowType)}`, CURRENT_RUNS];
  const states = [...new Set(filters.states ?? [])];
  if (states.length === 1) clauses.push(`${stateAttribute.name} = ${quoted(states[0])}`);
  if (states.length > 1) clauses.push(`${stateAttribute.name} IN (${states.map(quoted).join(', ')})`);
  if (filters.mode !== undefined) clauses.push(`${modeAttribute.name} = ${quoted(filters.mode)}`);
  if (filters.plan !== undefined) clauses.push(`${planNameAttribute.name} = ${quoted(filters.plan)}`);
  return clauses.join(' AND ');
}
