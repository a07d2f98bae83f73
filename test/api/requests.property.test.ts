/**
 * Property-based, over real HTTP against the dev server and a real worker: hostile requests to
 * every route (bodies, headers, ids, paths, query strings) never get a 5xx, every error comes in
 * the envelope, and a refused request leaves every watched cutover's status document as it was
 * (an accepted one may change only the cutover it names). Two cutovers are watched: one waiting
 * on a manual step, one paused with its go/no-go gate open and an issue reported.
 */
import fc from 'fast-check';
import type { StatusDocument } from '../../workflows/status-document';
import { startApiStack, testAuth, testTokens, type ApiStack } from '../support/api-stack';
import { testPlan } from '../support/plans';
import { rawRequest, type RawResponse } from '../support/raw-http';
import { hostileRequest, type HostileRequest, type Targets } from '../support/request-arbitraries';

let stack: ApiStack;
const roles = { 'cutover-lead': 'Dana', network: 'Sam', agent: 'Ana' };
const gate = { id: 'go-no-go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 2 }, criteria: { noOpenIssuesAtOrAbove: 'critical' } };

/** How each watched cutover is started and brought to the state the requests meet. */
const fixtures = {
  MANUAL: {
    plan: testPlan('props-manual', [
      { id: 'prepare', steps: [{ id: 'sign-off', kind: 'manual', owner: 'cutover-lead', with: { instructions: 'Sign' } }] },
      { id: 'cutover', gate, steps: [{ id: 'switch', kind: 'noop' }] },
    ], { roles }),
    ready: (doc: StatusDocument) => doc.steps[0].awaiting === 'completion',
    prepare: async () => {},
  },
  GATED: {
    plan: testPlan('props-gate', [{ id: 'cutover', gate, steps: [{ id: 'switch', kind: 'manual', with: { instructions: 'Switch' } }] }], { roles }),
    ready: (doc: StatusDocument) => doc.gates[0]?.state === 'open',
    prepare: async (id: string) => {
      await post(`/api/v1/cutovers/${id}/issues`, { severity: 'low', summary: 'agents report echo' });
      await post(`/api/v1/cutovers/${id}/pause`, { reason: 'hold while the carrier checks' });
    },
  },
};
type Fixture = keyof typeof fixtures;

/** The requests name the watched cutovers by these placeholders; each case puts in the current ids. */
const targets: Targets = {
  cutovers: Object.keys(fixtures),
  steps: ['sign-off', 'switch'],
  gates: ['go-no-go'],
  issues: ['ISS-1', 'ISS-2'],
  tokens: [testTokens.dana.token, testTokens.ana.token],
};
const live = {} as Record<Fixture, { id: string; doc: string }>;

async function post(path: string, body: unknown): Promise<void> {
  const res = await stack.call('POST', path, body);
  if (res.status >= 300) throw new Error(`setup ${path}: ${res.status} ${JSON.stringify(res.body)}`);
}

const ENDED = new Set(['rolling-back', 'rolled-back', 'completed', 'no-go', 'failed']);

/** Two reads 150 ms apart that agree, no step under way (but for waiting ones): an accepted message may set the workflow going. */
async function settled(id: string): Promise<string> {
  for (let last = ''; ; await new Promise((r) => setTimeout(r, 150))) {
    const doc = await stack.status(id);
    const now = JSON.stringify(doc);
    const underWay = doc.steps.some((step) => (step.state === 'running' || step.state === 'compensating') && !step.awaiting);
    if (now === last && !underWay) return now;
    last = now;
  }
}

/** Starts (again, when an accepted request ended it) the watched cutover and brings it to its state. */
async function ensure(name: Fixture): Promise<void> {
  if (live[name] && !ENDED.has((JSON.parse(live[name].doc) as StatusDocument).state)) return;
  const fixture = fixtures[name];
  const id = await stack.startCutover(fixture.plan, `props-${name.toLowerCase()}`);
  await stack.waitFor(id, fixture.ready);
  await fixture.prepare(id);
  live[name] = { id, doc: await settled(id) };
}

function withLiveIds(req: HostileRequest): HostileRequest {
  const put = (text: string) => (Object.keys(live) as Fixture[]).reduce((out, name) => out.replaceAll(name, live[name].id), text);
  return { ...req, target: put(req.target), body: req.body === undefined ? undefined : put(req.body) };
}

function expectEnvelope(res: RawResponse): void {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(body).toEqual({ error: expect.objectContaining({ code: expect.stringMatching(/^[a-z-]+$/), message: expect.any(String) }) });
}

beforeAll(async () => {
  stack = await startApiStack({ auth: testAuth(), defaultToken: testTokens.dana.token });
  for (const name of Object.keys(fixtures) as Fixture[]) await ensure(name);
});

afterAll(async () => {
  for (const { id } of Object.values(live)) await stack?.harness.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  await stack?.stop();
});

test('hostile requests to every route: never a 5xx, errors in the envelope, a refusal changes nothing', async () => {
  const { hostname, port } = new URL(stack.api.url);
  await fc.assert(
    fc.asyncProperty(hostileRequest(targets), async (hostile) => {
      for (const name of Object.keys(fixtures) as Fixture[]) await ensure(name);
      const req = withLiveIds(hostile);
      const res = await rawRequest(hostname, Number(port), req);
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) expectEnvelope(res);
      else expect(() => JSON.parse(res.text)).not.toThrow();
      if (res.status === 201 && req.kind === 'start') {
        // A generated plan started: not a watched cutover; stop it.
        await stack.harness.client.workflow.getHandle(JSON.parse(res.text).id).terminate('property test');
      }
      await Promise.all(
        (Object.keys(live) as Fixture[]).map(async (name) => {
          const { id, doc } = live[name];
          // Only an accepted operator message to this very cutover may change it.
          const accepted = res.status < 300 && req.method === 'POST' && req.target.startsWith(`/api/v1/cutovers/${id}/`);
          if (accepted) live[name].doc = await settled(id);
          else expect(JSON.stringify(await stack.status(id))).toBe(doc);
        }),
      );
    }),
    { numRuns: 300 },
  );
}, 180_000);
