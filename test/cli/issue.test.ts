/**
 * `golive issue report --owner ROLE --step ID` and `golive issue resolve` against the real API:
 * the owner and step are recorded and shown by `golive status`; an unknown owner and a resolver
 * who is neither owner, reporter nor lead are refused (`code: message`, exit 1).
 */
import { testTokens } from '../support/api-stack';
import { useCliStack } from '../support/cli-stack';
import { testPlan } from '../support/plans';

const { ctx, golive } = useCliStack();

test('issues name an owner and a step from the command line; resolving is the owner’s, the reporter’s or the lead’s', async () => {
  const id = await ctx.stack.startCutover(
    testPlan('cli-issue', [{ id: 'cutover', steps: [{ id: 'soak', kind: 'manual', owner: 'network', with: { instructions: 'Watch live calls' } }] }]),
    'cli-issue',
  );
  expect(await golive('issue', 'report', id, '--severity', 'high', '--summary', 'Calls drop', '--owner', 'network', '--step', 'soak')).toEqual({ code: 0, stdout: 'ISS-1\n', stderr: '' });
  expect(await golive('issue', 'report', id, '--severity', 'low', '--summary', 'x', '--owner', 'carrier')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^unknown-role: owner: "carrier" is not a role of this plan/) });
  expect((await ctx.stack.status(id)).issues).toEqual([expect.objectContaining({ id: 'ISS-1', owner: 'network', step: 'soak', reportedBy: 'dana' })]);
  expect((await golive('status', id)).stdout).toMatch(/^ {2}ISS-1 {2}high .* Calls drop {2}\(owner network, step soak\)$/m);

  expect(await golive('issue', 'resolve', id, 'ISS-1', '--resolution', 'n/a', '--token', testTokens.ana.token)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^role-not-allowed: ana/) });
  expect((await golive('issue', 'resolve', id, 'ISS-1', '--resolution', 'trunk re-pointed')).stdout).toBe('ISS-1 resolved; cutover awaiting-decision\n');
});
