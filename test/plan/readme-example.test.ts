/** The plan shown in the README must stay a valid plan (with the param it has no default for). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validatePlan } from '../../plan';
import { parsePlanText } from '../../plan/load';

test('the README plan example validates', () => {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Plan format'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const parsed = parsePlanText(yaml, 'README.md');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = validatePlan(parsed.value, { params: { platformUrl: 'https://api.mypurecloud.com' } });
  expect(result.ok ? [] : result.errors).toEqual([]);
});
