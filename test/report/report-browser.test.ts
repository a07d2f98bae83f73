/**
 * The run report of the demo's rolled-back Genesys weekend, end to end on the real dev server: the
 * demo team drives the degraded weekend against the simulated contact center (an hour a second),
 * a supervisor reports an issue with the template (its details full of markup), then the HTML report
 * is fetched through the API and checked in Debian's Chromium: a Gantt bar per step that ran, the
 * rollback decision with its operator, every metric's chart against its limit, no script run and
 * nothing fetched. With GOLIVE_SCREENSHOTS=<dir> the page is saved there as report-screenshot.png (the
 * README's image: GOLIVE_SCREENSHOTS=docs); otherwise in a temporary directory, so a test run leaves the tree alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { validatedPlan } from '../../cli/demo/demo';
import { driveDemo, type DemoOutcome } from '../../cli/demo/demo-driver';
import { demoTokens, type DemoTokens } from '../../cli/demo/demo-tokens';
import { startContactCenter, type ContactCenterServer } from '../../examples/contact-center/server';
import type { StatusDocument } from '../../workflows/status-document';
import { until } from '../support/api-calls';
import { startApiStack, type ApiStack } from '../support/api-stack';
import { launchBrowser } from '../support/browser';
import { uniqueId } from '../support/temporal-env';

const SPEED = 3600;
const TOKEN_ENV = 'GOLIVE_SECRET_GENESYS_TOKEN';
const MARKUP = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
const dir = mkdtempSync(path.join(tmpdir(), 'golive-report-'));
let sim: ContactCenterServer;
let stack: ApiStack;
let browser: Browser | undefined;
let tokens: DemoTokens;
let cutoverId: string;
let outcome: DemoOutcome;

/** A supervisor's report once the go-live is under way (after the go/no-go, which refuses open issues). */
async function reportIssueAfterGo(): Promise<void> {
  const operations = tokens.tokenFor('operations')!;
  const status = () => stack.call('GET', `/api/v1/cutovers/${cutoverId}`, undefined, { token: operations }).then((res) => res.body as StatusDocument);
  await until(status, (doc) => doc.gates.some((g) => g.id === 'go-no-go' && g.decision === 'go'), 120_000);
  const issue = {
    severity: 'medium',
    summary: 'Billing callers hear the old holiday message',
    details: `Caller pressed 2 for billing and heard last year's holiday greeting. ${MARKUP}`,
    callTime: '2026-12-05T19:02:00-05:00',
    callerAni: '+1 800 555 0142',
    csrUsername: 'kim.agent',
    screenshots: ['https://files.example/holiday-greeting.png'],
    owner: 'architect',
  };
  const res = await stack.call('POST', `/api/v1/cutovers/${cutoverId}/issues`, issue, { token: operations });
  if (res.status !== 201) throw new Error(`report issue: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  process.env[TOKEN_ENV] = 'simulated-oauth-token-0123456789';
  sim = await startContactCenter({ speed: SPEED, callIntervalMs: 100, token: process.env[TOKEN_ENV] });
  const text = readFileSync(path.join(__dirname, '../../examples/genesys-cloud-go-live.yaml'), 'utf8');
  const { plan, params } = await validatedPlan(text, { platformUrl: sim.url, legacyReportingUrl: sim.url, healthUrl: sim.url });
  tokens = demoTokens(dir, plan);
  stack = await startApiStack({ auth: tokens.auth });
  cutoverId = uniqueId('report-weekend');
  await stack.api.cutovers.start(plan, cutoverId, 'live', 'dana', { params, timeScale: SPEED });
  const supervisor = reportIssueAfterGo();
  outcome = (await driveDemo({ api: stack.api.url, cutoverId, tokens, simulatorUrl: sim.url, mode: 'auto', degrade: true, tell: () => undefined, pollMs: 100 }))!;
  await supervisor;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await sim?.close();
  delete process.env[TOKEN_ENV];
  rmSync(dir, { recursive: true, force: true });
});

const reportUrl = (query: string) => `${stack.api.url}/api/v1/cutovers/${cutoverId}/report?${query}`;
const lead = () => ({ authorization: `Bearer ${tokens.tokenFor('cutover-lead')}` });

test('the API serves the report as Markdown and HTML behind the status route\'s token check; an unknown format is a 400 naming the field', async () => {
  expect(outcome.doc.state).toBe('rolled-back');
  const md = await fetch(reportUrl('format=md'), { headers: lead() });
  expect(md.status).toBe(200);
  expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
  const text = await md.text();
  expect(text).toContain(`# Run report: genesys-cloud-go-live (${cutoverId})`);
  expect(text).toContain('- **Started by:** dana');
  expect(text).toMatch(/\| rollback \| decided \| dana \|/);

  const html = await fetch(reportUrl('format=html'), { headers: lead() });
  expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");

  const pdf = await fetch(reportUrl('format=pdf'), { headers: lead() });
  expect(pdf.status).toBe(400);
  expect(await pdf.json()).toMatchObject({ error: { code: 'invalid-query', details: [{ path: 'format' }] } });
  expect((await fetch(reportUrl('format=html'))).status).toBe(401);
});

