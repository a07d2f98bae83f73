/** The generic graph algorithms, on bare {id, dependsOn} nodes. */
import { findCycles, longestPath, topologicalOrder, waves } from '../../plan/graph';

const node = (id: string, ...dependsOn: string[]) => ({ id, dependsOn });

describe('topologicalOrder', () => {
  it('puts dependencies first and breaks ties by input order', () => {
    const nodes = [node('deploy-inbound', 'deploy-module', 'deploy-queue'), node('deploy-queue'), node('deploy-module', 'deploy-table'), node('deploy-table')];
    expect(topologicalOrder(nodes)).toEqual({ ok: true, order: ['deploy-queue', 'deploy-table', 'deploy-module', 'deploy-inbound'] });
  });

  it('ignores dependencies outside the given nodes', () => {
    expect(topologicalOrder([node('b', 'elsewhere'), node('a')])).toEqual({ ok: true, order: ['b', 'a'] });
  });

  it('returns the cycles instead of an order', () => {
    expect(topologicalOrder([node('a', 'b'), node('b', 'a'), node('c', 'a')])).toEqual({ ok: false, cycles: [['a', 'b']] });
  });
});

describe('findCycles', () => {
  it('names each cycle once, from its earliest node, along the depends-on edges', () => {
    const nodes = [node('x', 'z'), node('y', 'x'), node('z', 'y'), node('s', 's'), node('free')];
    expect(findCycles(nodes)).toEqual([['x', 'z', 'y'], ['s']]);
  });

  it('handles a long chain without recursion limits', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => node(`n${i}`, ...(i > 0 ? [`n${i - 1}`] : [])));
    expect(findCycles(nodes)).toEqual([]);
    expect(waves(nodes)).toHaveLength(20_000);
  });
});

describe('waves', () => {
  it('groups what can run together', () => {
    expect(waves([node('a'), node('b', 'a'), node('c', 'a'), node('d', 'b', 'c'), node('e')])).toEqual([['a', 'e'], ['b', 'c'], ['d']]);
  });

  it('refuses a cycle', () => {
    expect(() => waves([node('a', 'b'), node('b', 'a')])).toThrow('dependency cycle: a -> b -> a');
  });
});

describe('longestPath', () => {
  const weights: Record<string, number> = { a: 1, b: 5, c: 2, d: 1 };
  it('follows the heaviest chain', () => {
    const nodes = [node('a'), node('b', 'a'), node('c', 'a'), node('d', 'b', 'c')];
    expect(longestPath(nodes, (n) => weights[n.id])).toEqual({ path: ['a', 'b', 'd'], total: 7 });
  });

  it('prefers more steps, then input order, when weights tie', () => {
    const nodes = [node('solo'), node('x'), node('y', 'x'), node('z')];
    expect(longestPath(nodes, () => 0)).toEqual({ path: ['x', 'y'], total: 0 });
  });

  it('is empty for no nodes', () => {
    expect(longestPath([], () => 1)).toEqual({ path: [], total: 0 });
  });
});
