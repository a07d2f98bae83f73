/** `golive start` and `golive status`: talk to the golive API (`--api` or GOLIVE_API). */
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { CutoverSummary } from '../../api/cutover-service';
import type { StatusDocument } from '../../workflows/status-document';
import { ApiError } from '../../api/errors';
import { callApi, defaultApiUrl } from '../api-client';

function reportApiError(err: unknown): void {
  if (!(err instanceof ApiError)) throw err;
  process.stderr.write(`golive: ${err.message} [${err.code}]\n`);
  if (Array.isArray(err.details)) {
    for (const detail of err.details as Array<{ path?: string; message?: string; code?: string }>) {
      process.stderr.write(`  ${detail.path || '(plan)'}: ${detail.message} [${detail.code}]\n`);
    }
  }
  process.exitCode = err.status === 0 ? 2 : 1;
}

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
  program
    .command('start <plan>')
    .description('start a cutover from a plan file through the API')
    .option('--id <id>', 'cutover id (default: <plan name>-<UTC timestamp>)')
    .option('--mode <mode>', 'live or rehearsal', 'live')
    .option('--api <url>', 'golive API base URL', defaultApiUrl())
    .action(async (file: string, options: { id?: string; mode: string; api: string }) => {
      let plan: string;
      try {
        plan = await readFile(file, 'utf8');
      } catch (err) {
        process.stderr.write(`golive: cannot read ${file}: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const started = await callApi<{ id: string }>(options.api, 'POST', '/cutovers', { plan, id: options.id, mode: options.mode });
        process.stdout.write(`${started.id}\n`);
      } catch (err) {
        reportApiError(err);
      }
    });

  program
    .command('status [id]')
    .description('show one cutover (steps, state) or list them all')
    .option('--api <url>', 'golive API base URL', defaultApiUrl())
    .option('--json', 'print the raw JSON document')
    .action(async (id: string | undefined, options: { api: string; json?: boolean }) => {
      try {
        if (id) {
          const doc = await callApi<StatusDocument>(options.api, 'GET', `/cutovers/${encodeURIComponent(id)}`);
          process.stdout.write(`${options.json ? JSON.stringify(doc, null, 2) : formatStatus(doc)}\n`);
        } else {
          const { cutovers } = await callApi<{ cutovers: CutoverSummary[] }>(options.api, 'GET', '/cutovers');
          const text = options.json
            ? JSON.stringify(cutovers, null, 2)
            : cutovers.map((c) => `${c.id}  ${c.state ?? c.temporalStatus}  ${c.startedAt}`).join('\n');
          process.stdout.write(`${text}\n`);
        }
      } catch (err) {
        reportApiError(err);
      }
    });
}
