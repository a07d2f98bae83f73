/**
 * The custom search attributes golive keeps on every cutover, so visibility (the Temporal UI,
 * `GET /cutovers?state=…`, `golive status --state …`) can find cutovers without asking each one.
 * Safe to import from workflow code: only key definitions, no I/O.
 *
 * Values are plain text in the visibility store (never through the payload codec): plan name,
 * state, mode, current phase and plan hash only, nothing secret.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const planNameAttribute = defineSearchAttributeKey('GolivePlan', SearchAttributeType.KEYWORD);
export const stateAttribute = defineSearchAttributeKey('GoliveState', SearchAttributeType.KEYWORD);
export const modeAttribute = defineSearchAttributeKey('GoliveMode', SearchAttributeType.KEYWORD);
export const phaseAttribute = defineSearchAttributeKey('GolivePhase', SearchAttributeType.KEYWORD);
export const planHashAttribute = defineSearchAttributeKey('GolivePlanHash', SearchAttributeType.KEYWORD);

export const goliveSearchAttributes = [planNameAttribute, stateAttribute, modeAttribute, phaseAttribute, planHashAttribute] as const;

/** name → type, as `temporal operator search-attribute create` and `start-dev --search-attribute` take them. */
export const searchAttributeTypes: Record<string, 'Keyword'> = Object.fromEntries(goliveSearchAttributes.map((key) => [key.name, 'Keyword']));
