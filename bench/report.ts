/** The bench's findings: rows of figures, targets with PASS/MISS, section errors; printed as a table and kept as JSON. */
import type { Percentiles, Range } from './stats';

export type Figure = Range | Percentiles | number | string | boolean | null;

export interface Row {
  section: string;
  metric: string;
  unit: string;
  /** Named figures, e.g. golive and bare, or api and direct. */
  values: Record<string, Figure>;
  /** golive / bare (or api / direct), when the row compares two sides. */
  ratio?: number;
  note?: string;
}

export interface Target {
  name: string;
  /** The measured value, as shown. */
  actual: string;
  limit: string;
  /** null: not measured (section skipped or failed before it got there). */
  pass: boolean | null;
}

export class Report {
  readonly rows: Row[] = [];
  readonly targets: Target[] = [];
  readonly errors: { section: string; message: string }[] = [];
  readonly sectionTimes: Record<string, number> = {};

  row(row: Row): void {
    this.rows.push(row);
    process.stdout.write(`  ${formatRow(row)}\n`);
  }

  /** `value <= limit` passes; NaN / undefined counts as not measured. */
  target(name: string, value: number | undefined, limit: number, show: (v: number) => string = (v) => v.toFixed(3)): void {
    const measured = value !== undefined && Number.isFinite(value);
    this.targets.push({ name, actual: measured ? show(value) : 'not measured', limit: `≤ ${show(limit)}`, pass: measured ? value <= limit : null });
  }

  check(name: string, pass: boolean | null, actual: string, limit = 'yes'): void {
    this.targets.push({ name, actual, limit, pass });
  }

  error(section: string, message: string): void {
    this.errors.push({ section, message });
    process.stdout.write(`  ! ${section}: ${message}\n`);
  }
}

const num = (v: number): string => {
  if (!Number.isFinite(v)) return 'n/a';
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 1000 ? v.toFixed(0) : abs >= 100 ? v.toFixed(1) : abs >= 10 ? v.toFixed(2) : v.toFixed(3);
};

export function formatFigure(figure: Figure): string {
  if (figure === null) return 'n/a';
  if (typeof figure === 'number') return num(figure);
  if (typeof figure === 'string') return figure;
  if (typeof figure === 'boolean') return figure ? 'yes' : 'no';
  if ('median' in figure) return `${num(figure.min)} / ${num(figure.median)} / ${num(figure.max)}`;
  return `${num(figure.p50)} / ${num(figure.p95)} / ${num(figure.p99)} (max ${num(figure.max)}, n=${figure.n})`;
}

function shape(figure: Figure): string {
  if (figure !== null && typeof figure === 'object') return 'median' in figure ? 'min/med/max' : 'p50/p95/p99';
  return '';
}

export function formatRow(row: Row): string {
  const kinds = [...new Set(Object.values(row.values).map(shape).filter(Boolean))];
  const head = `${row.metric} [${row.unit}${kinds.length ? `, ${kinds.join(', ')}` : ''}]`;
  const cells = Object.entries(row.values).map(([label, figure]) => `${label} ${formatFigure(figure)}`);
  const ratio = row.ratio === undefined ? '' : `   ratio ${Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : 'n/a'}`;
  return `${head.padEnd(52)} ${cells.join('   ')}${ratio}${row.note ? `   (${row.note})` : ''}`;
}

export function formatTargets(targets: readonly Target[]): string {
  const width = Math.max(10, ...targets.map((t) => t.name.length));
  return targets
    .map((t) => `  ${t.pass === null ? 'N/A ' : t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(width)}  ${t.actual}  (target ${t.limit})`)
    .join('\n');
}

export function formatSummary(report: Report): string {
  const bySection = new Map<string, Row[]>();
  for (const row of report.rows) bySection.set(row.section, [...(bySection.get(row.section) ?? []), row]);
  const lines: string[] = ['', '================ golive bench: results ================'];
  for (const [section, rows] of bySection) {
    lines.push(`\n[${section}]${report.sectionTimes[section] === undefined ? '' : ` (${(report.sectionTimes[section] / 1000).toFixed(0)} s)`}`);
    for (const row of rows) lines.push(`  ${formatRow(row)}`);
  }
  if (report.errors.length > 0) {
    lines.push('\n[errors]');
    for (const e of report.errors) lines.push(`  ${e.section}: ${e.message}`);
  }
  lines.push('\n[targets]', formatTargets(report.targets));
  return lines.join('\n');
}
