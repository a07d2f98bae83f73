/**
 * The API path of attested messages, end to end over real HTTP: the API attests what the token
 * established, the worker proves it, and the record says so (verified). A forged message sent
 * around the API is refused with the status the API gives it (403 forged).
 */
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { sendRawUpdate } from '../support/operator';
import { testPlan } from '../support/plans';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
});

afterAll(async () => {
  await stack?.stop();
});

const plan = testPlan('api-attested', [
  { id: 'cutover', gate: { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 } }, steps: [{ id: 'switch', kind: 'noop' }] },
]);

test('decisions through the API and the CLI are attested and recorded verified; a forged one around the API changes nothing', async () => {
  const id = await stack.startCutover(plan, 'attest');
  const open = await stack.waitFor(id, (doc) => doc.gates.some((g) => g.state === 'open'));
  const forged = sendRawUpdate(stack.harness.client, id, 'decide', { gate: 'go-no-go', decision: 'go', operator: 'mallory', roles: ['*'], source: 'api' });
  await expect(forged).rejects.toMatchObject({ cause: { type: 'forged' } });
  expect(JSON.stringify(await stack.status(id))).toBe(JSON.stringify(open));

  const first = await stack.call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'network ready' });
  expect(first.status).toBe(200);
  const second = await stack.call('POST', `/api/v1/cutovers/${id}/gates/go-no-go/decisions`, { decision: 'go', reason: 'IVR ready' }, { token: testTokens.lee.token, headers: { 'x-golive-source': 'cli' } });
  expect(second.status).toBe(200);
  const doc = await stack.waitFor(id, (d) => d.state === 'completed');
  expect(doc.decisions.map((d) => [d.operator, d.source, d.verified, d.effect])).toEqual([
    ['dana', 'api', true, 'approval'],
    ['lee', 'cli', true, 'decided'],
  ]);
});
