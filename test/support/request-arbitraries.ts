/**
 * Hostile API requests for the property-based API suite: every route, aimed at the suite's live
 * cutovers (or at hostile ids), with near-valid or arbitrary bodies, any Content-Type, any
 * Authorization, oversized headers, raw or encoded paths and query strings.
 */
import fc from 'fast-check';
import { hostileString, hostileValue } from './hostile-values';
import { genPlan, planOf } from './plan-arbitraries';
import { mutated, mutation } from './plan-mutations';
import type { RawRequest } from './raw-http';

/** The suite's live targets, and the tokens it knows. */
export interface Targets {
  cutovers: string[];
  steps: string[];
  gates: string[];
  issues: string[];
  /** Tokens the API knows (unknown ones are made up here). */
  tokens: string[];
}

/** A value that is often the right one for a field, otherwise anything. */
const either = (valid: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
const text = fc.oneof(
  { weight: 8, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.string({ minLength: 2001, maxLength: 2100 }) },
);

/** Each route's body fields, written as they should be; `nearValid` below damages them. */
const bodyFields = {
  decide: { decision: fc.constantFrom('go', 'no-go', 'continue', 'pause', 'rollback'), reason: text },
  complete: { evidence: text },
  answer: { reason: text },
  control: { reason: text },
  report: {
    severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
    summary: text,
    details: text,
    callTime: fc.constant('2026-01-01T00:00:00Z'),
    callerAni: fc.constant('+15550100'),
    csrUsername: fc.constant('agent7'),
    screenshots: fc.array(fc.constantFrom('https://img.example/1.png', 'not a url'), { maxLength: 2 }),
  },
  resolve: { resolution: text },
} satisfies Record<string, Record<string, fc.Arbitrary<unknown>>>;

type BodyKind = keyof typeof bodyFields | 'start' | 'validate' | 'none';

/** Who the body may claim to be: the token decides, so any of these makes the body invalid. */
const forged = fc.oneof(
  { weight: 9, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constantFrom({ operator: 'mallory' }, { roles: ['*'] }, { source: 'auto' }, { expiresAt: '2999-01-01T00:00:00Z' }) },
);

/** The route's fields, each maybe wrong (undefined: missing), maybe a forged identity, then maybe damaged further. */
function nearValid(kind: keyof typeof bodyFields): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(Object.entries(bodyFields[kind]).map(([k, v]) => [k, either(v)]));
  const damage = fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) });
  return fc.tuple(fc.record(fields), forged, damage).map(([body, identity, mutations]) => mutated({ ...body, ...identity }, mutations));
}

/** A plan for start and validate: generated (noop steps only, so a started one needs nothing), damaged, or anything. */
const planValue: fc.Arbitrary<unknown> = fc.oneof(
  genPlan.map((gen) => planOf({ ...gen, phases: gen.phases.map((p) => ({ ...p, steps: p.steps.map((s) => ({ ...s, kind: 'noop' as const })) })) })),
  fc.tuple(genPlan, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([gen, ms]) => mutated(planOf(gen), ms)),
  hostileValue,
);

function bodyOf(kind: BodyKind, t: Targets): fc.Arbitrary<unknown> {
  if (kind === 'none') return hostileValue;
  if (kind === 'validate') return fc.record({ plan: planValue }, { requiredKeys: [] });
  if (kind === 'start') {
    return fc.record({ plan: planValue, id: either(fc.constantFrom(...t.cutovers, 'fresh')), mode: either(fc.constantFrom('live', 'rehearsal')) }, { requiredKeys: ['plan'] });
  }
  return nearValid(kind);
}

/** Percent-encoded, or (now and then, or when it cannot be: a lone surrogate) raw. */
function encoded(value: string, raw: boolean): string {
  try {
    if (!raw) return encodeURIComponent(value);
  } catch {
    // sent raw below
  }
  return value.replace(/[\s?#&=]/g, '');
}

/** A path segment: one of the live ids, or anything, encoded or (now and then) sent raw. */
const segment = (known: string[]) =>
  fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: hostileString }), fc.nat(9)).map(([value, n]) => encoded(value, n === 0));

interface Route {
  method: 'GET' | 'POST';
  path: (t: Targets) => fc.Arbitrary<string>;
  body: BodyKind;
}

const cutover = (t: Targets) => segment(t.cutovers);
const under = (suffix: (t: Targets) => fc.Arbitrary<string>) => (t: Targets) =>
  fc.tuple(cutover(t), suffix(t)).map(([id, rest]) => `/api/v1/cutovers/${id}${rest}`);

