/** The short markdown the Temporal UI shows as the workflow's current details. Pure. */
import type { StatusDocument } from './status-document';

export function currentDetailsMarkdown(doc: StatusDocument): string {
  const counts = new Map<string, number>();
  for (const step of doc.steps) counts.set(step.state, (counts.get(step.state) ?? 0) + 1);
  const tally = [...counts].map(([state, count]) => `${state} ${count}`).join(', ');
  const running = doc.steps.filter((step) => step.state === 'running').map((step) => `\`${step.id}\``);
  const lines = [
    `**${doc.name}** (${doc.mode}) — **${doc.state}**`,
    `Phase: ${doc.phase ?? '—'}`,
    `Steps: ${tally || 'none'}`,
  ];
  if (running.length) lines.push(`Running: ${running.join(', ')}`);
  for (const gate of doc.gates.filter((g) => g.state === 'open')) {
    lines.push(`Gate \`${gate.id}\` open: ${gate.approverRoles.join(' / ')} to decide (update or signal \`decide\`)`);
  }
  for (const step of doc.steps.filter((s) => s.awaiting)) {
    const what = step.awaiting === 'completion' ? 'to be completed (`completeStep`)' : `an answer: ${step.awaiting!.split('-').join(' / ')} (\`answerStep\`)`;
    lines.push(`Step \`${step.id}\` waits for ${what}`);
  }
  const openIssues = doc.issues.filter((i) => i.state === 'open');
  if (openIssues.length) lines.push(`Open issues: ${openIssues.map((i) => `${i.id} (${i.severity})`).join(', ')}`);
  if (doc.error) lines.push(`Error: ${doc.error.step ? `\`${doc.error.step}\` ` : ''}${doc.error.message}`);
  return lines.join('\n\n');
}
