/**
 * The demo of `golive dev --demo` / `npm start`: an example plan run against the simulated contact
 * center (examples/contact-center) with its params pointing at it, on a clock where an hour of the
 * weekend is a second (the simulator's traffic runs at the same speed), with one operator token per
 * role and the demo team (demo-driver.ts) doing the legwork.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiServer } from '../../api/server';
import type { ValidatedPlan } from '../../api/plan-body';
import { PlanValidator } from '../../api/plan-validation';
import type { ParamValue } from '../../plan/params';
import { defaultCutoverId } from '../../api/routes/cutovers';
import { startContactCenter, type ContactCenterServer } from '../../examples/contact-center/server';
import { projectRoot } from '../../workers/project-root';
import { driveDemo, type DemoMode, type DemoOutcome } from './demo-driver';
import { demoTokens, type DemoTokens } from './demo-tokens';

export type { DemoMode };

export const DEFAULT_DEMO_PLAN = 'genesys-cloud-go-live';

/** An hour of the plan's time is a second of the demo's (4-hourly watch: every 4 s; a 48 h weekend: 48 s). */
const DEMO_SPEED = 3600;

interface Simulated {
  /** The params the plan takes from the simulator. */
  params: (simulatorUrl: string) => Record<string, string>;
  /** The `${secret:NAME}` the plan sends as its platform token: the simulator requires it too. */
  tokenSecret?: string;
}

/** The example plans the demo runs against the simulator (plans not listed run without one). */
const SIMULATED: Partial<Record<string, Simulated>> = {
  'genesys-cloud-go-live': { params: (url) => ({ platformUrl: url, legacyReportingUrl: url, healthUrl: url }), tokenSecret: 'GENESYS_TOKEN' },
  'amazon-connect-launch': { params: (url) => ({ connectUrl: url, healthUrl: url, instanceId: 'demo-instance' }), tokenSecret: 'CONNECT_TOKEN' },
};

/** The platform token: the operator's own GOLIVE_SECRET_<NAME>, else one made up for this process (the worker reads it here). */
function simulatedToken(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const variable = `GOLIVE_SECRET_${name}`;
  process.env[variable] ??= randomBytes(18).toString('base64url');
  return process.env[variable];
}

export interface DemoRequest {
  plan: string;
  mode: DemoMode;
}

export interface PreparedDemo {
  request: DemoRequest;
  validated: ValidatedPlan;
  simulator?: ContactCenterServer;
  tokens: DemoTokens;
  /** The speed-up of its clock (3600: an hour takes a second; 1 without a simulator). */
  timeScale: number;
}

/** As the API validates a plan: params filled in, deploy graphs discovered from the platform. */
export async function validatedPlan(text: string, params: Record<string, ParamValue> | undefined): Promise<ValidatedPlan> {
  const validator = new PlanValidator();
  try {
    return await validator.validate(text, undefined, params);
  } finally {
    await validator.close();
  }
}

/** Starts the simulator (when the plan uses one), fills the plan's params in and writes the tokens. */
export async function prepareDemo(dataDir: string, request: DemoRequest): Promise<PreparedDemo> {
  const text = readFileSync(path.join(projectRoot, 'examples', `${request.plan}.yaml`), 'utf8');
  const simulated = SIMULATED[request.plan];
  const simulator = simulated ? await startContactCenter({ speed: DEMO_SPEED, callIntervalMs: 250, token: simulatedToken(simulated.tokenSecret) }) : undefined;
  try {
    const validated = await validatedPlan(text, simulator && simulated ? simulated.params(simulator.url) : undefined);
    return { request, validated, simulator, tokens: demoTokens(dataDir, validated.plan), timeScale: simulator ? DEMO_SPEED : 1 };
  } catch (err) {
    await simulator?.close();
    throw err;
  }
}

export interface RunningDemo {
  id: string;
  /** Resolves when the cutover ends (or the demo is stopped: then with undefined). */
  outcome: Promise<DemoOutcome | undefined>;
  stop(): Promise<void>;
}

/** Starts the cutover (as the stack itself: it holds no operator token) and the demo team. */
export async function launchDemo(api: ApiServer, demo: PreparedDemo, tell: (line: string) => void): Promise<RunningDemo> {
  const { plan, params } = demo.validated;
  const id = (await api.cutovers.start(plan, defaultCutoverId(plan.name, new Date()), 'live', 'golive dev', { params, timeScale: demo.timeScale })).id;
  const abort = new AbortController();
  const outcome = driveDemo({ api: api.url, cutoverId: id, tokens: demo.tokens, simulatorUrl: demo.simulator?.url, mode: demo.request.mode, tell, signal: abort.signal }).catch((err: unknown) => {
    if (!abort.signal.aborted) tell(`demo team stopped: ${(err as Error).message}`);
    return undefined;
  });
  return {
    id,
    outcome,
    async stop() {
      abort.abort();
      await outcome;
      await demo.simulator?.close();
    },
  };
}

/** The lines `golive dev` prints about the demo: where to look and how to act as each role. */
export function demoBanner(demo: PreparedDemo, running: RunningDemo, apiUrl: string): string[] {
  const lines = [`  demo cutover ${running.id} (${demo.validated.plan.name}, ${demo.request.mode === 'auto' ? 'scripted: the whole weekend, then a rollback' : 'waiting for you at each decision'})`];
  if (demo.simulator) lines.push(`  simulator    ${demo.simulator.url} (an hour of the weekend is a second)`);
  lines.push(`  tokens       ${demo.tokens.file}`);
  for (const entry of demo.tokens.operators) lines.push(`    ${entry.roles.join(', ').padEnd(16)} ${entry.operator.padEnd(10)} ${entry.token}`);
  lines.push(`  watch it     npx golive status ${running.id} --api ${apiUrl} --token ${demo.tokens.tokenFor('cutover-lead') ?? '<token>'}`);
  return lines;
}
