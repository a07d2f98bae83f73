/**
 * The issue log: agents and supervisors report with the template (naming an owner role and a step
 * when they know them); the owner, the reporter or the cutover lead resolves (issue-rules.ts).
 */
import type { CutoverRun } from './cutover-run';
import { refreshOpenGateCriteria } from './gates';
import type { Applied } from './handlers';
import { refuseBadReport, refuseResolver } from './issue-rules';
import { reportIssuePayload, resolveIssuePayload } from './message-schemas';
import { parsePayload } from './payload';
import { actorOf } from './provenance';
import { issueTextChars, refuseOverLimit } from './record-limits';
import { reject } from './rejections';
import type { IssueRecord } from './status-document';

export function validateReport(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(reportIssuePayload, raw);
  refuseBadReport(run, payload);
  run.refuseWhenFinished();
  refuseOverLimit(run.plan, 'issues', run.state.issues.length, 1, 'issues reported');
  refuseOverLimit(run.plan, 'issueChars', run.state.issueTextChars, issueTextChars(payload), 'characters of issue text');
  return payload;
}

export function applyReport(run: CutoverRun, report: ReturnType<typeof validateReport>, verified: boolean): Applied {
  const issue = run.state.reportIssue(
    {
      severity: report.severity,
      summary: report.summary,
      details: report.details,
      callTime: report.callTime ?? null,
      callerAni: report.callerAni ?? null,
      csrUsername: report.csrUsername ?? null,
      screenshots: report.screenshots,
      state: 'open',
      reportedBy: report.operator,
      reportedAt: run.now(),
      source: report.source,
      verified,
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
      ...(report.owner !== undefined ? { owner: report.owner } : {}),
      ...(report.step !== undefined ? { step: report.step } : {}),
    },
    run.now(),
  );
  refreshOpenGateCriteria(run);
  run.changed();
  if (issue.severity === 'high' || issue.severity === 'critical') {
    run.notice('escalation', `${issue.severity} issue ${issue.id} reported by ${issue.reportedBy}: ${issue.summary}`, [], { issue: issue.id });
  }
  return { target: issue.id, effect: 'reported', extra: { issue: { ...issue, screenshots: [...issue.screenshots] } as IssueRecord } };
}

export function validateResolve(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(resolveIssuePayload, raw);
  const issue = run.state.issue(payload.issue);
  // Who may resolve is answered before the cutover's or the issue's state.
  if (issue) refuseResolver(run, issue, payload);
  run.refuseWhenFinished();
  if (!issue) reject('unknown-issue', `no issue ${payload.issue} in this cutover`);
  if (issue.state === 'resolved') reject('issue-resolved', `issue ${issue.id} was resolved by ${issue.resolvedBy} at ${issue.resolvedAt}`);
  refuseOverLimit(run.plan, 'issueChars', run.state.issueTextChars, payload.resolution.length, 'characters of issue text');
  return payload;
}

export function applyResolve(run: CutoverRun, resolution: ReturnType<typeof validateResolve>, verified: boolean): Applied {
  run.state.resolveIssue(resolution.issue, resolution.resolution, resolution.operator, run.now());
  const unblocked = refreshOpenGateCriteria(run);
  // The go/no-go this resolution made possible names who resolved it (older histories did not record it).
  if (run.state.rules.issueRules) for (const gate of unblocked) run.state.gateUnblocked(gate, resolution.issue, actorOf(resolution, verified), run.now());
  run.changed();
  const issue = run.state.issue(resolution.issue)!;
  return { target: issue.id, effect: 'resolved', extra: { issue: { ...issue, screenshots: [...issue.screenshots] } as IssueRecord } };
}
