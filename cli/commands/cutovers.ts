/** `golive start` and `golive status`: talk to the golive API (`--api` or GOLIVE_API). */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { CutoverSummary } from '../../api/cutover-service';
import type { StatusDocument } from '../../workflows/status-document';
import { callApi, withApi, withApiOptions, type ApiTarget } from '../api-client';

function formatStatus(doc: StatusDocument): string {
  const lines = [`${doc.id}  ${doc.name}  ${doc.mode}  ${doc.state}${doc.phase ? `  phase ${doc.phase}` : ''}`];
  for (const step of doc.steps) {
    const error = step.error ? `  ${step.error.message}` : '';
    lines.push(`  ${step.state.padEnd(18)} ${step.phase}/${step.id}${step.attempts > 1 ? ` (attempts ${step.attempts})` : ''}${error}`);
  }
  if (doc.error) lines.push(`error: ${doc.error.message}`);
  return lines.join('\n');
}

export function registerCutovers(program: Command): void {
  withApiOptions(
    program
      .command('start <plan>')
      .description('start a cutover from a plan file through the API')
      .option('--id <id>', 'cutover id (default: <plan name>-<UTC timestamp>)')
      .option('--mode <mode>', 'live or rehearsal', 'live'),
  ).action(async (file: string, options: ApiTarget & { id?: string; mode: string }) => {
    let plan: string;
    try {
      plan = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`golive: cannot read ${file}: ${(err as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    await withApi(options, async (api) => (await callApi<{ id: string }>(api, 'POST', '/cutovers', { plan, id: options.id, mode: options.mode })).id);
  });

  withApiOptions(
    program
      .command('status [id]')
      .description('show one cutover (steps, state) or list them all')
      .option('--json', 'print the raw JSON document'),
  ).action(async (id: string | undefined, options: ApiTarget & { json?: boolean }) => {
    await withApi(options, async (api) => {
      if (id) {
        const doc = await callApi<StatusDocument>(api, 'GET', `/cutovers/${encodeURIComponent(id)}`);
        return options.json ? JSON.stringify(doc, null, 2) : formatStatus(doc);
      }
      const { cutovers } = await callApi<{ cutovers: CutoverSummary[] }>(api, 'GET', '/cutovers');
      return options.json ? JSON.stringify(cutovers, null, 2) : cutovers.map((c) => `${c.id}  ${c.state ?? c.temporalStatus}  ${c.startedAt}`).join('\n');
    });
  });
}
