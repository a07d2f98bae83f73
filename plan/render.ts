/**
 * A plan as a picture: Mermaid (renders in GitHub, the console and the Temporal UI's markdown) and
 * Graphviz DOT. One box per phase, one node per step labelled with its id and title, an edge from each
 * dependency to its dependent. Expects a validated plan.
 */
import { procedureSections, sectionSteps } from './procedures';
import type { Phase, Plan, Step } from './schema';

interface Group {
  key: string;
  label: string;
  gate?: string;
  steps: Step[];
}

/** Phases in order, then the contingency and the rollback procedure's sections, if any. */
function groups(plan: Plan): Group[] {
  const phases = plan.phases.map((phase: Phase, i) => ({
    key: `phase_${i}`,
    label: phase.title ? `${phase.id}: ${phase.title}` : phase.id,
    gate: phase.gate?.id,
    steps: phase.steps,
  }));
  const procedures = procedureSections
    .map((section) => ({ key: section.replace('-', '_'), label: section, steps: sectionSteps(plan, section) }))
    .filter((group) => group.steps.length > 0);
  return [...phases, ...procedures];
}

/** Mermaid node ids must be plain words: step ids become `s_<id>` with other characters as `_`, made unique. */
function mermaidIds(plan: Plan): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const step of groups(plan).flatMap((g) => g.steps)) {
    const base = `s_${step.id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(step.id, id);
  }
  return ids;
}

const mermaidText = (text: string) =>
  text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\s*\n\s*/g, ' ');

const label = (step: Step) => (step.title ? `${step.id}\n${step.title}` : step.id);

/** The gate's node leads to the steps of its phase that wait for nothing else in the phase. */
const entrySteps = (group: Group) => group.steps.filter((s) => !s.dependsOn.some((d) => group.steps.some((o) => o.id === d)));

export function renderMermaid(plan: Plan): string {
  const ids = mermaidIds(plan);
  const lines = ['flowchart TD'];
  for (const group of groups(plan)) {
    lines.push(`  subgraph ${group.key}["${mermaidText(group.label)}"]`);
    if (group.gate) lines.push(`    ${group.key}_gate{{"gate: ${mermaidText(group.gate)}"}}`);
    for (const step of group.steps) lines.push(`    ${ids.get(step.id)}["${label(step).split('\n').map(mermaidText).join('<br/>')}"]`);
    lines.push('  end');
  }
  for (const group of groups(plan)) {
    if (group.gate) for (const step of entrySteps(group)) lines.push(`  ${group.key}_gate --> ${ids.get(step.id)}`);
    for (const step of group.steps) {
      for (const dep of step.dependsOn) if (ids.has(dep)) lines.push(`  ${ids.get(dep)} --> ${ids.get(step.id)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const dotString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

export function renderDot(plan: Plan): string {
  const known = new Set(groups(plan).flatMap((g) => g.steps.map((s) => s.id)));
  const lines = [`digraph ${dotString(plan.name)} {`, '  rankdir=TB;', '  node [shape=box, style=rounded];'];
  for (const group of groups(plan)) {
    lines.push(`  subgraph ${dotString(`cluster_${group.key}`)} {`, `    label=${dotString(group.label)};`);
    if (group.gate) lines.push(`    ${dotString(`gate:${group.gate}`)} [shape=hexagon, label=${dotString(`gate: ${group.gate}`)}];`);
    for (const step of group.steps) lines.push(`    ${dotString(step.id)} [label=${dotString(label(step))}];`);
    lines.push('  }');
  }
  for (const group of groups(plan)) {
    if (group.gate) for (const step of entrySteps(group)) lines.push(`  ${dotString(`gate:${group.gate}`)} -> ${dotString(step.id)};`);
    for (const step of group.steps) {
      for (const dep of step.dependsOn) if (known.has(dep)) lines.push(`  ${dotString(dep)} -> ${dotString(step.id)};`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
