/** Command line of `npm run bench -- …`. */
import { parseArgs } from 'node:util';
import type { BenchOptions } from './section';


/** A command line the bench cannot run: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface BenchArgs extends Omit<BenchOptions, 'rounds'> {
  /** Undefined: each section's default. */
  rounds: number | undefined;
  only: string[] | undefined;
  skip: string[];
  output: string | undefined;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--only a,b] [--skip a,b] [--rounds N] [--quick] [--output file.json]
  --only     run only these sections (default: all)
  --skip     leave these sections out
  --rounds   rounds per measurement, golive and bare interleaved (default: validation 5,
             chain and parallel 3, crash 2, burst 1; decisions, watch and large run once)
  --quick    shrink every size: a smoke test of the whole bench in a few minutes
  --output   where the JSON goes (default bench/results/latest.json)`;

const list = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

export function parseBenchArgs(argv: string[]): BenchArgs {
  try {
    return parse(argv);
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function parse(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      skip: { type: 'string' },
      rounds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) throw new UsageError(`--rounds must be a whole number ≥ 1, not ${values.rounds}`);
  return { only: list(values.only), skip: list(values.skip) ?? [], rounds, quick: values.quick ?? false, output: values.output, help: values.help ?? false };
}
