/**
 * Operator actions through the API: decide, complete, retry, skip, pause, resume, rollback,
 * issue report / resolve, history. Each prints one line (the new state, or the issue id);
 * an API refusal is `code: message` on stderr with exit 1, an unreachable API exit 2.
 */
import { Argument, Option, type Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { severity } from '../../plan/schema';
import { checkpointDecisions, goNoGoDecisions } from '../../workflows/message-schemas';
import type { IssueRecord } from '../../workflows/status-document';
import type { UpdateAck } from '../../workflows/status-summary';
import { callApi, withApi, withApiOptions, type ApiTarget } from '../api-client';
import { err, EXIT_USAGE } from '../io';

const cutoverPath = (id: string, ...rest: string[]) => ['/cutovers', ...[id, ...rest].map(encodeURIComponent)].join('/');

const post = (api: ApiTarget, path: string, body: Record<string, unknown>) => callApi<UpdateAck>(api, 'POST', path, body);

function gateLine(ack: UpdateAck, gateId: string): string {
  const gate = ack.gate;
  const outcome = !gate ? '' : gate.state === 'decided' ? `decided ${gate.decision}` : `${gate.approvals} of ${gate.quorum} approvals`;
  return `gate ${gateId}: ${outcome}; cutover ${ack.state}`;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerOperate(program: Command): void {
  withApiOptions(
    program
      .command('decide')
      .description('decide an open gate (a go counts toward its quorum)')
      .argument('<id>', 'cutover id')
      .argument('<gate>', 'gate id')
      .addArgument(new Argument('<decision>', 'go / no-go at a go/no-go gate; continue / pause / rollback at a checkpoint').choices([...goNoGoDecisions, ...checkpointDecisions]))
      .option('--reason <text>', 'why (kept in the audit log)'),
  ).action(async (id: string, gate: string, decision: string, options: ApiTarget & { reason?: string }) => {
    await withApi(options, async (api) => gateLine(await post(api, cutoverPath(id, 'gates', gate, 'decisions'), { decision, reason: options.reason }), gate));
  });

  withApiOptions(
    program
      .command('complete')
      .description('complete a manual step with evidence')
      .argument('<id>', 'cutover id')
      .argument('<step>', 'step id')
      .option('--evidence <text>', 'what was done and where to see it'),
  ).action(async (id: string, step: string, options: ApiTarget & { evidence?: string }) => {
    await withApi(options, async (api) => `step ${step} completed; cutover ${(await post(api, cutoverPath(id, 'steps', step, 'complete'), { evidence: options.evidence })).state}`);
  });

  for (const action of ['retry', 'skip'] as const) {
    withApiOptions(
      program
        .command(action)
        .description(
          action === 'skip'
            ? 'skip a step waiting after a failure, or a contingency / rollback step waiting for its manual completion (--reason required there)'
            : 'answer a step waiting after a failure: retry it',
        )
        .argument('<id>', 'cutover id')
        .argument('<step>', 'step id')
        .option('--reason <text>', 'why (kept in the audit log)'),
    ).action(async (id: string, step: string, options: ApiTarget & { reason?: string }) => {
      await withApi(options, async (api) => `step ${step}: ${action}; cutover ${(await post(api, cutoverPath(id, 'steps', step, action), { reason: options.reason })).state}`);
    });
  }

  const controls = { pause: 'pause the cutover (running steps finish, no new one starts)', resume: 'resume a paused cutover', rollback: 'roll the cutover back now' };
  for (const [action, description] of Object.entries(controls)) {
    withApiOptions(program.command(action).description(description).argument('<id>', 'cutover id').requiredOption('--reason <text>', 'why (kept in the audit log)')).action(
      async (id: string, options: ApiTarget & { reason: string }) => {
        await withApi(options, async (api) => {
          const ack = await post(api, cutoverPath(id, action), { reason: options.reason });
          return `cutover ${id}: ${ack.state}`;
        });
      },
    );
  }

  const issue = program.command('issue').description('report and resolve issues (the agents’ and supervisors’ template)');
  withApiOptions(
    issue
      .command('report')
      .description('report an issue; prints its id')
      .argument('<id>', 'cutover id')
      .addOption(new Option('--severity <severity>', 'how bad').choices(severity.options).makeOptionMandatory())
      .requiredOption('--summary <text>', 'one line')
      .option('--details <text>', 'what happened')
      .option('--call-time <time>', 'time of the call')
      .option('--caller-ani <number>', "the caller's number (ANI)")
      .option('--csr <username>', 'the CSR (agent) username')
      .option('--screenshot <url>', 'link to a screenshot (repeatable)', collect)
      .option('--owner <role>', 'the role that owns the issue (a role of the plan)')
      .option('--step <id>', 'the step the issue is about'),
  ).action(async (id: string, options: ApiTarget & { severity: string; summary: string; details?: string; callTime?: string; callerAni?: string; csr?: string; screenshot?: string[]; owner?: string; step?: string }) => {
    await withApi(options, async (api) => {
      const body = {
        severity: options.severity,
        summary: options.summary,
        details: options.details,
        callTime: options.callTime,
        callerAni: options.callerAni,
        csrUsername: options.csr,
        screenshots: options.screenshot,
        owner: options.owner,
        step: options.step,
      };
      return (await callApi<{ issue: IssueRecord }>(api, 'POST', cutoverPath(id, 'issues'), body)).issue.id;
    });
  });

  withApiOptions(
    issue
      .command('resolve')
      .description('resolve an issue (its owner role, its reporter or the cutover lead)')
      .argument('<id>', 'cutover id')
      .argument('<issue>', 'issue id, e.g. ISS-1')
      .requiredOption('--resolution <text>', 'what fixed it'),
  ).action(async (id: string, issueId: string, options: ApiTarget & { resolution: string }) => {
    await withApi(options, async (api) => {
      const ack = await post(api, cutoverPath(id, 'issues', issueId, 'resolve'), { resolution: options.resolution });
      return `${issueId} resolved; cutover ${ack.state}`;
    });
  });

  withApiOptions(
    program
      .command('history')
      .description('the event history (proto JSON) of a cutover, for replay and rehearsal')
      .argument('<id>', 'cutover id')
      .option('--out <file>', 'write it to a file instead of stdout'),
  ).action(async (id: string, options: ApiTarget & { out?: string }) => {
    await withApi(options, async (api) => {
      const history = await callApi<{ events?: unknown[] }>(api, 'GET', cutoverPath(id, 'history'));
      const text = JSON.stringify(history, null, 2);
      if (!options.out) return text;
      try {
        await writeFile(options.out, `${text}\n`);
      } catch (error) {
        err(`golive: cannot write ${options.out}: ${(error as Error).message}`);
        process.exitCode = EXIT_USAGE;
        return undefined;
      }
      return `${history.events?.length ?? 0} events written to ${options.out}`;
    });
  });
}