const routes: Route[] = [
  { method: 'POST', path: under((t) => segment(t.gates).map((g) => `/gates/${g}/decisions`)), body: 'decide' },
  { method: 'POST', path: under((t) => segment(t.steps).map((s) => `/steps/${s}/complete`)), body: 'complete' },
  { method: 'POST', path: under((t) => fc.tuple(segment(t.steps), fc.constantFrom('retry', 'skip')).map(([s, a]) => `/steps/${s}/${a}`)), body: 'answer' },
  { method: 'POST', path: under(() => fc.constantFrom('/pause', '/resume', '/rollback')), body: 'control' },
  { method: 'POST', path: under(() => fc.constant('/issues')), body: 'report' },
  { method: 'POST', path: under((t) => segment(t.issues).map((i) => `/issues/${i}/resolve`)), body: 'resolve' },
  { method: 'POST', path: () => fc.constant('/api/v1/cutovers'), body: 'start' },
  { method: 'POST', path: () => fc.constant('/api/v1/plans/validate'), body: 'validate' },
  { method: 'GET', path: under(() => fc.constantFrom('', '/steps', '', '/history')), body: 'none' },
  { method: 'GET', path: () => fc.constant('/api/v1/cutovers'), body: 'none' },
];

const query = fc.oneof(
  { weight: 8, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom('?pageSize=0', '?limit=1e9', '?cursor=..', '?view=summary', '?state=running&state=bogus', '?id=a,b', '?id[x]=1', '?cursor=%zz') },
  { weight: 1, arbitrary: fc.tuple(hostileString, hostileString, fc.nat(9)).map(([k, v, n]) => `?${encoded(k, n === 0)}=${encoded(v, n === 0)}`) },
);

const authorization = (t: Targets) =>
  fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom(...t.tokens).map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Bearer token-nobody', `bearer ${t.tokens[0]}`, 'Basic dG9rZW4=', `Bearer ${t.tokens[0]} extra`) },
    { weight: 1, arbitrary: hostileString.map((s) => `Bearer ${s}`) },
  );

const contentType = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/yaml',
      'text/plain',
      'application/json; charset=utf-16',
      'application/json; charset=bogus',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '*/*',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileString },
);

/** How the body goes on the wire: JSON (maybe cut short), or as text. */
const encoding = fc.oneof({ weight: 12, arbitrary: fc.constant('json') }, { weight: 1, arbitrary: fc.constantFrom('truncated', 'string', 'none') });

function wire(body: unknown, how: string, cut: number): string | undefined {
  if (how === 'none') return undefined;
  // Not String(body): an object with a "toString" field of its own would throw.
  if (how === 'string') return typeof body === 'string' ? body : Object.prototype.toString.call(body);
  const json = JSON.stringify(body) ?? '';
  return how === 'truncated' ? json.slice(0, cut % (json.length + 1)) : json;
}

/** Now and then, headers beyond the usual ones: the CLI's source marker, an encoding, padding over Node's limit. */
const extraHeaders = fc.oneof(
  { weight: 10, arbitrary: fc.constant([]) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('x-golive-source', 'accept', 'x-forwarded-for', 'content-encoding', 'expect'), hostileString) },
        { weight: 3, arbitrary: fc.constantFrom<[string, string]>(['content-encoding', 'gzip'], ['transfer-encoding', 'chunked'], ['x-golive-source', 'cli']) },
        { weight: 1, arbitrary: fc.integer({ min: 16_000, max: 40_000 }).map((n): [string, string] => ['x-padding', 'p'.repeat(n)]) },
      ),
      { minLength: 1, maxLength: 2 },
    ),
  },
);

/** Header values go on the wire as UTF-8; a CR or LF would end the header, so they are dropped. */
const headerValue = (value: string) => value.replace(/[\r\n]/g, '');

export interface HostileRequest extends RawRequest {
  /** Which body the route takes (decide, control, start, …; none for a GET). */
  kind: BodyKind;
}

export function hostileRequest(t: Targets): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        path: route.path(t),
        query,
        body: bodyOf(route.body, t),
        how: route.method === 'GET' ? fc.constant('none') : encoding,
        cut: fc.nat(),
        auth: authorization(t),
        type: contentType,
        extra: extraHeaders,
      })
      .map(({ path, query, body, how, cut, auth, type, extra }) => {
        const headers: [string, string][] = [];
        if (auth !== undefined) headers.push(['authorization', headerValue(auth)]);
        const payload = wire(body, how, cut);
        if (payload !== undefined && type !== undefined) headers.push(['content-type', headerValue(type)]);
        for (const [name, value] of extra) headers.push([name, headerValue(value)]);
        return { method: route.method, kind: route.body, target: `${path}${query}`, headers, body: payload };
      }),
  );
}
