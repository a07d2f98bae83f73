/**
 * Property-based: the plan validator against generated plans and hostile documents. Accepted iff
 * the independent oracle finds nothing wrong (acyclic, every reference resolves, …), with exactly
 * the errors it predicts; whatever the input, a plan or typed plan errors, never a thrown error.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { validatePlan, type PlanAnalysis } from '../../plan';
import { parsePlanText } from '../../plan/load';
import { ApiError } from '../../api/errors';
import { planFromRequestValue } from '../../api/plan-body';
import { hostileValue } from '../support/hostile-values';
import { genPlan, planOf, type GenPlan } from '../support/plan-arbitraries';
import { mutated, mutation } from '../support/plan-mutations';
import { expectedVerdict } from '../support/plan-oracle';
import { assertTypedValidation } from '../support/typed-plan-errors';

/** The analysis of an accepted plan honours its dependencies: every phase step once, after the steps it needs. */
function assertOrderHonoursDependencies(gen: GenPlan, analysis: PlanAnalysis): void {
  const position = new Map(analysis.order.map((id, i) => [id, i]));
  const phaseSteps = gen.phases.flatMap((p) => p.steps);
  expect(analysis.order).toHaveLength(phaseSteps.length);
  for (const step of phaseSteps) {
    for (const dep of step.deps) expect(position.get(dep)!).toBeLessThan(position.get(step.id)!);
  }
}

test('a generated plan is accepted iff the oracle finds no error, and refused with exactly the predicted ones', () => {
  fc.assert(
    fc.property(genPlan, (gen) => {
      const input = planOf(gen);
      const result = validatePlan(input);
      assertTypedValidation(result, input);
      const verdict = expectedVerdict(gen);
      if (result.ok) {
        expect({ errors: [...verdict.errors], cycle: verdict.cycle }).toEqual({ errors: [], cycle: false });
        assertOrderHonoursDependencies(gen, result.analysis);
        return;
      }
      const cycles = result.errors.filter((e) => e.code === 'cycle');
      const others = result.errors.filter((e) => e.code !== 'cycle').map((e) => `${e.code} ${e.path}`);
      expect(new Set(others)).toEqual(verdict.errors);
      expect(cycles.length > 0).toBe(verdict.cycle);
      // A cycle is reported on a dependsOn entry, naming its loop.
      for (const c of cycles) expect(c).toMatchObject({ path: expect.stringMatching(/\.dependsOn\[\d+\]$/), message: expect.stringMatching(/ -> /) });
    }),
    { numRuns: 2500 },
  );
});

test('a damaged plan: a plan or typed errors with a path into the input, never a thrown error', () => {
  fc.assert(
    fc.property(genPlan, fc.array(mutation, { minLength: 1, maxLength: 4 }), (gen, mutations) => {
      const input = mutated(planOf(gen), mutations);
      assertTypedValidation(validatePlan(input), input);
    }),
    { numRuns: 2500 },
  );
});

test('any value at all as a plan: typed errors, never a thrown error', () => {
  fc.assert(
    fc.property(hostileValue, (input) => {
      assertTypedValidation(validatePlan(input), input);
    }),
    { numRuns: 4000 },
  );
});

/** What an edit inserts: any characters, or YAML's own syntax (anchors and aliases, self-referencing too, tags, merges). */
const insertion = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.constantFrom('&a ', '*a', '&b [*b]', '&c {k: *c}', '<<: *a\n', '!!str ', '!!binary ', '[', ']', '{', '}', ': ', '- ', '? ', '\n', '\n  ', '"', "'", '#', '|\n', '---\n', '...\n'),
);

/** YAML of a (damaged) plan with a few edits: mostly near-valid text. */
const planText = fc
  .tuple(genPlan, fc.array(mutation, { maxLength: 2 }), fc.array(fc.tuple(fc.nat(), insertion), { maxLength: 3 }))
  .map(([gen, mutations, edits]) =>
    edits.reduce((text, [at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + (at % 3));
    }, stringify(mutated(planOf(gen), mutations))),
  );

test('plan text (YAML or JSON, damaged or not) through the API path: the plan, or a 422 with typed errors', () => {
  fc.assert(
    fc.property(fc.oneof(planText, fc.string({ unit: 'binary', maxLength: 40 }), hostileValue), (value) => {
      const parsed = typeof value === 'string' ? parsePlanText(value) : undefined;
      // Text that cannot be read: a syntax error, or beyond the text limits (plan/text-limits.ts).
      if (parsed && !parsed.ok) for (const e of parsed.errors) expect(e).toMatchObject({ code: expect.stringMatching(/^(syntax|out-of-range)$/), path: '', message: expect.any(String) });
      if (parsed?.ok) assertTypedValidation(validatePlan(parsed.value), parsed.value);
      try {
        planFromRequestValue(value);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        expect({ status: err.status, code: err.code }).toEqual({ status: 422, code: 'invalid-plan' });
      }
    }),
    { numRuns: 1000 },
  );
});
