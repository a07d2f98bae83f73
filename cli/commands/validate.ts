/** `golive validate <plan>`: every error with its path, or a summary of the plan's shape. */
import type { Command } from 'commander';
import { formatDuration, type ParamValues, type PlanAnalysis } from '../../plan';
import type { Plan } from '../../plan/schema';
import { out, readValidPlan } from '../io';
import { paramValues, withParamOption, type ParamOptions } from '../params-option';

export function register(program: Command): void {
  const command = program
    .command('validate')
    .description('check a plan (YAML or JSON): exit 0 valid, 1 invalid (every error listed), 2 unreadable')
    .argument('<plan>', 'plan file')
    .option('--json', 'print a JSON document: {ok, analysis} or {ok: false, errors}');
  withParamOption(command).action(async (file: string, options: ParamOptions & { json?: boolean }) => {
    const params = paramValues(options);
    if (!params) return;
    const valid = await readValidPlan(file, { json: options.json, params });
    if (!valid) return;
    out(options.json ? JSON.stringify({ ok: true, file, name: valid.plan.name, analysis: valid.analysis, params: valid.params }, null, 2) : summary(valid.plan, valid.analysis, valid.params));
  });
}

function summary(plan: Plan, analysis: PlanAnalysis, params: ParamValues): string {
  const width = Math.max(...analysis.phases.map((p) => p.id.length));
  const phases = analysis.phases.map((p) => {
    const waves = p.waves.map((wave) => `[${wave.join(', ')}]`).join(' -> ');
    return `  ${p.id.padEnd(width)}  ${p.waves.length} wave${p.waves.length === 1 ? '' : 's'}${waves ? `: ${waves}` : ''}`;
  });
  const { steps, estimateMs } = analysis.criticalPath;
  return [
    `${plan.name}: valid, ${analysis.stepCount} step${analysis.stepCount === 1 ? '' : 's'} in ${plan.phases.length} phase${plan.phases.length === 1 ? '' : 's'}`,
    ...phases,
    `critical path (${formatDuration(estimateMs)}): ${steps.length ? steps.join(' -> ') : 'none'}`,
    ...(Object.keys(params).length ? [`params: ${Object.entries(params).map(([name, value]) => `${name}=${String(value)}`).join(', ')}`] : []),
  ].join('\n');
}
