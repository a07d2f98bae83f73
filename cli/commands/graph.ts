/** `golive graph <plan> [--format mermaid|dot]`: the plan's dependency graph on stdout. */
import { Option, type Command } from 'commander';
import { renderDot, renderMermaid } from '../../plan';
import { out, readValidPlan } from '../io';

const renderers = { mermaid: renderMermaid, dot: renderDot };

export function register(program: Command): void {
  program
    .command('graph')
    .description('print the plan as a Mermaid flowchart or a Graphviz digraph')
    .argument('<plan>', 'plan file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(renderers)).default('mermaid'))
    .action(async (file: string, options: { format: keyof typeof renderers }) => {
      const valid = await readValidPlan(file);
      if (valid) out(renderers[options.format](valid.plan));
    });
}
