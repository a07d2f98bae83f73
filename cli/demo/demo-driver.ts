/**
 * The demo's team, acting through the same API routes an operator uses, each with its own role's
 * token: it completes manual checklist items (placing real test calls into the simulator for the
 * smoke test), and tells the story as it goes. Gates are the person's in `wait` mode: the driver
 * only prints the commands. In `auto` mode it also approves the go/no-go, degrades the traffic once
 * the first hypercare evaluation passed, and decides the breach that follows with a rollback.
 */
import { isDeepStrictEqual } from 'node:util';
import type { StatusDocument } from '../../workflows/status-document';
import { callApi } from '../api-client';
import type { DemoTokens } from './demo-tokens';

export type DemoMode = 'wait' | 'auto';

export interface DemoDriverOptions {
  api: string;
  cutoverId: string;
  tokens: DemoTokens;
  /** The simulated contact center's base URL (admin routes: calls, traffic). */
  simulatorUrl?: string;
  mode: DemoMode;
  /** Degrade the traffic once the first evaluation passed (default: in auto mode). */
  degrade?: boolean;
  /** One line of the story. */
  tell: (line: string) => void;
  pollMs?: number;
  /** Stops the team (the stack is shutting down). */
  signal?: AbortSignal;
}

export interface DemoOutcome {
  doc: StatusDocument;
  /** Calls by outcome while the cutover ran (simulator only). */
  calls?: Record<string, number>;
  /** Whether the platform's configuration equals the night-before export (simulator only). */
  configurationRestored?: boolean;
}

/** What the degraded weekend looks like: the watch's limits are breached on every count. */
export const DEGRADED_TRAFFIC = { abandonRate: 0.2, trunkErrorRate: 0.03, agentLoginFailuresPerHour: 8, ahtSeconds: 430, serviceLevel: 0.6 };

