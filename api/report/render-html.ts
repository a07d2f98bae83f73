/**
 * The run report as one self-contained HTML page (`?format=html`, `golive report --format html`):
 * the outline of report-sections.ts, the timeline as an inline SVG Gantt chart and each metric as a
 * small inline SVG chart against its limit(s). No script, no external asset; every operator-written
 * text is escaped, and the page's own policy forbids anything but its inline style. Pure.
 */
import { esc, safeLink } from './html-escape';
import { REPORT_CSS } from './html-style';
import { ganttSvg } from './gantt-svg';
import { metricChartSvg } from './metric-chart-svg';
import type { RunReport } from './report-model';
import { reportSections, type Block } from './report-sections';
import type { Cell, Table } from './report-tables';

/** The policy the page carries (and the API sends as a header): inline style only. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function cell(value: Cell): string {
  if (typeof value === 'string') return esc(value);
  if ('links' in value) return value.links.map(safeLink).join('<br>');
  return `${esc(value.offset)}<br><span class="ts">${esc(value.at)}</span>`;
}

function htmlTable(table: Table, empty: string): string {
  if (table.rows.length === 0) return `<table><tr><td class="empty">${esc(empty)}</td></tr></table>`;
  const head = `<tr>${table.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('');
  return `<div class="table"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

function charts(report: RunReport, keys: string[]): string {
  const figures = report.metrics
    .filter((series) => keys.includes(series.key))
    .map((series) => `<figure class="chart">${metricChartSvg(series)}<figcaption>${esc(series.title ? `${series.title} (${series.metric})` : series.metric)}</figcaption></figure>`);
  return `<div class="charts">${figures.join('')}</div>`;
}

function block(report: RunReport, b: Block): string {
  switch (b.kind) {
    case 'facts':
      return `<dl class="facts">${b.facts.map(([name, value]) => `<dt>${esc(name)}</dt><dd>${esc(value)}</dd>`).join('')}</dl>`;
    case 'table':
      return htmlTable(b.table, b.empty);
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'text':
      return `<p>${esc(b.text)}</p>`;
    case 'gantt':
      return `<div class="figure">${ganttSvg(report)}</div>`;
    case 'charts':
      return charts(report, b.keys);
  }
}

export function renderHtml(report: RunReport, generatedAt?: string): string {
  const { header } = report;
  const sections = reportSections(report).map(
    (section) => `<section id="${esc(section.id)}"><h2>${esc(section.title)}</h2>${section.blocks.map((b) => block(report, b)).join('\n')}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Run report: ${header.name} (${header.id})`)}</title>
<style>${REPORT_CSS}</style></head>
<body>
<header><h1>Run report: ${esc(header.name)}</h1><div>${esc(header.id)} · ${esc(header.mode)} · <span class="state state-${esc(header.state)}">${esc(header.state)}</span></div></header>
${sections.join('\n')}
<footer>golive run report${generatedAt ? `, generated ${esc(generatedAt)}` : ''}. Times are offsets from the cutover's start (T+) in plan time.</footer>
</body></html>
`;
}
