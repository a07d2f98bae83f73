/** Mermaid and DOT renderings of a plan. */
import path from 'node:path';
import { renderDot, renderMermaid, validatePlan, type Plan } from '../../plan';
import { loadPlanFile } from '../../plan/load';
import { basePlan } from './fixtures/base-plan';

async function diamond(): Promise<Plan> {
  const parsed = await loadPlanFile(path.join(__dirname, 'fixtures/diamond.yaml'));
  const result = parsed.ok ? validatePlan(parsed.value) : undefined;
  if (!result?.ok) throw new Error('fixture should be valid');
  return result.plan;
}

describe('renderMermaid', () => {
  it('draws a flowchart with a subgraph per phase and an edge per dependency', async () => {
    const text = renderMermaid(await diamond());
    expect(text.startsWith('flowchart TD\n')).toBe(true);
    expect(text).toContain('  subgraph phase_0["prep: Preparation"]');
    expect(text).toContain('  subgraph phase_1["go"]');
    expect(text).toContain('    s_a["a<br/>Export config"]');
    for (const edge of ['s_a --> s_b', 's_a --> s_c', 's_b --> s_d', 's_c --> s_d', 's_a --> s_e', 's_e --> s_g', 's_f --> s_g']) expect(text).toContain(`  ${edge}\n`);
    expect(text.match(/-->/g)).toHaveLength(7);
  });

  it('escapes quotes in labels', async () => {
    expect(renderMermaid(await diamond())).toContain('s_g["g<br/>Say #quot;hello#quot;"]');
  });

  it('makes ids with dots and dashes safe and distinct', () => {
    const plan = basePlan();
    plan.phases[0].steps = [
      { id: 'deploy.flow', kind: 'noop' },
      { id: 'deploy-flow', kind: 'noop', dependsOn: ['deploy.flow'] },
    ];
    const result = validatePlan(plan);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = renderMermaid(result.plan);
    expect(text).toContain('s_deploy_flow["deploy.flow"]');
    expect(text).toContain('s_deploy_flow_2["deploy-flow"]');
    expect(text).toContain('s_deploy_flow --> s_deploy_flow_2');
  });

  it('shows a gate in front of its phase', () => {
    const plan = basePlan();
    plan.phases[1].gate = { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'] } };
    const result = validatePlan(plan);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = renderMermaid(result.plan);
    expect(text).toContain('phase_1_gate{{"gate: go-no-go"}}');
    expect(text).toContain('phase_1_gate --> s_c');
    expect(text).not.toContain('phase_1_gate --> s_d');
  });
});

describe('renderDot', () => {
  it('draws a digraph with a cluster per phase and an edge per dependency', async () => {
    const text = renderDot(await diamond());
    expect(text.startsWith('digraph "diamond" {\n')).toBe(true);
    expect(text).toContain('  subgraph "cluster_phase_0" {\n    label="prep: Preparation";');
    expect(text).toContain('    "a" [label="a\\nExport config"];');
    for (const edge of ['"a" -> "b"', '"a" -> "c"', '"b" -> "d"', '"c" -> "d"', '"a" -> "e"', '"e" -> "g"', '"f" -> "g"']) expect(text).toContain(`  ${edge};\n`);
    expect(text.match(/->/g)).toHaveLength(7);
    expect(text.trimEnd().endsWith('}')).toBe(true);
  });

  it('escapes quotes in labels', async () => {
    expect(renderDot(await diamond())).toContain('"g" [label="g\\nSay \\"hello\\""];');
  });
});
