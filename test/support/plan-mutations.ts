/**
 * Random damage to a plan document: a field dropped, renamed, replaced by a hostile value, an
 * unknown field added, a list item duplicated. Each mutation picks its place by index among every
 * field and item of the document, so any part of a plan can be hit.
 */
import fc from 'fast-check';
import { hostileValue, ownObject, trickyNames } from './hostile-values';

type Container = Record<PropertyKey, unknown> | unknown[];

export interface Mutation {
  op: 'set' | 'delete' | 'rename' | 'add' | 'duplicate';
  at: number;
  key: string;
  value: unknown;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('set', 'set', 'delete', 'rename', 'add', 'duplicate'),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...trickyNames, 'id', 'kind', 'dependsOn', 'timout', 'steps'), fc.string({ maxLength: 6 })),
  value: hostileValue,
});

const isContainer = (value: unknown): value is Container => value !== null && typeof value === 'object';

/** Every (container, key) of `root`, depth first, in a stable order. */
function places(root: Container): [Container, PropertyKey][] {
  const out: [Container, PropertyKey][] = [];
  const stack: Container[] = [root];
  while (stack.length > 0) {
    const container = stack.pop()!;
    for (const key of Object.keys(container)) {
      const slot: PropertyKey = Array.isArray(container) ? Number(key) : key;
      out.push([container, slot]);
      const child = (container as Record<PropertyKey, unknown>)[slot];
      if (isContainer(child)) stack.push(child);
    }
  }
  return out;
}

function put(container: Container, key: PropertyKey, value: unknown): void {
  if (Array.isArray(container) && typeof key === 'number') container[key] = value;
  // defineProperty: a "__proto__" key becomes an own field, as JSON.parse and YAML make it.
  else Object.defineProperty(container, key, { value, enumerable: true, writable: true, configurable: true });
}

function apply(root: Container, m: Mutation): void {
  const all = places(root);
  if (all.length === 0) return;
  const [container, key] = all[m.at % all.length];
  const current = (container as Record<PropertyKey, unknown>)[key];
  switch (m.op) {
    case 'set':
      return put(container, key, m.value);
    case 'delete':
      if (Array.isArray(container) && typeof key === 'number') container.splice(key, 1);
      else delete (container as Record<PropertyKey, unknown>)[key];
      return;
    case 'rename':
      if (Array.isArray(container)) return put(container, key, ownObject([[m.key, current]]));
      delete container[key];
      return put(container, m.key, current);
    case 'add':
      return isContainer(current) && !Array.isArray(current) ? put(current, m.key, m.value) : put(container, key, [current, m.value]);
    case 'duplicate':
      if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[m.at % current.length]));
      else if (Array.isArray(container)) container.push(structuredClone(current));
      return;
  }
}

/** A damaged copy of `doc` (the original is left alone). */
export function mutated(doc: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const copy = structuredClone(doc);
  for (const m of mutations) apply(copy, m);
  return copy;
}
