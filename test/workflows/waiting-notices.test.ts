/**
 * People are told when they are waited on (issue 8 item 4), on the real dev server: a gate, a
 * manual step, a failed step and a manual compensation send a `waiting` notice to the roles that
 * can act, with the CLI commands and (from the worker's GOLIVE_CONSOLE_URL) a console link; past
 * a timeout the escalation goes to the plan's `escalateTo` roles and is on the record.
 */
import { formatStatus } from '../../cli/status-format';
import { until } from '../support/api-calls';
import { useCutoverTestEnv } from '../support/cutover-harness';
import { recordHistoryIfAsked } from '../support/histories';
import { lead, sendUpdate, stepState, waitForStatus } from '../support/operator';
import { httpStep, testPlan } from '../support/plans';

const env = useCutoverTestEnv();
const CONSOLE = 'https://golive.example.com/console';

beforeAll(() => {
  process.env.GOLIVE_NOTIFY_WEBHOOK_URL = `${env.http.url}/hook`;
  process.env.GOLIVE_CONSOLE_URL = CONSOLE;
});

afterAll(() => {
  delete process.env.GOLIVE_NOTIFY_WEBHOOK_URL;
  delete process.env.GOLIVE_CONSOLE_URL;
});

interface Notice {
  text: string;
  event: string;
  cutoverId: string;
  roles: string[];
  recipients: { name: string; role: string }[];
  data?: { gate?: string; step?: string; act?: { commands: string[]; console?: string } };
}

const noticesOf = (id: string) =>
  env.http.requests
    .filter((request) => request.path === '/hook')
    .map((request) => JSON.parse(request.body) as Notice)
    .filter((notice) => notice.cutoverId === id);

/** The first notice of `event` about `target` (a gate or step id), once it has arrived. */
async function noticeFor(id: string, event: string, target: string): Promise<Notice> {
  const about = (notice: Notice) => notice.event === event && (notice.data?.gate === target || notice.data?.step === target);
  const found = await until(async () => noticesOf(id).filter(about), (list) => list.length > 0, 15_000);
  return found[0];
}

const roster = {
  roles: { 'cutover-lead': 'Dana', network: 'Sam', ivr: 'Ivy', 'duty-manager': 'Mo' },
  stakeholders: [
    { name: 'Dana', role: 'cutover-lead' },
    { name: 'Sam', role: 'network' },
    { name: 'Ivy', role: 'ivr' },
    { name: 'Mo', role: 'duty-manager' },
  ],
};
const names = (notice: Notice) => notice.recipients.map((person) => person.name).sort();

