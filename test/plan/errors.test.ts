/** Paths and the translation of zod issues. */
import { z } from 'zod';
import { formatPath, formatPlanError, PLAN_ERROR_CODES, zodIssuesToPlanErrors } from '../../plan';

describe('formatPath', () => {
  it('writes JS-like paths', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['phases', 0, 'steps', 2, 'dependsOn', 1])).toBe('phases[0].steps[2].dependsOn[1]');
    expect(formatPath(['roles', 'cutover-lead'])).toBe('roles["cutover-lead"]');
  });
});

describe('formatPlanError', () => {
  it('prints path, message and code', () => {
    expect(formatPlanError({ code: 'required', path: 'name', message: 'name is required' })).toBe('name: name is required [required]');
    expect(formatPlanError({ code: 'invalid-type', path: '', message: 'the plan must be an object' })).toBe('(plan): the plan must be an object [invalid-type]');
  });
});

describe('zodIssuesToPlanErrors', () => {
  it('maps any schema, not only the plan (the API uses it for request bodies)', () => {
    const schema = z.object({ reason: z.string().min(3), decision: z.enum(['go', 'no-go']) }).strict();
    const input = { reason: 'ok', decision: 'maybe', extra: 1 };
    const result = schema.safeParse(input);
    if (result.success) throw new Error('expected issues');
    expect(zodIssuesToPlanErrors(result.error.issues, input, schema)).toEqual([
      { code: 'out-of-range', path: 'reason', message: 'reason must have at least 3 characters, got 2' },
      { code: 'invalid-value', path: 'decision', message: 'decision must be one of "go", "no-go", got "maybe"' },
      { code: 'unknown-field', path: 'extra', message: 'unknown field "extra" in the document: expected one of reason, decision' },
    ]);
  });

  it('only emits documented codes for custom issues', () => {
    const schema = z.string().refine(() => false, { message: 'nope', params: { code: 'made-up' } });
    const result = schema.safeParse('x');
    if (result.success) throw new Error('expected issues');
    expect(zodIssuesToPlanErrors(result.error.issues, 'x')[0].code).toBe('invalid');
    expect(Object.keys(PLAN_ERROR_CODES)).toContain('bad-duration');
  });
});
