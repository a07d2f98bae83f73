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

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<SearchAttributeSetup> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const existing = customAttributes ?? {};
  const added: string[] = [];
  const present: string[] = [];
  for (const { name } of goliveSearchAttributes) {
    const type = existing[name];
    if (type === undefined || type === null) {
      added.push(name);
    } else if (type !== KEYWORD) {
      throw new Error(`search attribute ${name} exists on namespace ${namespace} with type ${temporal.api.enums.v1.IndexedValueType[type]}; golive needs Keyword`);
    } else {
      present.push(name);
    }
  }
  if (added.length > 0) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(added.map((name) => [name, KEYWORD])) });
  }
  return { added, present };
}