test('waiting notices reach those who can act, with the CLI command and the console link; escalations go to escalateTo and are recorded', async () => {
  env.http.route('/publish', { status: 500 });
  const id = await env.harness.start(
    testPlan(
      'waiting-notices',
      [
        { id: 'prep', steps: [{ id: 'cable-check', kind: 'manual', owner: 'network', timeout: '300ms', escalateTo: ['ivr'], with: { instructions: 'Check the SBC cabling' } }] },
        {
          id: 'cutover',
          gate: { id: 'go', kind: 'go-no-go', approvers: { roles: ['cutover-lead'], quorum: 1 }, timeout: '300ms', onTimeout: 'escalate' },
          steps: [httpStep('publish', `${env.http.url}/publish`, [], { owner: 'network' })],
          checkpoints: { every: '100ms', count: 1, metrics: [{ id: 'trunk-errors', source: { kind: 'static', value: 9 }, max: 5 }], decideTimeout: '300ms', escalateTo: ['network'] },
        },
      ],
      { ...roster, settings: { escalateTo: ['duty-manager'] } },
    ),
  );

  // A manual step: its owner and the cutover lead are told how to complete it; late, the step's escalateTo (ivr) hears.
  const manual = await noticeFor(id, 'waiting', 'cable-check');
  expect(manual.roles).toEqual(['network', 'cutover-lead']);
  expect(names(manual)).toEqual(['Dana', 'Sam']);
  expect(manual.text).toContain('Check the SBC cabling');
  expect(manual.text).toContain(`golive complete ${id} cable-check --evidence`);
  const manualLate = await noticeFor(id, 'escalation', 'cable-check');
  expect(manualLate).toMatchObject({ roles: ['ivr'], recipients: [{ name: 'Ivy', role: 'ivr' }] });
  expect(manualLate.text).toContain('waiting since');
  expect(manualLate.text).toContain('network (Sam)');
  const escalatedStep = (await env.harness.status(id)).steps.find((step) => step.id === 'cable-check')!;
  expect(escalatedStep).toMatchObject({ state: 'running', awaiting: 'completion', escalatedTo: ['ivr'] });
  expect(escalatedStep.escalatedAt).toEqual(expect.any(String));
  await sendUpdate(env.harness.client, id, 'completeStep', { step: 'cable-check', evidence: 'photo in ticket 42', operator: 'sam', roles: ['network'] });

  // The gate: the approvers get the decide commands and the console link; undecided, the plan's default escalateTo hears.
  const gate = await noticeFor(id, 'waiting', 'go');
  expect(gate).toMatchObject({ roles: ['cutover-lead'], recipients: [{ name: 'Dana', role: 'cutover-lead' }] });
  expect(gate.text).toContain(`golive decide ${id} go go --reason`);
  expect(gate.text).toContain(`Console: ${CONSOLE}?cutover=${id}`);
  expect(gate.data?.act).toEqual({ commands: [`golive decide ${id} go go --reason "<why>"`, `golive decide ${id} go no-go --reason "<why>"`], console: `${CONSOLE}?cutover=${id}` });
  const gateLate = await noticeFor(id, 'escalation', 'go');
  expect(gateLate).toMatchObject({ roles: ['duty-manager'], recipients: [{ name: 'Mo', role: 'duty-manager' }] });
  expect(gateLate.roles).not.toEqual(gate.roles);
  expect(gateLate.data?.act?.commands).toEqual(gate.data?.act?.commands);
  const escalatedDoc = await env.harness.status(id);
  const gateStatus = escalatedDoc.gates.find((g) => g.id === 'go')!;
  expect(gateStatus).toMatchObject({ state: 'open', escalatedTo: ['duty-manager'] });
  expect(gateStatus.escalatedAt).toEqual(expect.any(String));
  // What the cutover waits for says so too, and so does `golive status`.
  expect(escalatedDoc.waiting?.items[0]).toMatchObject({ kind: 'gate', id: 'go', escalatedTo: ['duty-manager'] });
  expect(formatStatus(escalatedDoc)).toMatch(/gate go: decide go \/ no-go; .*, escalated to duty-manager/);
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'go', decision: 'go', reason: 'all green', ...lead });

  // A failed step waits for an answer: its owner and the cutover lead get retry / skip / rollback.
  const answer = await noticeFor(id, 'waiting', 'publish');
  expect(answer.roles).toEqual(['network', 'cutover-lead']);
  expect(answer.data?.act?.commands).toEqual([
    `golive retry ${id} publish --reason "<why>"`,
    `golive skip ${id} publish --reason "<why>"`,
    `golive rollback ${id} --reason "<why>"`,
  ]);
  await sendUpdate(env.harness.client, id, 'answerStep', { step: 'publish', action: 'skip', reason: 'publish by hand', ...lead });

  // A breached checkpoint: its approvers are asked; undecided, the block's escalateTo (network) hears.
  const checkpoint = await noticeFor(id, 'waiting', 'cutover-checkpoint-1');
  expect(checkpoint.roles).toEqual(['cutover-lead']);
  expect(checkpoint.data?.act?.commands).toHaveLength(3);
  const checkpointLate = await noticeFor(id, 'escalation', 'cutover-checkpoint-1');
  expect(checkpointLate).toMatchObject({ roles: ['network'], recipients: [{ name: 'Sam', role: 'network' }] });
  await waitForStatus(env.harness.client, id, (doc) => doc.gates.some((g) => g.id === 'cutover-checkpoint-1' && g.escalatedTo !== undefined));
  await sendUpdate(env.harness.client, id, 'decide', { gate: 'cutover-checkpoint-1', decision: 'continue', reason: 'known carrier noise', ...lead });

  const doc = await env.harness.finished(id);
  await recordHistoryIfAsked(env.harness.client, id, 'waiting-notice-escalation');
  expect(doc.state).toBe('completed');
  const escalations = doc.actions.filter((action) => action.action === 'escalate');
  expect(escalations.map((action) => [action.target, action.operator, action.source])).toEqual([
    ['cable-check', 'golive', 'auto'],
    ['go', 'golive', 'auto'],
    ['cutover-checkpoint-1', 'golive', 'auto'],
  ]);
  expect(doc.gates.find((g) => g.id === 'cutover-checkpoint-1')).toMatchObject({ escalatedTo: ['network'] });
  // The old `gate-opened` notice is replaced by the waiting one: approvers get one message, not two.
  expect(noticesOf(id).some((notice) => notice.event === 'gate-opened')).toBe(false);
});

