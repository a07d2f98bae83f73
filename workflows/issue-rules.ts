/**
 * The rules of the issue log (patched 'issue-rules', decided when the cutover started): reporting
 * needs a role of the plan, an issue may name an owner role and a step of the plan, and only its
 * owner, its reporter or the cutover lead resolve it. Workflow code (deterministic).
 */
import type { CutoverRun } from './cutover-run';
import { reject } from './rejections';
import { hasRole, stepActors } from './roles';
import type { IssueRecord } from './status-document';

type Sender = { operator: string; roles: readonly string[] };

/** A role list for messages: the plan's roles, or that it declares none. */
function planRolesText(roles: readonly string[]): string {
  return roles.length > 0 ? roles.join(', ') : 'the plan declares none';
}

/** Throws a Rejection unless the reporter holds a role of the plan and the owner and step it names exist. */
export function refuseBadReport(run: CutoverRun, report: Sender & { owner?: string; step?: string }): void {
  const planRoles = Object.keys(run.plan.roles);
  if (run.state.rules.issueRules && !hasRole(report.roles, planRoles)) {
    reject('role-not-allowed', `${report.operator} (roles: ${report.roles.join(', ') || 'none'}) holds no role of this plan; reporting an issue needs one of: ${planRolesText(planRoles)}`);
  }
  // Older histories never carry owner or step, so these checks need no patch.
  if (report.owner !== undefined && !planRoles.includes(report.owner)) {
    reject('unknown-role', `owner: "${report.owner}" is not a role of this plan (roles: ${planRolesText(planRoles)})`);
  }
  if (report.step !== undefined && !run.planStep(report.step)) {
    reject('unknown-step', `step: "${report.step}" is not a step of this plan`);
  }
}

/** Throws a Rejection unless the sender owns the issue (its role), reported it, or leads the cutover. */
export function refuseResolver(run: CutoverRun, issue: Pick<IssueRecord, 'id' | 'owner' | 'reportedBy'>, sender: Sender): void {
  if (!run.state.rules.issueRules) return;
  const allowed = stepActors(issue.owner);
  if (sender.operator === issue.reportedBy || hasRole(sender.roles, allowed)) return;
  reject(
    'role-not-allowed',
    `${sender.operator} (roles: ${sender.roles.join(', ') || 'none'}) may not resolve ${issue.id}; its reporter ${issue.reportedBy} or roles ${allowed.join(', ')} may`,
  );
}
