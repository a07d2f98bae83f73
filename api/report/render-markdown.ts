/**
 * The run report as Markdown (`golive report --format md`, `?format=md`): the outline of
 * report-sections.ts, tables as pipe tables. Operators' text is escaped so it cannot break a
 * table or turn into HTML or a link where the Markdown is rendered. Pure.
 */
import type { RunReport } from './report-model';
import { reportSections, type Block } from './report-sections';
import type { Cell, Table } from './report-tables';

/** Text safe inside a Markdown table cell. */
export function mdText(value: string): string {
  return value
    .replace(/[\\|`[\]<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/\r?\n/g, '<br>');
}

function cell(value: Cell): string {
  if (typeof value === 'string') return mdText(value);
  if ('links' in value) return value.links.map(mdText).join('<br>');
  return `${mdText(value.offset)} (${mdText(value.at)})`;
}

function mdTable(table: Table, empty: string): string {
  if (table.rows.length === 0) return `_${empty}_`;
  const head = `| ${table.columns.map(mdText).join(' | ')} |`;
  const rule = `|${table.columns.map(() => ' --- ').join('|')}|`;
  return [head, rule, ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function block(b: Block): string | null {
  switch (b.kind) {
    case 'facts':
      return b.facts.map(([name, value]) => `- **${mdText(name)}:** ${mdText(value)}`).join('\n');
    case 'table':
      return mdTable(b.table, b.empty);
    case 'heading':
      return `### ${mdText(b.text)}`;
    case 'text':
      return mdText(b.text);
    default:
      return null; // charts are drawn in the HTML report; their data is in the tables
  }
}

export function renderMarkdown(report: RunReport): string {
  const parts = [`# Run report: ${mdText(report.header.name)} (${mdText(report.header.id)})`];
  for (const section of reportSections(report)) {
    parts.push(`## ${mdText(section.title)}`);
    for (const b of section.blocks) {
      const text = block(b);
      if (text) parts.push(text);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
