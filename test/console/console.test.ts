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
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
  browser = await launchBrowser();
});

afterAll(async () => {
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
