/**
 * GET /api/v1/cutovers, one page at a time, over real HTTP against the dev server: `pageSize` (and its
 * older name `limit`), `cursor` → `{cutovers, nextCursor}`; bad input is 422, never 500. Also
 * `golive status` without an id, which lists one page and prints the next cursor.
 */
import type { ApiCall } from '../support/api-calls';
import { until } from '../support/api-calls';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { runCli } from '../support/run-cli';

interface Summary {
  id: string;
  name: string | null;
  mode: string | null;
  temporalStatus: string;
  startedAt: string;
  closedAt: string | null;
}
interface Page {
  cutovers: Summary[];
  nextCursor: string | null;
}

let stack: ApiStack;
let call: ApiCall;
const ids: string[] = [];

const plan = {
  apiVersion: 'golive/v1',
  name: 'list-test',
  roles: { 'cutover-lead': 'Dana' },
  phases: [{ id: 'cutover', steps: [{ id: 'prepare', kind: 'noop', owner: 'cutover-lead' }] }],
};

async function page(query: string): Promise<Page> {
  const res = await call('GET', `/api/v1/cutovers${query}`);
  if (res.status !== 200) throw new Error(`GET /cutovers${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every page from the first, `pageSize` at a time. */
async function allPages(pageSize: number): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const next: Page = await page(`?pageSize=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    pages.push(next);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return pages;
}

beforeAll(async () => {
  stack = await startApiStack();
  call = stack.call;
  for (let i = 0; i < 5; i++) ids.push(await stack.startCutover(plan, 'list'));
  for (const id of ids) await stack.waitFor(id, (doc) => doc.state === 'completed');
  // Visibility is eventually consistent: wait until the list has all five, closed.
  await until(
    () => allPages(1000),
    (pages) => ids.every((id) => pages.some((p) => p.cutovers.some((c) => c.id === id && c.temporalStatus === 'COMPLETED'))),
  );
});

afterAll(async () => {
  await stack?.stop();
});

test('pages of two: every cutover seen, each page at most two, a cursor until the last', async () => {
  const pages = await allPages(2);
  expect(pages.length).toBeGreaterThanOrEqual(3);
  for (const p of pages) expect(p.cutovers.length).toBeLessThanOrEqual(2);
  for (const p of pages.slice(0, -1)) {
    expect(p.cutovers).toHaveLength(2);
    expect(p.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  }
  expect(pages[pages.length - 1].nextCursor).toBeNull();
  const seen = pages.flatMap((p) => p.cutovers.map((c) => c.id));
  // Other test files start and close cutovers on the same server while this one pages: Temporal's
  // visibility pages over a list that moves, so those may show twice. None of ours (closed before
  // paging began) may be missing.
  for (const id of ids) expect(seen).toContain(id);
});

test('each entry is decoded from the workflow: memo, status, times', async () => {
  const mine = (await allPages(1000)).flatMap((p) => p.cutovers).filter((c) => ids.includes(c.id));
  expect(mine).toHaveLength(ids.length);
  for (const c of mine) {
    expect(c).toMatchObject({ name: 'list-test', mode: 'live', temporalStatus: 'COMPLETED' });
    expect(Date.parse(c.startedAt)).toBeLessThanOrEqual(Date.parse(c.closedAt!));
  }
});

test('limit is still accepted, as the page size', async () => {
  const first = await page('?limit=2');
  expect(first.cutovers).toHaveLength(2);
  expect(first.nextCursor).not.toBeNull();
  expect((await page('?limit=2&pageSize=3')).cutovers).toHaveLength(3);
});

test('the default page is 100', async () => {
  const first = await page('');
  expect(first.cutovers.length).toBeGreaterThanOrEqual(ids.length);
  expect(first.cutovers.length).toBeLessThanOrEqual(100);
});

test.each([
  ['pageSize=0', 'pageSize', 'out-of-range'],
  ['pageSize=1001', 'pageSize', 'out-of-range'],
  ['pageSize=abc', 'pageSize', 'invalid-type'],
  ['pageSize=2.5', 'pageSize', 'invalid-type'],
  ['limit=0', 'limit', 'out-of-range'],
  ['cursor=not%20a%20cursor!', 'cursor', 'invalid-format'],
  ['cursor=', 'cursor', 'invalid-format'],
  ['page=2', 'page', 'unknown-field'],
])('%s → 422 invalid-request naming %s', async (query, field, code) => {
  const res = await call('GET', `/api/v1/cutovers?${query}`);
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('invalid-request');
  expect(res.body.error.details).toEqual([expect.objectContaining({ path: field, code })]);
});

test('a cursor this API never gave out → 422, not 500', async () => {
  const real = (await page('?pageSize=2')).nextCursor!;
  const tampered = `${real.slice(0, 10)}${real[10] === 'A' ? 'B' : 'A'}${real.slice(11)}`;
  const made = [Buffer.from('garbage').toString('base64url'), Buffer.from('{"CloseTime":"yesterday"}').toString('base64url'), 'AAAA'];
  for (const cursor of [...made, tampered, real.slice(0, -2), `${real}AA`]) {
    const res = await call('GET', `/api/v1/cutovers?pageSize=2&cursor=${cursor}`);
    expect({ cursor, status: res.status }).toEqual({ cursor, status: 422 });
    expect(res.body.error.code).toBe('invalid-request');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
  }
});

test('golive status lists one page and prints the next cursor', async () => {
  const first = await runCli('status', '--page-size', '2', '--api', stack.api.url);
  expect(first.code).toBe(0);
  const lines = first.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  const cursor = /^next cursor: (\S+) {2}\(next page: golive status --page-size 2 --cursor \1\)$/.exec(lines[2])?.[1];
  expect(cursor).toBeDefined();
  const second = await runCli('status', '--page-size', '2', '--cursor', cursor!, '--api', stack.api.url, '--json');
  expect(second.code).toBe(0);
  const json = JSON.parse(second.stdout) as Page;
  expect(json.cutovers).toHaveLength(2);
  const firstIds = lines.slice(0, 2).map((l) => l.split('  ')[0]);
  expect(json.cutovers.map((c) => c.id).filter((id) => firstIds.includes(id))).toEqual([]);
  const bad = await runCli('status', '--page-size', '0', '--api', stack.api.url);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^invalid-request: invalid query\n {2}pageSize: /);
});