test('without escalateTo a late manual step escalates to its owner as before (recorded); a manual compensation asks for completion; no console URL, commands only', async () => {
  delete process.env.GOLIVE_CONSOLE_URL;
  try {
    const id = await env.harness.start(
      testPlan('waiting-no-escalate-to', [
        {
          id: 'p',
          steps: [
            { id: 'verify', kind: 'manual', owner: 'network', timeout: '300ms', with: { instructions: 'Place a test call' } },
            { id: 'forward', kind: 'noop', dependsOn: ['verify'], compensate: { kind: 'manual', with: { instructions: 'Point the numbers back at legacy' } } },
            { id: 'sign-off', kind: 'manual', owner: 'cutover-lead', dependsOn: ['forward'], with: { instructions: 'Sign off' } },
          ],
        },
      ]),
    );
    const waiting = await noticeFor(id, 'waiting', 'verify');
    expect(waiting.roles).toEqual(['network', 'cutover-lead']);
    expect(waiting.text).not.toContain('Console:');
    expect(waiting.data?.act).toEqual({ commands: [`golive complete ${id} verify --evidence "<what was done, where to see it>"`] });
    const late = await noticeFor(id, 'escalation', 'verify');
    expect(late.roles).toEqual(['network']);
    await waitForStatus(env.harness.client, id, (doc) => doc.steps[0].escalatedTo !== undefined);
    await sendUpdate(env.harness.client, id, 'completeStep', { step: 'verify', evidence: 'call 0800 routed', operator: 'sam', roles: ['network'] });

    // Roll back while sign-off waits: the manual compensation of `forward` needs an operator.
    await noticeFor(id, 'waiting', 'sign-off');
    await sendUpdate(env.harness.client, id, 'rollback', { reason: 'carrier outage', ...lead });
    const compensation = await noticeFor(id, 'waiting', 'forward');
    expect(compensation.roles).toEqual(['cutover-lead']);
    expect(compensation.text).toContain('Compensation of step forward');
    expect(compensation.text).toContain('Point the numbers back at legacy');
    await waitForStatus(env.harness.client, id, (doc) => stepState(doc, 'forward') === 'compensating');
    await sendUpdate(env.harness.client, id, 'completeStep', { step: 'forward', evidence: 'numbers on legacy again', ...lead });
    const doc = await env.harness.finished(id);
    expect(doc.state).toBe('rolled-back');
    expect(doc.steps[0]).toMatchObject({ escalatedTo: ['network'] });
    expect(doc.actions.filter((action) => action.action === 'escalate').map((action) => action.target)).toEqual(['verify']);
  } finally {
    process.env.GOLIVE_CONSOLE_URL = CONSOLE;
  }
});

test('a wait picked up by a new run (continue-as-new) is not announced twice, and escalates once, on time, to escalateTo', async () => {
  const exports = Array.from({ length: 6 }, (_, i) => httpStep(`export-${i}`, `${env.http.url}/can-wait/export-${i}`, i > 0 ? [`export-${i - 1}`] : []));
  const signOff = { id: 'sign-off', kind: 'manual', owner: 'network', timeout: '1500ms', escalateTo: ['duty-manager'], dependsOn: ['export-5'], with: { instructions: 'Sign the change' } };
  const id = await env.harness.start(testPlan('waiting-continue-as-new', [{ id: 'prepare', steps: [...exports, signOff] }], roster), { historyLimit: 20 });
  const late = await noticeFor(id, 'escalation', 'sign-off');
  expect(late.roles).toEqual(['duty-manager']);
  const waiting = await waitForStatus(env.harness.client, id, (doc) => doc.steps.find((step) => step.id === 'sign-off')?.escalatedTo !== undefined);
  expect(waiting.run).toBeGreaterThan(1);
  const signOffStatus = waiting.steps.find((step) => step.id === 'sign-off')!;
  // Escalated at its timeout counted from the step's start, not from the new run's.
  expect(Date.parse(signOffStatus.escalatedAt!) - Date.parse(signOffStatus.startedAt!)).toBeGreaterThanOrEqual(1500);
  await sendUpdate(env.harness.client, id, 'completeStep', { step: 'sign-off', evidence: 'CHG-42', operator: 'sam', roles: ['network'] });
  const doc = await env.harness.finished(id);
  expect(doc.state).toBe('completed');
  const aboutSignOff = noticesOf(id).filter((notice) => notice.data?.step === 'sign-off');
  expect(aboutSignOff.map((notice) => notice.event)).toEqual(['waiting', 'escalation']);
  expect(doc.actions.filter((action) => action.action === 'escalate').map((action) => action.target)).toEqual(['sign-off']);
});
