/** Reading plan text and files: YAML, JSON, syntax errors, I/O errors. */
import path from 'node:path';
import { stringify } from 'yaml';
import { loadPlanFile, parsePlanText, PlanIoError } from '../../plan/load';
import { MAX_TEXT_ALIASES, MAX_TEXT_NESTING } from '../../plan/text-limits';
import { basePlan } from './fixtures/base-plan';

describe('parsePlanText', () => {
  it('reads YAML', () => {
    expect(parsePlanText('name: x\nphases:\n  - id: p\n')).toEqual({ ok: true, value: { name: 'x', phases: [{ id: 'p' }] } });
  });

  it('reads JSON', () => {
    expect(parsePlanText('{"name": "x", "phases": [{"id": "p"}]}')).toEqual({ ok: true, value: { name: 'x', phases: [{ id: 'p' }] } });
  });

  it('keeps YAML 1.2 scalars as written (no yes/no booleans, no sexagesimal numbers)', () => {
    expect(parsePlanText('a: yes\nb: 1:30\nc: 010')).toEqual({ ok: true, value: { a: 'yes', b: '1:30', c: 10 } });
  });

  it('reports a syntax error with its line and column', () => {
    const result = parsePlanText('name: x\nphases: [\n  {id: a}\n- id: b\n', 'plan.yaml');
    if (result.ok) throw new Error('expected a syntax error');
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]).toMatchObject({ code: 'syntax', path: '' });
    expect(result.errors[0].message).toMatch(/^plan\.yaml: line \d+, column \d+: /);
  });

  it('refuses a key written twice', () => {
    const result = parsePlanText('name: a\nname: b\n');
    expect(result).toEqual({ ok: false, errors: [{ code: 'syntax', path: '', message: 'line 2, column 1: Map keys must be unique' }] });
  });

  it('reports an alias to a missing anchor as a syntax error', () => {
    expect(parsePlanText('a: *nowhere\n')).toMatchObject({ ok: false, errors: [{ code: 'syntax', path: '' }] });
  });

  // Found by the property-based suites: a 2 MB request body of "[" took the API 28 s and 1.8 GB (out of memory under jest).
  it('refuses text nested too deep at once, before parsing it, in every notation', () => {
    const deep = {
      'flow lists (the 2 MB body)': '['.repeat(2_000_000),
      'JSON objects': '{"a":'.repeat(100_000),
      'block lists on one line': '- '.repeat(100_000),
      'indentation': Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
    };
    for (const [name, text] of Object.entries(deep)) {
      const started = Date.now();
      const result = parsePlanText(text, 'request body');
      expect({ name, result }).toEqual({
        name,
        result: { ok: false, errors: [{ code: 'out-of-range', path: '', message: `request body: the text nests deeper than ${MAX_TEXT_NESTING} levels; a plan needs a few dozen` }] },
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  // Found by the property-based suites too: 5,000 anchors each aliasing the one before (110 kB) took 17 s to read.
  it('refuses a text with thousands of aliases at once, and reads one within the limit quickly', () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: &x${i} [*x${Math.max(0, i - 1)}]`).join('\n');
    const separate = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: &x${i} {k: 1}\nb${i}: *x${i}`).join('\n');
    for (const text of [chain(5_000), separate(100_000)]) {
      const started = Date.now();
      expect(parsePlanText(text)).toEqual({ ok: false, errors: [{ code: 'out-of-range', path: '', message: `the text has more than ${MAX_TEXT_ALIASES} aliases (*name)` }] });
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    for (const text of [chain(MAX_TEXT_ALIASES), separate(MAX_TEXT_ALIASES), 'a: &x "*not an alias"\nb: |\n  *nor this\nc: *x']) {
      const started = Date.now();
      expect(parsePlanText(text).ok).toBe(true);
      // Well under the 17 s the unbounded read took, with room for a loaded CI machine (2.9 s seen at load 13).
      expect(Date.now() - started).toBeLessThan(8_000);
    }
  });

  it('reads a plan whose http body nests as deep as allowed, as YAML and as indented JSON', () => {
    const plan = basePlan();
    let body: unknown = 'leaf';
    for (let i = 0; i < 31; i++) body = i % 2 ? [body] : { next: body };
    plan.phases[1].steps[0].with = { url: 'http://127.0.0.1:7780/x', method: 'POST', body };
    for (const text of [stringify(plan), JSON.stringify(plan, null, 2), JSON.stringify(plan, null, 4)]) expect(parsePlanText(text)).toEqual({ ok: true, value: plan });
  });
});

describe('loadPlanFile', () => {
  it('reports the syntax error of a fixture', async () => {
    const result = await loadPlanFile(path.join(__dirname, 'fixtures/syntax-error.yaml'));
    if (result.ok) throw new Error('expected a syntax error');
    expect(result.errors[0].code).toBe('syntax');
    expect(result.errors[0].message).toContain('syntax-error.yaml: line ');
  });

  it('throws PlanIoError for a missing file', async () => {
    const file = path.join(__dirname, 'fixtures/no-such-plan.yaml');
    await expect(loadPlanFile(file)).rejects.toThrow(PlanIoError);
    await expect(loadPlanFile(file)).rejects.toThrow(`cannot read plan file ${file}: no such file`);
  });

  it('throws PlanIoError for a directory', async () => {
    await expect(loadPlanFile(__dirname)).rejects.toThrow(/it is a directory/);
  });
});