async function simulator<T>(base: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(route, base), { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`simulator ${method} ${route}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

class Driver {
  private readonly done = new Set<string>();
  private lastState = '';
  private degraded = false;
  private readonly steps = new Map<string, string>();

  constructor(private readonly options: DemoDriverOptions) {}

  private as(role: string | null | undefined) {
    const token = (role ? this.options.tokens.tokenFor(role) : undefined) ?? this.options.tokens.tokenFor('cutover-lead');
    return { api: this.options.api, token };
  }

  private once(key: string, line: string): void {
    if (this.done.has(key)) return;
    this.done.add(key);
    this.options.tell(line);
  }

  private async act(key: string, role: string | null | undefined, path: string, body: unknown): Promise<void> {
    if (this.done.has(key)) return;
    try {
      await callApi(this.as(role), 'POST', `/cutovers/${encodeURIComponent(this.options.cutoverId)}${path}`, body);
      this.done.add(key);
    } catch (err) {
      this.options.tell(`  (${key} refused: ${(err as Error).message})`);
      this.done.add(key);
    }
  }

  /** A smoke test is real calls into the simulator: the evidence is what the callers got. */
  private async evidenceFor(stepId: string, title: string): Promise<string> {
    const sim = this.options.simulatorUrl;
    if (!sim || !/smoke|test-call/.test(stepId)) return `demo team: ${title} done`;
    const before = await simulator<{ events: { seq: number }[] }>(sim, 'GET', '/admin/events');
    const since = before.events.at(-1)?.seq ?? 0;
    await simulator(sim, 'POST', '/admin/calls', { test: true });
    const counts = await simulator<Record<string, number>>(sim, 'GET', `/admin/calls?since=${since}`);
    return `test calls: ${Object.entries(counts).map(([outcome, n]) => `${n} ${outcome}`).join(', ')}`;
  }

  private narrate(doc: StatusDocument): void {
    if (doc.state !== this.lastState) {
      this.options.tell(`cutover is ${doc.state}${doc.phase ? ` (phase ${doc.phase})` : ''}`);
      this.lastState = doc.state;
    }
    for (const step of doc.steps) {
      if (this.steps.get(step.id) === step.state) continue;
      this.steps.set(step.id, step.state);
      if (['succeeded', 'failed', 'compensated', 'skipped', 'awaiting-operator'].includes(step.state)) this.options.tell(`  step ${step.id}: ${step.state}${step.error ? ` (${step.error.message})` : ''}`);
    }
    for (const record of doc.decisions) {
      if (record.effect === 'decided') this.once(`decided:${record.gate}`, `  gate ${record.gate}: ${record.decision} by ${record.operator}${record.reason ? ` (${record.reason})` : ''}`);
    }
  }

  private gateCommand(gateId: string, role: string, decision: string): string {
    return `npx golive decide ${this.options.cutoverId} ${gateId} ${decision} --reason "…" --api ${this.options.api} --token ${this.as(role).token}`;
  }

  private async handleGates(doc: StatusDocument): Promise<void> {
    for (const item of doc.waiting?.items ?? []) {
      if (item.kind !== 'gate') continue;
      const gate = doc.gates.find((g) => g.id === item.id)!;
      const isGoNoGo = gate.kind === 'go-no-go';
      if (this.options.mode === 'wait') {
        const lines = isGoNoGo
          ? item.roles.map((role) => `    as ${role}: ${this.gateCommand(item.id, role, 'go')}`)
          : [`    as cutover-lead: ${this.gateCommand(item.id, 'cutover-lead', 'continue')}  (or pause / rollback)`];
        this.once(`wait:${item.id}`, [`waiting for you: gate ${item.id} (${item.what}; ${gate.evaluation?.reasons.join('; ') ?? `${item.quorum ?? 1} approval(s)`})`, ...lines].join('\n'));
        continue;
      }
      if (isGoNoGo) {
        const remaining = item.roles.filter((role) => !this.done.has(`go:${item.id}:${role}`));
        for (const role of remaining.slice(0, Math.max(1, (item.quorum ?? 1) - (item.approvedBy?.length ?? 0)))) {
          await this.act(`go:${item.id}:${role}`, role, `/gates/${encodeURIComponent(item.id)}/decisions`, { decision: 'go', reason: `${role}: checklist complete, no open high issues` });
        }
      } else {
        await this.act(`rollback:${item.id}`, 'cutover-lead', `/gates/${encodeURIComponent(item.id)}/decisions`, { decision: 'rollback', reason: `numbers out of bounds: ${gate.evaluation?.reasons.join('; ') ?? 'breach'}` });
      }
    }
  }

  private async handleSteps(doc: StatusDocument): Promise<void> {
    for (const step of doc.steps) {
      if (step.awaiting === 'completion') {
        const evidence = await this.evidenceFor(step.id, step.title);
        await this.act(`complete:${step.id}:${step.runs}`, step.owner, `/steps/${encodeURIComponent(step.id)}/complete`, { evidence });
      } else if (step.awaiting) {
        this.once(`answer:${step.id}:${step.runs}`, `waiting for you: step ${step.id} failed; npx golive retry|skip ${this.options.cutoverId} ${step.id} --api ${this.options.api} --token ${this.as('cutover-lead').token}`);
      }
    }
  }

  /** Auto mode: once the first hypercare evaluation passed on the new platform, the numbers go bad. */
  private async maybeDegrade(doc: StatusDocument): Promise<void> {
    const sim = this.options.simulatorUrl;
    if (!(this.options.degrade ?? this.options.mode === 'auto') || !sim || this.degraded) return;
    const passed = doc.decisions.some((d) => d.decision === 'continue' && d.source === 'auto');
    if (!passed) return;
    this.degraded = true;
    await simulator(sim, 'POST', '/admin/traffic', DEGRADED_TRAFFIC);
    this.options.tell(`simulator: traffic degraded (${Object.entries(DEGRADED_TRAFFIC).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  }

  async run(): Promise<DemoOutcome | undefined> {
    const sim = this.options.simulatorUrl;
    const before = sim ? await simulator<{ events: { seq: number }[] }>(sim, 'GET', '/admin/events') : undefined;
    const since = before?.events.at(-1)?.seq ?? 0;
    const exported = sim ? await simulator<unknown>(sim, 'GET', '/admin/configuration') : undefined;
    while (!this.options.signal?.aborted) {
      const doc = await callApi<StatusDocument>(this.as('cutover-lead'), 'GET', `/cutovers/${encodeURIComponent(this.options.cutoverId)}`);
      this.narrate(doc);
      if (doc.endedAt) {
        if (!sim) return { doc };
        const calls = await simulator<Record<string, number>>(sim, 'GET', `/admin/calls?since=${since}`);
        const now = await simulator<unknown>(sim, 'GET', '/admin/configuration');
        return { doc, calls, configurationRestored: isDeepStrictEqual(now, exported) };
      }
      await this.handleSteps(doc);
      await this.handleGates(doc);
      await this.maybeDegrade(doc);
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 250));
    }
    return undefined;
  }
}

/** Runs the demo team until the cutover ends (the outcome: how it ended, what callers heard) or it is stopped. */
export function driveDemo(options: DemoDriverOptions): Promise<DemoOutcome | undefined> {
  return new Driver(options).run();
}
