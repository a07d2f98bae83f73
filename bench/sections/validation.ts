/** Figure 4: plan validation (plan/analyze.ts validatePlan) of large plans, in-process. */
import { validatePlan } from '../../plan/analyze';
import { noopPlan, type Shape } from '../plans';
import type { Section } from '../section';
import { range } from '../stats';

export const validationSection: Section = {
  name: 'validation',
  title: 'plan validation time (validatePlan), chain and random DAG',
  defaultRounds: 5,
  needsTemporal: false,
  async run(ctx) {
    const sizes = ctx.options.quick ? [200, 1000] : [1000, 10_000];
    for (const size of sizes) {
      for (const shape of ['chain', 'random'] as Shape[]) {
        const raw = noopPlan(`bench-validate-${shape}`, size, shape, 4);
        const json = JSON.stringify(raw);
        validatePlan(JSON.parse(json)); // warm-up: JIT, zod schema caches
        const times: number[] = [];
        for (let round = 0; round < ctx.options.rounds; round++) {
          const input: unknown = JSON.parse(json); // a fresh document each time, as from a request body
          const started = performance.now();
          const result = validatePlan(input);
          times.push(performance.now() - started);
          if (!result.ok) throw new Error(`${shape} ${size} did not validate: ${result.errors[0]?.message}`);
        }
        ctx.report.row({ section: 'validation', metric: `${size} steps, ${shape === 'random' ? 'random DAG' : 'chain'}`, unit: 'ms', values: { validatePlan: range(times) } });
      }
    }
  },
};