test('in Chromium: a Gantt bar per step, the rollback decision with its operator, every metric charted against its limit, the markup inert', async () => {
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1240, height: 1500 } });
  await page.setExtraHTTPHeaders(lead());
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
  const response = await page.goto(reportUrl('format=html'));
  expect(response?.status()).toBe(200);

  const doc = outcome.doc;
  const started = doc.steps.filter((s) => s.startedAt !== null).map((s) => s.id);
  expect(await page.locator('svg.gantt g.lane').count()).toBe(doc.steps.length);
  expect(await page.locator('svg.gantt rect.actual[data-step]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-step')))).toEqual(started);
  for (const bar of await page.locator('svg.gantt rect.actual[data-step]').all()) expect((await bar.boundingBox())!.width).toBeGreaterThan(0);
  expect(await page.locator('svg.gantt rect.bar.rollback').count()).toBeGreaterThan(0);
  expect(await page.locator('svg.gantt .marker-rollback line').count()).toBe(1);

  const decisions = await page.locator('#decisions tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const rollback = decisions.find((cells) => cells[3] === 'rollback' && cells[4] === 'decided')!;
  expect(rollback[2]).toMatch(/^go-live-watch-\d+ \(checkpoint\)$/);
  expect(rollback[5]).toBe('dana');
  expect(rollback[9]).toMatch(/^numbers out of bounds: .* above max /);

  // Three watch metrics and two checkpoint metrics, each with its readings and a limit line.
  const charts = page.locator('svg.metric-chart');
  expect(await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-metric')))).toEqual([
    'watch:go-live:abandon-rate',
    'watch:go-live:trunk-error-rate',
    'watch:go-live:agent-login-failures',
    'checkpoints:first-hours:aht',
    'checkpoints:first-hours:service-level',
  ]);
  for (const chart of await charts.all()) {
    expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
    expect(await chart.locator('circle.point').count()).toBeGreaterThan(0);
    expect(await chart.locator('.limit').count()).toBeGreaterThan(0);
  }
  // The degraded traffic breached the watch: some reading is drawn as a breach.
  expect(await page.locator('svg.metric-chart circle.verdict-breach').count()).toBeGreaterThan(0);

  // The issue with its template fields; its markup shown as text, never run.
  const issue = await page.locator('#issues tbody tr').first().locator('td').allTextContents();
  expect(issue.slice(4, 7)).toEqual(['2026-12-05T19:02:00-05:00', '+1 800 555 0142', 'kim.agent']);
  expect(issue[7]).toContain(MARKUP);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requested).toEqual([reportUrl('format=html')]);

  await page.screenshot({ path: path.join(process.env.GOLIVE_SCREENSHOTS ?? dir, 'report-screenshot.png'), fullPage: false });
}, 120_000);
