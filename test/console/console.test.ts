/** The operator console in a real browser: asks for a token, lists cutovers, follows one. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { launchBrowser } from '../support/browser';
import { httpStep, testPlan } from '../support/plans';
import { RecordingServer } from '../support/recording-server';

let stack: ApiStack;
let browser: Browser;
let http: RecordingServer;

beforeAll(async () => {
  http = await new RecordingServer().start();
  // The recording server's origin stands in for the Temporal UI's (same host, another port).
  process.env.GOLIVE_CODEC_CORS_ORIGINS = http.url;
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
  browser = await launchBrowser();
});

afterAll(async () => {
  delete process.env.GOLIVE_CODEC_CORS_ORIGINS;
  await browser?.close();
  await stack?.stop();
  await http?.stop();
});

test('asks for a token, then shows the cutover and the step waiting for an operator', async () => {
  http.route('/console/publish', { status: 503 });
  const plan = testPlan('console-view', [
    { id: 'cutover', steps: [httpStep('prepare', `${http.url}/console/prepare`), httpStep('publish-flow', `${http.url}/console/publish`, ['prepare'])] },
  ]);
  const id = await stack.startCutover(plan, 'console');
  await stack.waitFor(id, (doc) => doc.state === 'awaiting-decision');

  const page = await browser.newPage();
  await page.goto(`${stack.api.url}/`);
  await page.locator('#login').waitFor({ state: 'visible', timeout: 10_000 });
  await page.fill('#token', testTokens.dana.token);
  await page.click('#login button');

  const row = page.locator(`#cutovers tr[data-id="${id}"]`);
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  const waiting = page.locator('#steps tr[data-step="publish-flow"] .state');
  await waiting.waitFor({ timeout: 10_000 });
  expect(await waiting.textContent()).toBe('awaiting-operator');
  expect(await page.locator('#steps tr[data-step="prepare"] .state').textContent()).toBe('succeeded');
  expect(await page.locator('#detail-summary').textContent()).toContain('awaiting-decision');
  await page.screenshot({ path: path.join(tmpdir(), 'golive-console.png'), fullPage: true });
  await page.close();
});

test('signing in to the console lets a page on the Temporal UI origin decode payloads with its cookie', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/#token=${testTokens.dana.token}`);
  const cookie = async () => (await context.cookies(`${stack.api.url}/codec/decode`)).find((c) => c.name === 'golive_codec');
  for (let i = 0; i < 50 && !(await cookie()); i += 1) await page.waitForTimeout(100);
  expect(await cookie()).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/codec' });

  // What the Temporal UI does with "include cross-origin credentials" on: a credentialed CORS call.
  await page.goto(`${http.url}/ui`);
  const payload = { metadata: { encoding: btoa('json/plain') }, data: btoa('"hello"') };
  const call = (credentials: 'include' | 'omit') =>
    page.evaluate(
      async ([url, body, mode]) => {
        const res = await fetch(url, { method: 'POST', credentials: mode, headers: { 'content-type': 'application/json', 'x-namespace': 'default' }, body });
        return { status: res.status, body: await res.json() };
      },
      [`${stack.api.url}/codec/decode`, JSON.stringify({ payloads: [payload] }), credentials] as const,
    );
  expect(await call('include')).toEqual({ status: 200, body: { payloads: [payload] } });
  expect((await call('omit')).status).toBe(401);
  await context.close();
});
