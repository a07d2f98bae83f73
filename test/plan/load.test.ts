/** Reading plan text and files: YAML, JSON, syntax errors, I/O errors. */
import path from 'node:path';
import { loadPlanFile, parsePlanText, PlanIoError } from '../../plan/load';

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
