/**
 * The status document's views over real HTTP: steps paged by cursor, picked by id or state, the
 * summary; bad options are 422 naming the field. (The 20,000-step plan's pages are in
 * test/workflows/large-plan.test.ts.)
 */
import { startApiStack, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';

let stack: ApiStack;
let id: string;
const ids = ['a', 'b', 'c', 'd', 'e'];

beforeAll(async () => {
  stack = await startApiStack();
  id = await stack.startCutover(
    testPlan('views', [
      { id: 'prepare', steps: ids.map((step) => ({ id: step, kind: 'noop' })) },
      { id: 'cutover', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', dependsOn: ['e'], with: { instructions: 'Sign' } }] },
    ]),
    'views',
  );
  await stack.waitFor(id, (doc) => doc.steps.at(-1)!.awaiting === 'completion');
});

afterAll(async () => {
  await stack.call('POST', `/api/v1/cutovers/${id}/rollback`, { reason: 'test done' });
  await stack?.stop();
});

test('a small plan answers every step, with counts over all of them and no page', async () => {
  const doc = await stack.status(id);
  expect(doc.steps.map((s) => s.id)).toEqual([...ids, 'sign-off']);
  expect(doc.stepCounts).toEqual({ succeeded: 5, running: 1 });
  expect(doc.stepsPage).toBeNull();
  expect(doc.run).toBe(1);
});

test('pages by cursor until the last, in plan order', async () => {
  const first = await stack.call('GET', `/api/v1/cutovers/${id}?limit=4`);
  expect(first.body.steps.map((s: { id: string }) => s.id)).toEqual(['a', 'b', 'c', 'd']);
  expect(first.body.stepsPage).toEqual({ total: 6, offset: 0, returned: 4, nextCursor: '4' });
  const rest = await stack.call('GET', `/api/v1/cutovers/${id}/steps?limit=4&cursor=${first.body.stepsPage.nextCursor}`);
  expect(rest.body).toMatchObject({ stepsPage: { total: 6, offset: 4, returned: 2, nextCursor: null }, stepCounts: { succeeded: 5, running: 1 } });
  expect(rest.body.steps.map((s: { id: string }) => s.id)).toEqual(['e', 'sign-off']);
});

test('picks steps by id and by state', async () => {
  const byId = await stack.call('GET', `/api/v1/cutovers/${id}/steps?id=c,sign-off&id=nope`);
  expect(byId.body.steps.map((s: { id: string }) => s.id)).toEqual(['c', 'sign-off']);
  const byState = await stack.call('GET', `/api/v1/cutovers/${id}/steps?state=running`);
  expect(byState.body.steps.map((s: { id: string; state: string }) => `${s.id} ${s.state}`)).toEqual(['sign-off running']);
});

test('the summary: a few hundred bytes with what waits for whom', async () => {
  const res = await stack.call('GET', `/api/v1/cutovers/${id}?view=summary`);
  expect(res.body).toMatchObject({
    id,
    name: 'views',
    // A manual step waits for its owner: the cutover awaits a person.
    state: 'awaiting-decision',
    phase: 'cutover',
    stepTotal: 6,
    stepCounts: { succeeded: 5, running: 1 },
    running: ['sign-off'],
    waitingFor: [{ kind: 'step', id: 'sign-off', what: 'complete', roles: ['cutover-lead'] }],
    run: 1,
  });
  expect(JSON.stringify(res.body).length).toBeLessThan(1000);
});

test('bad options are 422 naming the field, and change nothing', async () => {
  for (const [query, field] of [
    ['cursor=abc', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=999999', 'limit'],
    ['state=asleep', 'state'],
    ['view=everything', 'view'],
    ['colour=blue', 'colour'],
  ]) {
    const res = await stack.call('GET', `/api/v1/cutovers/${id}/steps?${query}`);
    expect({ query, status: res.status, code: res.body.error.code }).toEqual({ query, status: 422, code: 'invalid-request' });
    expect(JSON.stringify(res.body.error.details)).toContain(field);
  }
});
