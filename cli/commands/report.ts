/** `golive report <id>`: the run report through the API, Markdown (default) or HTML, to stdout or `--out`. */
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { reportFormats } from '../../api/report/formats';
import { fetchApiText, withApi, withApiOptions, type ApiTarget } from '../api-client';
import { usageError } from '../io';

type ReportOptions = ApiTarget & { format: string; out?: string; rehearsal?: string };

export function registerReport(program: Command): void {
  withApiOptions(
    program
      .command('report <id>')
      .description('the run report of a cutover: timeline, decisions, evaluations against limits, issues, rollback, durations vs plan (and vs a rehearsal)')
      .option('--format <format>', `${reportFormats.join(' or ')} (html is one self-contained page with charts)`, 'md')
      .option('--out <file>', 'write the report to this file instead of stdout')
      .option('--rehearsal <id>', 'a rehearsal cutover whose step durations form an extra column'),
  ).action(async (id: string, options: ReportOptions) => {
    if (!(reportFormats as readonly string[]).includes(options.format)) return usageError(`golive report: --format must be one of ${reportFormats.join(', ')}, not "${options.format}"`);
    const query = new URLSearchParams({ format: options.format });
    if (options.rehearsal) query.set('rehearsal', options.rehearsal);
    await withApi(options, async (api) => {
      const text = await fetchApiText(api, `/cutovers/${encodeURIComponent(id)}/report?${query}`);
      if (!options.out) return text;
      await writeFile(options.out, text);
      return `report written to ${options.out}`;
    });
  });
}
