/** `golive validate <plan>`: every error with its path, or a summary of the plan's shape. */
import type { Command } from 'commander';
import { formatDuration, type PlanAnalysis } from '../../plan';
import type { Plan } from '../../plan/schema';
import { out, readValidPlan } from '../io';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a plan (YAML or JSON): exit 0 valid, 1 invalid (every error listed), 2 unreadable')
    .argument('<plan>', 'plan file')
    .option('--json', 'print a JSON document: {ok, analysis} or {ok: false, errors}')
    .action(async (file: string, options: { json?: boolean }) => {
      const valid = await readValidPlan(file, { json: options.json });
      if (!valid) return;
      out(options.json ? JSON.stringify({ ok: true, file, name: valid.plan.name, analysis: valid.analysis }, null, 2) : summary(valid.plan, valid.analysis));
    });
}

function summary(plan: Plan, analysis: PlanAnalysis): string {
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
  ].join('\n');
}
