/**
 * Registers golive's custom search attributes on a namespace (the dev server does it at start-up
 * with `--search-attribute`; a real cluster needs this once: `golive setup`, `golive cluster up`).
 * Idempotent: attributes already there with the right type are left alone; one there with another
 * type is an error naming it, since golive could not keep it current.
 */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { goliveSearchAttributes } from '../workflows/search-attributes';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

export interface SearchAttributeSetup {
  added: string[];
  present: string[];
}

/** Which of golive's attributes the namespace has as Keyword, lacks, or has with another type. */
export interface SearchAttributeStatus {
  present: string[];
  missing: string[];
  conflicting: { name: string; type: string }[];
}

export async function searchAttributeStatus(connection: Pick<Connection, 'operatorService'>, namespace: string): Promise<SearchAttributeStatus> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const status: SearchAttributeStatus = { present: [], missing: [], conflicting: [] };
  for (const { name } of goliveSearchAttributes) {
    const type = customAttributes?.[name];
    if (type === undefined || type === null) status.missing.push(name);
    else if (type === KEYWORD) status.present.push(name);
    else status.conflicting.push({ name, type: temporal.api.enums.v1.IndexedValueType[type] });
  }
  return status;
}

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<SearchAttributeSetup> {
  const { present, missing, conflicting } = await searchAttributeStatus(connection, namespace);
  if (conflicting.length > 0) {
    const [{ name, type }] = conflicting;
    throw new Error(`search attribute ${name} exists on namespace ${namespace} with type ${type}; golive needs Keyword`);
  }
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])) });
  }
  return { added: missing, present };
}
