/** `golive validate` and `golive graph` through main(): output and exit codes 0 / 1 / 2. */
import path from 'node:path';
import { runCli as run } from '../support/run-cli';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const example = path.join(__dirname, '../../examples/hello-cutover.yaml');

describe('golive validate', () => {
  it('prints a summary of a valid plan and exits 0', async () => {
    const { code, stdout, stderr } = await run('validate', example);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('hello-cutover: valid, 6 steps in 2 phases');
    expect(stdout).toContain('cutover      3 waves: [drain-legacy] -> [switch-dns, switch-trunks] -> [smoke-test]');
    expect(stdout).toContain('critical path (5s): announce-window -> freeze-changes -> drain-legacy -> switch-dns -> smoke-test');
  });

  it('prints the analysis as JSON with --json', async () => {
    const { code, stdout } = await run('validate', '--json', fixture('diamond.json'));
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ ok: true, name: 'diamond', analysis: { stepCount: 7, criticalPath: { estimateMs: 190_000 } } });
  });

  it('lists every error as `path: message [code]` on stderr and exits 1', async () => {
    const { code, stdout, stderr } = await run('validate', fixture('broken.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines[0]).toBe(`${fixture('broken.yaml')}: 6 errors`);
    expect(lines).toContain('apiVersion: apiVersion must be "golive/v1", got "golive/v2" [invalid-value]');
    expect(lines).toContain('phases[0].steps[4].dependsOn[0]: dependency cycle: x -> y -> x (each step depends on the next) [cycle]');
    expect(lines).toHaveLength(7);
  });

  it('prints errors as JSON with --json and exits 1', async () => {
    const { code, stdout } = await run('validate', fixture('broken.yaml'), '--json');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(6);
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'cycle', path: 'phases[0].steps[4].dependsOn[0]' }));
  });

  it('reports a YAML syntax error and exits 1', async () => {
    const { code, stderr } = await run('validate', fixture('syntax-error.yaml'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/line \d+, column \d+: .* \[syntax\]/);
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, stderr } = await run('validate', fixture('missing.yaml'));
    expect(code).toBe(2);
    expect(stderr).toContain('no such file');
  });

  it('exits 2 on a usage error', async () => {
    expect((await run('validate')).code).toBe(2);
    expect((await run('validate', example, '--bogus')).code).toBe(2);
  });
});

describe('golive graph', () => {
  it('prints mermaid by default', async () => {
    const { code, stdout } = await run('graph', example);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^flowchart TD\n/);
    expect(stdout).toContain('s_drain_legacy --> s_switch_dns');
  });

  it('prints dot with --format dot', async () => {
    const { code, stdout } = await run('graph', example, '--format', 'dot');
    expect(code).toBe(0);
    expect(stdout).toContain('"switch-trunks" -> "smoke-test";');
  });

  it('exits 1 with the errors of an invalid plan', async () => {
    const { code, stdout, stderr } = await run('graph', fixture('broken.yaml'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('[unknown-kind]');
  });

  it('exits 2 on an unknown format', async () => {
    const { code, stderr } = await run('graph', example, '--format', 'svg');
    expect(code).toBe(2);
    expect(stderr).toContain("Allowed choices are mermaid, dot");
  });
});
