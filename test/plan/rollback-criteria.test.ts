/** rollbackCriteria.unresolvedIssue: its action, approvers and decideTimeout are validated with a path; action defaults to decide. */
import { validatePlan } from '../../plan';
import { basePlan } from './fixtures/base-plan';

const withCriterion = (criterion: Record<string, unknown>) => ({ ...basePlan(), rollbackCriteria: { unresolvedIssue: { severity: 'critical', olderThan: '4h', ...criterion } } });
const errorsOf = (plan: unknown) => {
  const result = validatePlan(plan);
  return result.ok ? [] : result.errors.map((e) => ({ code: e.code, path: e.path }));
};

test('action defaults to decide; rollback, approvers and decideTimeout are accepted', () => {
  const plain = validatePlan(withCriterion({}));
  expect(plain.ok && plain.plan.rollbackCriteria?.unresolvedIssue).toEqual({ severity: 'critical', olderThan: '4h', action: 'decide' });
  const full = validatePlan(withCriterion({ action: 'decide', approvers: { roles: ['network'] }, decideTimeout: '30m' }));
  expect(full.ok && full.plan.rollbackCriteria?.unresolvedIssue).toMatchObject({ approvers: { roles: ['network'] }, decideTimeout: '30m' });
  expect(validatePlan(withCriterion({ action: 'rollback' })).ok).toBe(true);
});

test.each([
  ['an unknown action', { action: 'page-someone' }, 'rollbackCriteria.unresolvedIssue.action'],
  ['an approver that is not a role of the plan', { approvers: { roles: ['carrier'] } }, 'rollbackCriteria.unresolvedIssue.approvers.roles[0]'],
  ['a zero decideTimeout', { decideTimeout: '0s' }, 'rollbackCriteria.unresolvedIssue.decideTimeout'],
])('%s is refused naming its path', (_name, criterion, path) => {
  expect(errorsOf(withCriterion(criterion))).toEqual([expect.objectContaining({ path })]);
});
