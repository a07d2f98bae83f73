/**
 * Property-based, big inputs: 10,000-step plans of random shapes (chains, fans, random DAGs, with
 * or without a cycle or a dangling reference) get the right verdict in bounded time, and values
 * nested 500 deep anywhere in a plan, as objects or as YAML/JSON text, get typed errors: no hang,
 * no stack overflow. Few runs: each case is big.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { PLAN_ERROR_CODES, validatePlan } from '../../plan';
import { parsePlanText } from '../../plan/load';
import { ApiError } from '../../api/errors';
import { planFromRequestValue } from '../../api/plan-body';
import { hostileValue } from '../support/hostile-values';
import { genPlan, planOf } from '../support/plan-arbitraries';
import { mutated, mutation } from '../support/plan-mutations';
import { assertTypedValidation } from '../support/typed-plan-errors';

/** Generous on a loaded 2-core machine; a 20,000-step chain validates in ~0.4 s. */
const BOUND_MS = 10_000;

function timed<T>(work: () => T): T {
  const started = Date.now();
  const result = work();
  const ms = Date.now() - started;
  if (ms > BOUND_MS) throw new Error(`took ${ms} ms (bound ${BOUND_MS} ms)`);
  return result;
}

const N = 10_000;

/** Dependencies of step i (by index) for each shape; every shape is acyclic by itself. */
const shapes: Record<string, (i: number, n: number) => number[]> = {
  chain: (i) => (i > 0 ? [i - 1] : []),
  'fan-out': (i) => (i > 0 ? [0] : []),
  'fan-in': (i, n) => (i === n - 1 ? Array.from({ length: n - 1 }, (_, k) => k) : []),
  tree: (i) => (i > 0 ? [(i - 1) >> 1] : []),
};

/** mulberry32: a random DAG of 10,000 steps from one generated seed (fast-check shrinks the seed, not 20,000 numbers). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bigDag = fc.record({
  shape: fc.constantFrom(...Object.keys(shapes), 'random'),
  seed: fc.integer(),
  seedEdges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
  dangling: fc.boolean(),
  phases: fc.integer({ min: 1, max: 4 }),
});

/** Kahn's algorithm, iterative: does the graph (indexes) have a cycle? */
function cyclic(deps: number[][]): boolean {
  const waiting = deps.map((d) => new Set(d).size);
  const dependents: number[][] = deps.map(() => []);
  deps.forEach((ds, i) => new Set(ds).forEach((d) => dependents[d].push(i)));
  const ready = waiting.flatMap((w, i) => (w === 0 ? [i] : []));
  let done = 0;
  while (ready.length > 0) {
    const i = ready.pop()!;
    done++;
    for (const next of dependents[i]) if (--waiting[next] === 0) ready.push(next);
  }
  return done < deps.length;
}

test('10,000-step plans of random shapes: accepted iff acyclic and resolved, in bounded time', () => {
  fc.assert(
    fc.property(bigDag, ({ shape, seed, seedEdges, dangling, phases }) => {
      const next = random(seed);
      const earlier = (i: number) => Math.floor(next() * i);
      const deps = Array.from({ length: N }, (_, i) => (shape !== 'random' ? shapes[shape](i, N) : i === 0 ? [] : [earlier(i), earlier(i), earlier(i)]));
      // Extra edges anywhere: a later step, itself, or an earlier one (a cycle when it closes a path).
      for (const [from, to] of seedEdges) deps[from % N].push(to % N);
      const selfDependent = deps.some((ds, i) => ds.includes(i));
      const ids = deps.map((_, i) => `s${i}`);
      const steps = deps.map((ds, i) => ({ id: ids[i], kind: 'noop', dependsOn: [...ds.map((d) => ids[d]), ...(dangling && i === N - 1 ? ['nowhere'] : [])] }));
      // One phase or several: an edge to a later phase is its own error; the others all point back, so any cycle is within a phase.
      const size = Math.ceil(N / phases);
      const forward = deps.some((ds, i) => ds.some((d) => Math.floor(d / size) > Math.floor(i / size)));
      const plan = {
        apiVersion: 'golive/v1',
        name: 'big',
        phases: Array.from({ length: phases }, (_, k) => ({ id: `p${k}`, steps: steps.slice(k * size, (k + 1) * size) })),
      };
      const result = timed(() => validatePlan(plan));
      assertTypedValidation(result, plan);
      expect(result.ok).toBe(!dangling && !selfDependent && !forward && !cyclic(deps.map((ds, i) => ds.filter((d) => d !== i))));
    }),
    { numRuns: 12 },
  );
});

/** A value nested `depth` deep, each level an object (under a hostile key) or a list. */
const deepValue = fc
  .tuple(fc.integer({ min: 500, max: 600 }), fc.array(fc.constantFrom('[]', 'a', '__proto__', 'steps', 'dependsOn'), { minLength: 1, maxLength: 5 }), hostileValue)
  .map(([depth, levels, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) {
      const level = levels[i % levels.length];
      value = level === '[]' ? [value] : Object.defineProperty({}, level, { value, enumerable: true, writable: true, configurable: true });
    }
    return value;
  });

test('a value nested 500 deep anywhere in a plan: typed errors in bounded time, as a document and as YAML text', () => {
  fc.assert(
    fc.property(genPlan, mutation, deepValue, fc.boolean(), (gen, place, deep, flow) => {
      const input = mutated(planOf(gen), [{ ...place, op: place.op === 'delete' ? 'set' : place.op, value: deep }]);
      assertTypedValidation(timed(() => validatePlan(input)), input);
      // JSON is YAML's flow style (and yaml's own flow output indents: quadratic at this depth).
      const text = flow ? JSON.stringify(input) : stringify(input, { indent: 1 });
      const parsed = timed(() => parsePlanText(text));
      if (parsed.ok) assertTypedValidation(timed(() => validatePlan(parsed.value)), parsed.value);
      try {
        timed(() => planFromRequestValue(text));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        expect(err.status).toBe(422);
      }
    }),
    { numRuns: 30 },
  );
});

/** YAML/JSON text nested `depth` deep (up to a whole 2 MB body), or chaining thousands of aliases, written directly (a serialiser would recurse itself). */
const deepText = fc
  .record({ size: fc.oneof(fc.integer({ min: 500, max: 20_000 }), fc.integer({ min: 20_000, max: 2_000_000 })), style: fc.constantFrom('json-list', 'json-map', 'yaml-list', 'aliases') })
  .map(({ size, style }) => {
    if (style === 'json-list') return `${'['.repeat(size)}1${']'.repeat(size)}`;
    if (style === 'json-map') return `${'{"a":'.repeat(size)}1${'}'.repeat(size)}`;
    if (style === 'yaml-list') return `${'- '.repeat(size)}1`;
    // Each anchor holds the one before: resolving them is quadratic in yaml.
    return Array.from({ length: Math.min(size, 50_000) }, (_, i) => `a${i}: &x${i} [*x${Math.max(0, i - 1)}]`).join('\n');
  });

test('plan text nested 500 deep to a whole 2 MB body, or with thousands of aliases, through the API path: a 422 with typed errors in bounded time', () => {
  fc.assert(
    fc.property(deepText, (text) => {
      try {
        timed(() => planFromRequestValue(text));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        expect(err.status).toBe(422);
        for (const e of err.details as { code: string }[]) expect(Object.keys(PLAN_ERROR_CODES)).toContain(e.code);
      }
    }),
    { numRuns: 20 },
  );
});
