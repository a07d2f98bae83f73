/** The issue log: agents and supervisors report with the template; anyone resolves. */
import type { CutoverRun } from './cutover-run';
import { refreshOpenGateCriteria } from './gates';
import type { Applied } from './handlers';
import { reportIssuePayload, resolveIssuePayload } from './message-schemas';
import { parsePayload } from './payload';
import { issueTextChars, refuseOverLimit } from './record-limits';
import { reject } from './rejections';
import type { IssueRecord } from './status-document';

export function validateReport(run: CutoverRun, raw: unknown) {
  const payload = parsePayload(reportIssuePayload, raw);
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
  run.refuseWhenFinished();
  const issue = run.state.issue(payload.issue);
  if (!issue) reject('unknown-issue', `no issue ${payload.issue} in this cutover`);
  if (issue.state === 'resolved') reject('issue-resolved', `issue ${issue.id} was resolved by ${issue.resolvedBy} at ${issue.resolvedAt}`);
  refuseOverLimit(run.plan, 'issueChars', run.state.issueTextChars, payload.resolution.length, 'characters of issue text');
  return payload;
}

export function applyResolve(run: CutoverRun, resolution: ReturnType<typeof validateResolve>): Applied {
  run.state.resolveIssue(resolution.issue, resolution.resolution, resolution.operator, run.now());
  refreshOpenGateCriteria(run);
  run.changed();
  const issue = run.state.issue(resolution.issue)!;
  return { target: issue.id, effect: 'resolved', extra: { issue: { ...issue, screenshots: [...issue.screenshots] } as IssueRecord } };
}
