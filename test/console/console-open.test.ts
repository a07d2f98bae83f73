/** The console on an open API (golive dev without a tokens file): no sign-in, every action as `local`. */
import type { Browser } from 'playwright-core';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { launchBrowser } from '../support/browser';
import { testPlan } from '../support/plans';

let stack: ApiStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startApiStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('needs no token, follows the cutover live and acts as local with every role', async () => {
  const id = await stack.startCutover(testPlan('console-open', [{ id: 'only', steps: [{ id: 'hold', kind: 'manual', with: { instructions: 'Hold', evidenceRequired: false } }] }]), 'console-open');
  const page = await browser.newPage();
  await page.goto(`${stack.api.url}/?cutover=${encodeURIComponent(id)}`);
  await page.locator('#waiting-items li[data-id="hold"] button.complete').waitFor({ timeout: 15_000 });
  expect(await page.locator('#operator').textContent()).toBe('local · *');
  expect(await page.locator('#login').isHidden()).toBe(true);
  await page.locator('#live-mode', { hasText: 'live' }).waitFor({ timeout: 5000 });
  await page.locator('#waiting-items li[data-id="hold"] button.complete').click();
  await page.locator('#detail-summary', { hasText: /^completed/ }).waitFor({ timeout: 10_000 });
  expect((await stack.status(id)).steps[0].completion).toMatchObject({ operator: 'local' });
  await page.close();
});
