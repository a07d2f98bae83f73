/** `golive graph <plan> [--format mermaid|dot] [--discover]`: the plan's dependency graph on stdout, deploy blocks expanded in their derived order. */
import { Option, type Command } from 'commander';
import { discoverDeployGraphs } from '../../api/deploy-discovery';
import { renderDot, renderMermaid } from '../../plan';
import { out, readValidPlan } from '../io';
import { paramValues, withParamOption, type ParamOptions } from '../params-option';

const renderers = { mermaid: renderMermaid, dot: renderDot };

export function register(program: Command): void {
  const command = program
    .command('graph')
    .description('print the plan as a Mermaid flowchart or a Graphviz digraph')
    .argument('<plan>', 'plan file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(renderers)).default('mermaid'))
    .option('--discover', "ask the platform what each deploy block's objects consume (else the plan's own deploy.graph)");
  withParamOption(command);
  command.action(async (file: string, options: ParamOptions & { format: keyof typeof renderers; discover?: boolean }) => {
      const params = paramValues(options);
      if (!params) return;
      const valid = await readValidPlan(file, { params, ...(options.discover ? { prepare: (raw: unknown) => discoverDeployGraphs(raw) } : {}) });
      if (valid) out(renderers[options.format](valid.plan));
    });
}
