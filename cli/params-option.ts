/** `--param NAME=value` (repeatable) for the commands that take a plan: start, validate, graph. */
import type { Command } from 'commander';
import { parseParamArguments } from '../plan/params';
import { usageError } from './io';

export interface ParamOptions {
  param: string[];
}

export function withParamOption(command: Command): Command {
  return command.option('--param <name=value>', "a value for one of the plan's params (repeat for several)", (pair: string, all: string[]) => [...all, pair], []);
}

/** The given values as text (the plan's declarations type them), or undefined after a usage error (exit 2). */
export function paramValues(options: ParamOptions): Record<string, string> | undefined {
  const { values, errors } = parseParamArguments(options.param);
  return errors.length > 0 ? usageError(`golive: ${errors.join('; ')}`) : values;
}
