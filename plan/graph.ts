/**
 * Dependency-graph algorithms over any `{id, dependsOn}` nodes: pure and deterministic, ties always broken
 * by the nodes' input order. Dependencies on ids that are not among the given nodes are ignored, so a caller
 * can pass one phase's steps and let dependencies on earlier phases count as already satisfied.
 * Ids are assumed unique (the first node with an id wins); plan/references.ts reports duplicates.
 */

import { MinHeap } from './min-heap';

export interface GraphNode {
  readonly id: string;
  readonly dependsOn: readonly string[];
}

export type TopologicalResult = { ok: true; order: string[] } | { ok: false; cycles: string[][] };

/** Per node (by index): the distinct indexes of the nodes it depends on, and of the nodes depending on it. */
type IndexedGraph = { deps: number[][]; dependents: number[][] };

/** The graph of `nodes` by index, dependencies on ids not among them dropped. Built once per call below. */
function indexGraph(nodes: readonly GraphNode[]): IndexedGraph {
  // Plain loops, few allocations: plans may have tens of thousands of steps.
  const index = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) if (!index.has(nodes[i].id)) index.set(nodes[i].id, i);
  const deps: number[][] = new Array(nodes.length);
  const dependents: number[][] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    dependents[i] = [];
    const ids = nodes[i].dependsOn;
    // A short list is deduplicated by scanning it, a long one (a step waiting for hundreds) by a set.
    const seen = ids.length > 16 ? new Set<number>() : undefined;
    const ds: number[] = [];
    for (const id of ids) {
      const d = index.get(id);
      if (d === undefined || (seen ? seen.has(d) : ds.includes(d))) continue;
      seen?.add(d);
      ds.push(d);
    }
    deps[i] = ds;
  }
  for (let i = 0; i < nodes.length; i++) for (const d of deps[i]) dependents[d].push(i);
  return { deps, dependents };
}

/** Kahn's algorithm: whenever several nodes are ready, the earliest in input order goes first. */
export function topologicalOrder(nodes: readonly GraphNode[]): TopologicalResult {
  const order = kahn(indexGraph(nodes));
  return order.length === nodes.length ? { ok: true, order: order.map((i) => nodes[i].id) } : { ok: false, cycles: findCycles(nodes) };
}

/** Indexes in topological order; shorter than `nodes` when some sit on or behind a cycle. */
function kahn({ deps, dependents }: IndexedGraph): number[] {
  const waiting = deps.map((ds) => ds.length);
  const ready = new MinHeap();
  waiting.forEach((count, i) => {
    if (count === 0) ready.push(i);
  });
  const order: number[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    order.push(i);
    for (const next of dependents[i]) if (--waiting[next] === 0) ready.push(next);
  }
  return order;
}

/**
 * One cycle per tangle of mutually dependent nodes (strongly connected component), each written as the ids
 * along the "depends on" edges, starting at the tangle's earliest node: `[a, b, c]` means a depends on b,
 * b on c and c on a. A self-dependency is the cycle `[a]`. Cycles come in order of their first node.
 */
export function findCycles(nodes: readonly GraphNode[]): string[][] {
  const { deps } = indexGraph(nodes);
  return stronglyConnected(deps)
    .filter((scc) => scc.length > 1 || deps[scc[0]].includes(scc[0]))
    .map((scc) => shortestCycleThrough(smallest(scc), new Set(scc), deps))
    .sort((a, b) => a[0] - b[0])
    .map((cycle) => cycle.map((i) => nodes[i].id));
}

/**
 * Parallel waves: wave k holds the nodes whose dependencies all sit in waves before k, in input order.
 * Throws on a cycle (validate first).
 */
export function waves(nodes: readonly GraphNode[]): string[][] {
  const graph = indexGraph(nodes);
  const { deps } = graph;
  const level: number[] = [];
  for (const i of topologicalIndexes(nodes, graph)) {
    let deepest = -1;
    for (const d of deps[i]) deepest = Math.max(deepest, level[d]);
    level[i] = deepest + 1;
  }
  const result: string[][] = [];
  nodes.forEach((node, i) => (result[level[i]] ??= []).push(node.id));
  return result;
}

/**
 * The heaviest chain of dependencies by `weight`; among equally heavy chains the one with more nodes, then
 * the one ending (and continuing) earliest in input order. Throws on a cycle (validate first).
 */
export function longestPath<N extends GraphNode>(nodes: readonly N[], weight: (node: N) => number): { path: string[]; total: number } {
  const graph = indexGraph(nodes);
  const { deps } = graph;
  const best: { total: number; count: number; prev: number }[] = [];
  const better = (a: number, b: number) =>
    best[a].total !== best[b].total ? best[a].total > best[b].total : best[a].count !== best[b].count ? best[a].count > best[b].count : a < b;
  for (const i of topologicalIndexes(nodes, graph)) {
    const prev = deps[i].reduce((p, d) => (p === -1 || better(d, p) ? d : p), -1);
    best[i] = prev === -1 ? { total: weight(nodes[i]), count: 1, prev } : { total: best[prev].total + weight(nodes[i]), count: best[prev].count + 1, prev };
  }
  if (nodes.length === 0) return { path: [], total: 0 };
  let end = 0;
  for (let i = 1; i < nodes.length; i++) if (better(i, end)) end = i;
  const path: string[] = [];
  for (let i = end; i !== -1; i = best[i].prev) path.push(nodes[i].id);
  return { path: path.reverse(), total: best[end].total };
}

function topologicalIndexes(nodes: readonly GraphNode[], graph: IndexedGraph): number[] {
  const order = kahn(graph);
  if (order.length < nodes.length) {
    throw new Error(`dependency cycle: ${findCycles(nodes).map((c) => [...c, c[0]].join(' -> ')).join('; ')}`);
  }
  return order;
}

/** Tarjan's algorithm, iterative so a long chain cannot overflow the stack. */
function stronglyConnected(deps: readonly number[][]): number[][] {
  const order: number[] = deps.map(() => -1);
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    order[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
  };
  for (let root = 0; root < deps.length; root++) {
    if (order[root] !== -1) continue;
    visit(root);
    const work: [node: number, edge: number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const v = frame[0];
      if (frame[1] < deps[v].length) {
        const w = deps[v][frame[1]++];
        if (order[w] === -1) {
          visit(w);
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], order[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === order[v]) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          scc.push(w);
        } while (w !== v);
        result.push(scc);
      }
    }
  }
  return result;
}

/** The smallest number of a non-empty list, without spreading it into arguments (a huge list would overflow the stack). */
function smallest(values: readonly number[]): number {
  let min = values[0];
  for (const v of values) if (v < min) min = v;
  return min;
}

/** Breadth-first from `start` along dependencies inside the component, back to `start`. */
function shortestCycleThrough(start: number, members: ReadonlySet<number>, deps: readonly number[][]): number[] {
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of deps[v]) {
      if (w === start) {
        const cycle: number[] = [];
        for (let i = v; i !== -1; i = parent.get(i)!) cycle.push(i);
        return cycle.reverse();
      }
      if (members.has(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start]; // unreachable for a real component
}
