/** Plan params: declared, given at start, filled in before validation; every mistake names its path. */
import { validatePlan } from '../../plan';
import { applyParams, parseParamArguments } from '../../plan/params';
import { httpStep, testPlan } from '../support/plans';

const platformPlan = (extra: Record<string, unknown> = {}) =>
  testPlan('params-plan', [{ id: 'cutover', steps: [httpStep('publish', '${param:platformUrl}/api/v2/flows/actions/publish?flow=${param:flow}', [], { timeout: '${param:publishTimeout}' })] }], {
    params: {
      platformUrl: { type: 'url', description: 'Genesys Cloud API root, or the simulator for a rehearsal' },
      flow: { type: 'string', default: 'ib-main' },
      publishTimeout: { type: 'string', default: '2m' },
      attempts: { type: 'number', default: 3 },
      org: { type: 'string', default: 'test', allowed: ['test', 'production'] },
    },
    ...extra,
  });

const errorsOf = (input: unknown, params?: Record<string, string | number | boolean>) => {
  const result = validatePlan(input, { params });
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ code, path }) => `${code} ${path}`);
};

test('values given at start and defaults are filled in anywhere, URLs included', () => {
  const result = validatePlan(platformPlan(), { params: { platformUrl: 'http://127.0.0.1:8080', flow: 'ib-billing' } });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const step = result.plan.phases[0].steps[0] as { with: { url: string }; timeout?: string };
  expect(step.with.url).toBe('http://127.0.0.1:8080/api/v2/flows/actions/publish?flow=ib-billing');
  expect(step.timeout).toBe('2m');
  expect(result.params).toEqual({ platformUrl: 'http://127.0.0.1:8080', flow: 'ib-billing', publishTimeout: '2m', attempts: 3, org: 'test' });
});

test('a sole reference keeps its type: a number param fills a number field', () => {
  const plan = platformPlan();
  (plan.phases[0] as { steps: Record<string, unknown>[] }).steps[0].retry = { maximumAttempts: '${param:attempts}' };
  const result = validatePlan(plan, { params: { platformUrl: 'https://api.mypurecloud.com', attempts: '5' } });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.plan.phases[0].steps[0].retry).toEqual({ maximumAttempts: 5 });
});

test('a param without default and without value is required, named at params.NAME', () => {
  expect(errorsOf(platformPlan())).toContain('required params.platformUrl');
});

test('unknown params, undeclared references and ill-typed values name their path', () => {
  expect(errorsOf(platformPlan(), { platformUrl: 'ftp://x', nope: '1' })).toEqual(
    expect.arrayContaining(['unknown-param params.nope', 'invalid-value params.platformUrl']),
  );
  expect(errorsOf(platformPlan(), { platformUrl: 'https://x.example', attempts: 'many', org: 'staging' })).toEqual(
    expect.arrayContaining(['invalid-value params.attempts', 'invalid-value params.org']),
  );
  const undeclared = testPlan('undeclared', [{ id: 'p', steps: [httpStep('s', 'https://${param:host}/x')] }]);
  expect(errorsOf(undeclared)).toContain('unknown-param phases[0].steps[0].with.url');
});

test('a bad declaration is the schema’s error, and nothing is substituted', () => {
  const plan = platformPlan({ params: { platformUrl: { type: 'uri' } } });
  expect(errorsOf(plan)).toContain('invalid-value params.platformUrl.type');
  expect(applyParams(plan).input).toBe(plan);
});

test('${secret:NAME} may stand anywhere in a URL, the host included', () => {
  const plan = testPlan('secret-host', [{ id: 'p', steps: [httpStep('s', 'https://${secret:CC_HOST}/api/${secret:CC_PATH}?t=${secret:T}')] }]);
  expect(validatePlan(plan).ok).toBe(true);
  const broken = testPlan('secret-broken', [{ id: 'p', steps: [httpStep('s', 'ftp://${secret:CC_HOST}/x')] }]);
  expect(errorsOf(broken)).toContain('invalid-format phases[0].steps[0].with.url');
});

test('--param pairs', () => {
  expect(parseParamArguments(['platformUrl=http://h:1/a=b', 'flow=', '=x', 'bad name=1'])).toEqual({
    values: { platformUrl: 'http://h:1/a=b', flow: '' },
    errors: ['--param =x: expected NAME=value', '--param bad name=1: expected NAME=value'],
  });
});
