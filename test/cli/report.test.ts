/**
 * `golive report` on the real API, dev server and worker: a small cutover goes through its go/no-go,
 * an agent's issue is reported with the template, the cutover lead rolls it back, and the report
 * (Markdown on stdout, HTML to a file) holds the decisions, the issue, the rollback and durations
 * against the plan's estimates and against a rehearsal.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useCliStack } from '../support/cli-stack';
import { compensated, httpStep, testPlan } from '../support/plans';

const { ctx, golive } = useCliStack();
const dir = mkdtempSync(path.join(tmpdir(), 'golive-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('golive report --format md prints the run report; --format html --out writes the page; a bad format or id is refused', async () => {
  const plan = testPlan('cli-report', [
    {
      id: 'cutover',
      gate: { id: 'go-live', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 }, timeout: '1h' },
      steps: [
        { ...compensated(httpStep('publish-flows', `${ctx.http.url}/publish`), `${ctx.http.url}/unpublish`), estimate: '2s' },
        { id: 'test-call', kind: 'manual', owner: 'network', dependsOn: ['publish-flows'], with: { instructions: 'Place a test call' } },
      ],
    },
  ], { rollback: { first: [{ id: 'numbers-back', kind: 'noop', estimate: '1m' }] } });
  const id = await ctx.stack.startCutover(plan, 'cli-report');
  await ctx.stack.waitFor(id, (doc) => doc.gates[0]?.state === 'open');
  await golive('decide', id, 'go-live', 'go', '--reason', 'checklist complete');
  await ctx.stack.waitFor(id, (doc) => doc.steps.find((s) => s.id === 'test-call')?.awaiting === 'completion');
  const reported = await golive('issue', 'report', id, '--severity', 'high', '--summary', 'Callers hear silence', '--details', 'After the menu | <b>nothing</b>', '--call-time', '19:02', '--caller-ani', '+15550100', '--csr', 'kim.agent');
  expect(reported.stdout).toBe('ISS-1\n');
  await golive('rollback', id, '--reason', 'silence on the main number');
  await ctx.stack.waitFor(id, (doc) => doc.state === 'rolled-back');

  const md = await golive('report', id, '--format', 'md');
  expect(md.code).toBe(0);
  expect(md.stdout).toContain(`# Run report: cli-report (${id})`);
  expect(md.stdout).toContain('- **Final state:** rolled-back');
  expect(md.stdout).toMatch(/\| go-live \(go-no-go\) \| go \| decided \| dana \| cutover-lead \| cli \| yes \| checklist complete \|/);
  expect(md.stdout).toMatch(/\| ISS-1 \| high \| open \| Callers hear silence \| 19:02 \| \+15550100 \| kim\.agent \| After the menu \\\| &lt;b&gt;nothing&lt;\/b&gt; \|/);
  expect(md.stdout).toContain('- **Requested by:** dana');
  expect(md.stdout).toContain('- **Why:** silence on the main number');
  expect(md.stdout).toMatch(/\| rollback-first \| numbers-back \| succeeded \|/);
  expect(md.stdout).toMatch(/\| compensation \| publish-flows \| succeeded \|/);
  // Planned 2s; no rehearsal named, so its column is empty.
  expect(md.stdout).toMatch(/\| cutover \| publish-flows \| http \| {2}\| compensated \| T\+\S+ \| 2\.0s \| \S+ \| [+-]\S+ \| {2}\| {2}\| 1 \|/);

  // The same run as its own rehearsal: every step that ran has a rehearsal duration and a zero difference.
  const compared = await golive('report', id, '--rehearsal', id);
  expect(compared.stdout).toContain(`- **Compared with rehearsal:** ${id}`);
  expect(compared.stdout).toMatch(/\| cutover \| publish-flows \| http \| {2}\| compensated \| T\+\S+ \| 2\.0s \| (\S+) \| [+-]\S+ \| \1 \| ±0 \|/);

  const file = path.join(dir, 'report.html');
  const html = await golive('report', id, '--format', 'html', '--out', file);
  expect(html.stdout).toBe(`report written to ${file}\n`);
  const page = readFileSync(file, 'utf8');
  expect(page).toMatch(/^<!doctype html>/);
  expect(page).toContain('<svg class="gantt"');
  expect(page).toContain('After the menu | &lt;b&gt;nothing&lt;/b&gt;');

  const pdf = await golive('report', id, '--format', 'pdf');
  expect(pdf.code).toBe(2);
  expect(pdf.stderr).toMatch(/--format must be one of md, html/);
  const missing = await golive('report', 'no-such-cutover');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^cutover-not-found: /);
});
