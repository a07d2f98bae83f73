/** What every bench section gets, and what it is. */
import type { Report } from './report';
import type { Stack } from './stack';

export interface BenchOptions {
  /** Rounds per measurement (golive and bare interleaved); each section has its own default. */
  rounds: number;
  /** Shrinks every size, for a smoke test. */
  quick: boolean;
}

export interface SectionContext {
  /** Undefined for sections that need no Temporal (validation). */
  stack: Stack | undefined;
  options: BenchOptions;
  report: Report;
  log(line: string): void;
}

export interface Section {
  name: string;
  title: string;
  needsTemporal: boolean;
  /** Rounds when --rounds is not given (sections that measure once ignore rounds). */
  defaultRounds: number;
  run(ctx: SectionContext): Promise<void>;
}

/** The stack of a section that declared needsTemporal. */
export function stackOf(ctx: SectionContext): Stack {
  if (!ctx.stack) throw new Error('this section needs the Temporal stack');
  return ctx.stack;
}
